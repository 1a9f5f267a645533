import BatonCore
import BatonHTTP
import Foundation
import Logging
import ServiceLifecycle

/// `daemon.heartbeat_url`: pinged every minute while this node leads, every service loop turns and
/// storage writes succeed, so an outside dead-man switch (Healthchecks, another Baton's `/ping`)
/// notices when Baton itself dies or wedges. A failed ping is logged and tried again next time.
struct HeartbeatPinger: Service {
    let url: SecretText
    let engine: HTTPEngine
    let leadership: Leadership
    let writer: StateWriter
    let liveness: Liveness
    let logger: Logger
    var period: Duration = .seconds(60)
    /// A loop that has not turned for this long counts as wedged.
    var stallLimit: Duration = .seconds(30)

    func run() async throws {
        let shown = URLDisplay.withoutCredentials(url.redacted)
        var lastProblem: String?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let problem = await pingIfHealthy()
            if problem != lastProblem {
                if let problem {
                    logger.warning("heartbeat to \(shown) not sent: \(problem)")
                } else if lastProblem != nil {
                    logger.info("heartbeat to \(shown) sent again")
                }
                lastProblem = problem
            }
            // Cut short by shutdown: SIGTERM must not wait a minute.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: period) }
        }
    }

    /// Pings when healthy; returns why not, or why the ping failed.
    func pingIfHealthy() async -> String? {
        // A standby stays silent: the leader's heartbeat speaks for the cluster.
        guard leadership.isLeading else { return nil }
        if let failure = writer.failure { return "storage is failing (\(failure.message))" }
        let stalled = liveness.stalled(longerThan: stallLimit)
        guard stalled.isEmpty else { return "\(stalled.joined(separator: ", ")) stalled" }
        switch await engine.perform(HTTPRequest(url: url.revealed, method: "GET", timeout: .seconds(10), maxBodyBytes: 64 * 1024)) {
        case .success(let response) where (200..<300).contains(response.status):
            return nil
        case .success(let response):
            return "the receiver answered HTTP \(response.status)"
        case .failure(let error):
            return error.message
        }
    }
}
