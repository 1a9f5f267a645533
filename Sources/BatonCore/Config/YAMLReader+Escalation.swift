extension YAMLReader {
    static let policyKeys = ["steps", "repeat_every"]
    static let stepKeys = ["after", "notify"]
    static let plainTargets = ["owner", "accountable", "informed"]

    /// The `escalation_policies:` map.
    func policies(_ node: YAMLNode) -> [PolicyDraft] {
        entriesByID(node, "escalation_policies").map { id, value in
            let before = diagnostics.errors.count
            var targets: [Located<NotifyTarget>] = []
            var steps: [EscalationStep] = []
            var repeatEvery: Duration?
            let what = "escalation policy `\(id.value)`"
            if let map = mapping(value, what, allowed: Self.policyKeys) {
                if let stepsNode = required("steps", in: map, what) {
                    let items = items(stepsNode, "steps")
                    if items.isEmpty { report("steps: a policy needs at least one step", at: stepsNode) }
                    for item in items {
                        guard let (step, afterNode) = step(item, of: what, targets: &targets) else { continue }
                        if let previous = steps.last, step.after < previous.after {
                            report("after: steps must be in order of `after`; \(step.after.compact) comes after \(previous.after.compact)", at: afterNode)
                        }
                        steps.append(step)
                    }
                }
                if let value = map["repeat_every"] { repeatEvery = duration(value, "repeat_every", in: ConfigLimits.repeatEvery) }
            }
            let policy = diagnostics.errors.count == before ? EscalationPolicy(id: id.value, steps: steps, repeatEvery: repeatEvery) : nil
            return PolicyDraft(id: id, policy: policy, targets: targets)
        }
    }

    /// One step, and where its `after` is written (to point at a step out of order).
    private func step(_ node: YAMLNode, of what: String, targets: inout [Located<NotifyTarget>]) -> (EscalationStep, YAMLNode)? {
        let stepWhat = "a step of \(what)"
        guard let map = mapping(node, stepWhat, allowed: Self.stepKeys) else { return nil }
        let afterNode = required("after", in: map, stepWhat)
        let after = afterNode.flatMap { duration($0, "after", in: ConfigLimits.escalationAfter) }
        var notify: [NotifyTarget] = []
        if let notifyNode = required("notify", in: map, stepWhat) {
            let items = items(notifyNode, "notify")
            if items.isEmpty { report("notify: a step must notify someone", at: notifyNode) }
            for item in items {
                guard let text = string(item, "notify"), let target = notifyTarget(text, at: item) else { continue }
                notify.append(target)
                targets.append(Located(target, at: location(of: item)))
            }
        }
        guard let afterNode, let after else { return nil }
        return (EscalationStep(after: after, notify: notify), afterNode)
    }

    /// `owner`, `accountable`, `informed`, `team:<id>` or `channel:<id>`.
    func notifyTarget(_ text: String, at node: YAMLNode) -> NotifyTarget? {
        switch text {
        case "owner": return .owner
        case "accountable": return .accountable
        case "informed": return .informed
        default: break
        }
        for (prefix, make) in [("team:", NotifyTarget.team), ("channel:", NotifyTarget.channel)] where text.hasPrefix(prefix) {
            let id = String(text.dropFirst(prefix.count))
            guard !id.isEmpty else {
                report("notify: `\(text)` names no id; write `\(prefix)<id>`", at: node)
                return nil
            }
            return make(id)
        }
        let hint = DidYouMean.hint(for: text, among: Self.plainTargets)
        report("notify: unknown target `\(text)`; expected owner, accountable, informed, team:<id> or channel:<id>\(hint)", at: node)
        return nil
    }
}
