import BatonCore
import Foundation
import ServiceLifecycle

/// The monitor's clock: once a second, everything that happens with time rather than with a probe —
/// overdue heartbeats turn stale, due escalation steps and repeats fire, silences and maintenance
/// windows start or end.
struct ClockService: Service {
    let monitor: Monitor
    let leadership: Leadership
    let liveness: Liveness?
    let period: Duration

    init(monitor: Monitor, leadership: Leadership, liveness: Liveness? = nil, period: Duration = .seconds(1)) {
        self.monitor = monitor
        self.leadership = leadership
        self.liveness = liveness
        self.period = period
    }

    func run() async throws {
        // The first tick fires whatever came due while the daemon was down, in order, once.
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            liveness?.beat("escalation")
            // Only the leader's clock drives escalation; a standby continues from the stored clock when it takes over.
            if leadership.isLeading {
                let now = monitor.clock()
                monitor.checkHeartbeats(at: now)
                monitor.tick(at: now)
            }
            try? await Task.sleep(for: period)
        }
    }
}
