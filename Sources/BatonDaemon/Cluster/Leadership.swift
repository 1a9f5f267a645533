import BatonHTTP
import Foundation
import Synchronization

/// Whether this node acts — probes, escalates, delivers — or stands by, and who leads.
///
/// With SQLite there is one node and it always leads. With PostgreSQL the ``LeaseService``
/// promotes and demotes it; every acting service asks ``isLeading`` before it acts, and the
/// answer turns false by itself when the lease was not renewed in time, even if the loop that
/// renews it is stuck (a node paused by SIGSTOP wakes up no longer leading).
final class Leadership: Sendable {
    enum Role: String, Sendable {
        case leader, standby
    }

    /// A consistent copy, for `GET /v1/status` and `/metrics`.
    struct View: Sendable, Equatable {
        var role: Role
        var node: String
        var leader: String?
        var leaderSince: Date?
        var epoch: Int64
    }

    private struct State {
        var view: View
        /// Monotonic nanoseconds after which this node no longer acts without a renewal.
        var validUntil: UInt64
        /// Set when a write was refused by the fence: the lease service demotes at once.
        var lostBecause: String?
    }

    let node: String
    /// True with PostgreSQL: leadership is decided by the lease.
    let shared: Bool
    private let state: Mutex<State>
    /// Wakes the lease service when leadership was lost elsewhere (a fenced write).
    let lost = WakeSignal()

    private init(node: String, shared: Bool, view: View, validUntil: UInt64) {
        self.node = node
        self.shared = shared
        state = Mutex(State(view: view, validUntil: validUntil))
    }

    /// The only node, leading for good (SQLite).
    static func single(node: String, since: Date) -> Leadership {
        Leadership(node: node, shared: false, view: View(role: .leader, node: node, leader: node, leaderSince: since, epoch: 0), validUntil: .max)
    }

    /// A node of a cluster, standing by until the lease says otherwise.
    static func clustered(node: String) -> Leadership {
        Leadership(node: node, shared: true, view: View(role: .standby, node: node, leader: nil, leaderSince: nil, epoch: 0), validUntil: 0)
    }

    /// True while this node leads and its lease is still valid by its own clock.
    var isLeading: Bool {
        state.withLock { $0.view.role == .leader && $0.lostBecause == nil && MonotonicInstant.now().nanoseconds < $0.validUntil }
    }

    var view: View {
        state.withLock { $0.view }
    }

    /// Leads from now, with this epoch, until `validUntil` unless renewed.
    func promote(epoch: Int64, since: Date, validUntil: UInt64) {
        state.withLock { state in
            state.view = View(role: .leader, node: node, leader: node, leaderSince: since, epoch: epoch)
            state.validUntil = validUntil
            state.lostBecause = nil
        }
    }

    /// The lease was renewed: act until `validUntil`.
    func extend(until validUntil: UInt64) {
        state.withLock { $0.validUntil = max($0.validUntil, validUntil) }
    }

    /// Stands by; `leader` is who leads now, if known.
    func demote(leader: String?, since: Date?) {
        state.withLock { state in
            state.view.role = .standby
            state.view.leader = leader
            state.view.leaderSince = since
            state.validUntil = 0
            state.lostBecause = nil
        }
    }

    /// Who leads, as a standby last read it.
    func observe(leader: String?, since: Date?, epoch: Int64) {
        state.withLock { state in
            guard state.view.role == .standby else { return }
            state.view.leader = leader
            state.view.leaderSince = since
            state.view.epoch = epoch
        }
    }

    /// A write was refused because another node leads: stop acting now, and let the lease service demote.
    func fenced(_ reason: String) {
        state.withLock { $0.lostBecause = $0.lostBecause ?? reason }
        lost.signal()
    }

    /// When a fenced write lost leadership: stands by at once and says why (once), for the lease service.
    func takeLostReason() -> String? {
        state.withLock { state in
            guard let reason = state.lostBecause else { return nil }
            state.view.role = .standby
            state.validUntil = 0
            state.lostBecause = nil
            return reason
        }
    }
}
