import struct Foundation.Date

extension Incident {
    /// Escalation waits while the incident is silenced, blocked by a dependency, or recovering.
    var isPaused: Bool {
        silencedBy != nil || recoveringSince != nil || state == .blocked
    }

    /// Open, unacknowledged and not paused: steps and repeats may fire.
    var isEscalating: Bool {
        isOpen && !isAcknowledged && !isPaused
    }
}

extension IncidentBook {
    /// Fires every step due at `time` that has not fired, in order, then the repeat, if due.
    ///
    /// A repeat is due when `openedAt + last.after + n × repeat_every <= time` for an `n` above
    /// `repeatsFired`; however many are due, one fires and `repeatsFired` jumps to the latest
    /// `n`. None fires in a call that fired the last step itself, nor after a pause
    /// (`skippingMissedRepeats`): those only move `repeatsFired` on, so nobody gets two
    /// messages at once.
    func escalate(_ change: inout IncidentChange, at time: Date, skippingMissedRepeats: Bool = false) {
        guard change.incident.isEscalating else { return }
        let policy = config.policy(for: change.incident)
        let allFiredBefore = change.incident.stepsFired >= policy.steps.count
        while change.incident.stepsFired < policy.steps.count {
            let number = change.incident.stepsFired + 1
            guard change.incident.openedAt.adding(policy.steps[number - 1].after) <= time else { break }
            change.incident.stepsFired = number
            fire(step: number, of: policy, repeating: false, &change, at: time)
        }
        guard let every = policy.repeatEvery, every > .zero, let last = policy.steps.last,
              change.incident.stepsFired >= policy.steps.count
        else { return }
        let elapsed = time.timeIntervalSince(change.incident.openedAt.adding(last.after))
        // Saturating: an incident opened at a far-off stored time must not trap the count.
        let due = elapsed < every.seconds ? 0 : Int(saturating: (elapsed / every.seconds).rounded(.down))
        guard due > change.incident.repeatsFired else { return }
        change.incident.repeatsFired = due
        if allFiredBefore && !skippingMissedRepeats {
            fire(step: policy.steps.count, of: policy, repeating: true, &change, at: time)
        }
    }

    /// Notifies a step's recipients and records it: step 1 announces the incident (`opened`),
    /// later steps escalate it, and a repeat says so.
    private func fire(step number: Int, of policy: EscalationPolicy, repeating: Bool, _ change: inout IncidentChange, at time: Date) {
        guard let integration = config.integration(change.incident.integrationID) else { return }
        let targets = policy.steps[number - 1].notify
        let channels = Recipients.channels(for: targets, of: integration, in: config)
        change.markNotified(channels)
        let event = repeating
            ? change.record(.repeated, at: time, step: number, text: TimelineText.repeated(number))
            : change.record(.escalated, at: time, step: number,
                            text: TimelineText.step(number, reached: Recipients.reached(by: targets, of: integration, in: config)))
        let kind: Notice.Kind = repeating ? .repeated : (number == 1 ? .opened : .escalated)
        let headline = Headline.breach(integration.name, change.incident.state, change.incident.reason)
        change.notify(kind, channels: channels, about: event, content: composer.content(for: change.incident, headline: headline, step: number))
    }
}
