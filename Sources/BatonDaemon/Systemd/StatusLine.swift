import BatonCore

/// The one-line summary systemd shows: `42 integrations: 40 healthy, 1 degraded, 1 stale; 1 open incident`.
enum StatusLine {
    static func text(_ snapshot: MonitorSnapshot) -> String {
        var counts: [IntegrationState: Int] = [:]
        for entry in snapshot.integrations.values { counts[entry.effective.state, default: 0] += 1 }
        let order: [IntegrationState] = [.healthy, .degraded, .stale, .down, .blocked, .unknown]
        let parts = order.compactMap { state in counts[state].map { "\($0) \(state.rawValue)" } }
        let total = snapshot.integrations.count
        var line = "\(total) integration\(total == 1 ? "" : "s")" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
        let open = snapshot.openIncidents.count
        line += "; \(open) open incident\(open == 1 ? "" : "s")"
        return line
    }
}

/// Keeps `systemctl status` current, once every `period`.
struct StatusReporter: Sendable {
    let monitor: Monitor
    let writer: StateWriter
    let notifier: SystemdNotifier
    let period: Duration

    func run() async {
        guard notifier.isActive else { return }
        while !Task.isCancelled {
            try? await Task.sleep(for: period)
            if let failure = writer.failure {
                notifier.status("STORAGE FAILING since \(WireTime.text(failure.since)): \(failure.message); waiting to be stored: \(writer.backlog.description)")
            } else if let error = monitor.configError {
                notifier.status("config reload failed; running the previous config: \(error)")
            } else {
                notifier.status(StatusLine.text(monitor.snapshot()))
            }
        }
    }
}
