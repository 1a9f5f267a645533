import BatonHTTP
import Logging
import ServiceLifecycle

/// Runs the monitor for the life of the daemon: probing starts with the service and stops on shutdown.
struct MonitorService: Service {
    let monitor: Monitor
    let engine: HTTPEngine
    let leadership: Leadership

    func run() async throws {
        // In a cluster the lease service starts probing when this node takes the lead.
        if !leadership.shared { monitor.start() }
        try? await gracefulShutdown()
        monitor.stop()
        // Cancels what is still queued or in flight; their completions record nothing.
        engine.shutdown()
        monitor.logger.info("probing stopped")
    }
}
