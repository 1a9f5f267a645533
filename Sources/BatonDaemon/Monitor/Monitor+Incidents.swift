import BatonAPI
import BatonCore
import BatonStore
import Foundation
import Logging

/// Time-driven incident work, acknowledgements and silences: all under the monitor's lock, all
/// queued into the same pending batch as the state changes.
extension Monitor {
    /// Fires due escalation steps, applies silences and maintenance windows starting or ending.
    func tick(at now: Date) {
        let actions: [IncidentAction] = core.withLock { core in
            let actions = core.incidents.tick(at: now, states: core.states)
            core.pending.add(actions)
            return actions
        }
        log(actions)
    }

    /// Why an acknowledgement or a silence change was refused, in words for the operator.
    enum IncidentCommandError: Error {
        case acknowledge(AcknowledgeError)
        case unknownSilence(Int)
        case invalid(String)
    }

    /// Acknowledges an incident as `user`; returns the incident as it is now.
    func acknowledge(_ incidentID: Int, by user: String, note: String?) throws(IncidentCommandError) -> Incident? {
        let now = clock()
        let result: Result<[IncidentAction], AcknowledgeError> = core.withLock { core in
            do throws(AcknowledgeError) {
                let actions = try core.incidents.acknowledge(incidentID, by: user, note: note, at: now)
                core.pending.add(actions)
                return .success(actions)
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let actions):
            log(actions)
            return actions.compactMap { if case .save(let incident) = $0 { incident } else { nil } }.last
        case .failure(let error):
            throw .acknowledge(error)
        }
    }

    /// Makes a silence for the matching integrations, from now for `duration`.
    func addSilence(_ matcher: IntegrationMatcher, for duration: Duration, reason: String, by user: String) -> Silence {
        let now = clock()
        let silence: Silence = core.withLock { core in
            let silence = core.incidents.addSilence(matcher, for: duration, reason: reason, by: user, at: now)
            core.pending.silences[silence.id] = silence
            return silence
        }
        logger.info("silence #\(silence.id) by \(user) until \(WireTime.text(silence.endsAt)): \(reason)")
        // Applied at once: incidents it covers record the silence now, not at the next tick.
        tick(at: now)
        return silence
    }

    /// Ends a silence before its time.
    func removeSilence(_ id: Int, by user: String) throws(IncidentCommandError) -> Silence {
        let now = clock()
        let removed: Silence? = core.withLock { core in
            guard let silence = core.incidents.removeSilence(id, at: now) else { return nil }
            core.pending.silences[id] = silence
            return silence
        }
        guard let removed else { throw .unknownSilence(id) }
        logger.info("silence #\(id) removed by \(user)")
        tick(at: now)
        return removed
    }

    /// Logs timeline entries and queued notices: until notices are delivered, the log shows them.
    func log(_ actions: [IncidentAction]) {
        for action in actions {
            switch action {
            case .record(let event):
                let level: Logger.Level = event.kind == .opened || event.kind == .escalated || event.kind == .reopened ? .warning : .info
                logger.log(level: level, "incident #\(event.incidentID): \(event.text)")
            case .notify(let notice):
                logger.info("notice \(notice.key) to \(notice.channelID) (\(notice.kind.rawValue)): \(notice.content.headline)")
            case .save:
                break
            }
        }
    }
}

/// RFC 3339 for log lines and API answers.
enum WireTime {
    static func text(_ date: Date) -> String {
        WireFormat.timestamp(date)
    }
}

extension Monitor {
    /// Queues notices that belong to no state change (digests): stored with the next urgent batch.
    func queue(_ notices: [Notice]) {
        guard !notices.isEmpty else { return }
        core.withLock { $0.pending.notices.append(contentsOf: notices) }
    }
}
