/// Which integrations depend on which, to show `blocked` instead of a second alarm.
///
/// When the CRM API is down, the lead sync that reads from it will go stale too; paging
/// its owner as well would only add noise. So an integration whose dependency (direct
/// or transitive) is stale or down shows `blocked`, naming the root causes.
///
/// Config validation rejects cycles, but a graph built from anything else still
/// terminates: a dependency already being visited contributes nothing.
public struct DependencyGraph: Sendable {
    /// Direct dependencies by integration id, in declared order.
    private let dependencies: [String: [String]]
    /// Direct dependents by integration id.
    private let dependents: [String: [String]]

    public init(_ integrations: [Integration]) {
        var dependencies: [String: [String]] = [:]
        var dependents: [String: [String]] = [:]
        for integration in integrations {
            dependencies[integration.id, default: []].append(contentsOf: integration.dependsOn)
            for dependency in integration.dependsOn {
                dependents[dependency, default: []].append(integration.id)
            }
        }
        self.dependencies = dependencies
        self.dependents = dependents
    }

    /// The state to show for every integration in the graph or in `own`.
    ///
    /// A dependency counts as a root cause when its own state is stale or down and it is
    /// not itself blocked; a blocked dependency passes its root causes on. An integration
    /// missing from `own` is `unknown`.
    public func effectiveStates(_ own: [String: IntegrationState]) -> [String: EffectiveState] {
        var causes: [String: Set<String>] = [:]
        var visiting: Set<String> = []
        var result: [String: EffectiveState] = [:]
        for id in Set(dependencies.keys).union(own.keys) {
            // Only a cycle could lead back to `id` itself; an integration never blocks itself.
            let roots = rootCauses(of: id, own: { own[$0] }, memo: &causes, visiting: &visiting).subtracting([id])
            result[id] = roots.isEmpty
                ? EffectiveState(state: own[id] ?? .unknown)
                : EffectiveState(state: .blocked, blockedBy: roots.sorted())
        }
        return result
    }

    /// The state to show for one integration: what ``effectiveStates(_:)`` gives for `id`,
    /// computed over `id`'s dependencies only, so a state change costs the size of its neighbourhood.
    public func effectiveState(of id: String, own: [String: IntegrationState]) -> EffectiveState {
        effectiveState(of: id) { own[$0] }
    }

    /// The same, reading own states through `own` (where they live, not a copy of them).
    public func effectiveState(of id: String, own: (String) -> IntegrationState?) -> EffectiveState {
        var causes: [String: Set<String>] = [:]
        var visiting: Set<String> = []
        let roots = rootCauses(of: id, own: own, memo: &causes, visiting: &visiting).subtracting([id])
        return roots.isEmpty
            ? EffectiveState(state: own(id) ?? .unknown)
            : EffectiveState(state: .blocked, blockedBy: roots.sorted())
    }

    /// The integrations `id` blocks when it breaches: every direct or transitive dependent, sorted.
    public func blocks(_ id: String) -> [String] {
        var found: Set<String> = []
        var pending = dependents[id] ?? []
        while let next = pending.popLast() {
            guard next != id, found.insert(next).inserted else { continue }
            pending.append(contentsOf: dependents[next] ?? [])
        }
        return found.sorted()
    }

    /// Every direct or transitive dependency of `id`, sorted.
    public func upstream(of id: String) -> [String] {
        var found: Set<String> = []
        var pending = dependencies[id] ?? []
        while let next = pending.popLast() {
            guard next != id, found.insert(next).inserted else { continue }
            pending.append(contentsOf: dependencies[next] ?? [])
        }
        return found.sorted()
    }

    /// Depth-first, memoized: each integration's root causes are computed once.
    private func rootCauses(
        of id: String, own: (String) -> IntegrationState?, memo: inout [String: Set<String>], visiting: inout Set<String>
    ) -> Set<String> {
        if let known = memo[id] { return known }
        guard visiting.insert(id).inserted else { return [] }
        defer { visiting.remove(id) }
        var roots: Set<String> = []
        for dependency in dependencies[id] ?? [] where dependency != id {
            let upstream = rootCauses(of: dependency, own: own, memo: &memo, visiting: &visiting)
            if upstream.isEmpty, own(dependency)?.isBreach == true {
                roots.insert(dependency)
            } else {
                roots.formUnion(upstream)
            }
        }
        memo[id] = roots
        return roots
    }
}
