import BatonCore
import Foundation
import ServiceLifecycle

/// Drives time: once a second, overdue heartbeats turn stale, due escalation steps fire, and
/// silences start or end.
struct EscalationService: Service {
    let monitor: Monitor
    let period: Duration

    init(monitor: Monitor, period: Duration = .seconds(1)) {
        self.monitor = monitor
        self.period = period
    }

    func run() async throws {
        // The first tick fires whatever came due while the daemon was down, in order, once.
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let now = monitor.clock()
            monitor.checkHeartbeats(at: now)
            monitor.tick(at: now)
            try? await Task.sleep(for: period)
        }
    }
}
