import BatonCore
import Foundation
import ServiceLifecycle

/// Drives time in the incident logic: once a second, due steps fire and silences start or end.
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
            monitor.tick(at: monitor.clock())
            try? await Task.sleep(for: period)
        }
    }
}
