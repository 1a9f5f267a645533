/// Finds cycles in `depends_on`: an integration that (indirectly) depends on itself would
/// be "blocked" by itself forever.
struct DependencyCycles {
    let integrations: [IntegrationDraft]

    /// Reports each cycle once, as `a → b → c → a`, at the `depends_on` entry that starts it,
    /// beginning with the integration declared first.
    func report(to diagnostics: ConfigDiagnostics) {
        var order: [String: Int] = [:]
        var edges: [String: [Located<String>]] = [:]
        for integration in integrations {
            guard let id = integration.id?.value, order[id] == nil else { continue }
            order[id] = order.count
            edges[id] = integration.dependsOn.filter { $0.value != id }
        }
        var state: [String: VisitState] = [:]
        var path: [(id: String, via: Located<String>?)] = []
        var seen = Set<[String]>()

        func visit(_ id: String, via: Located<String>?) {
            state[id] = .inProgress
            path.append((id, via))
            for next in edges[id] ?? [] where order[next.value] != nil {
                switch state[next.value] {
                case nil:
                    visit(next.value, via: next)
                case .inProgress?:
                    guard let start = path.lastIndex(where: { $0.id == next.value }) else { continue }
                    var cycle = path[start...].map(\.id)
                    var refs = Array(path[(start + 1)...].compactMap(\.via)) + [next]
                    // Rotate to start at the integration declared first, so one cycle is one error.
                    let first = cycle.indices.min { (order[cycle[$0]] ?? 0) < (order[cycle[$1]] ?? 0) } ?? 0
                    cycle = Array(cycle[first...] + cycle[..<first])
                    refs = Array(refs[first...] + refs[..<first])
                    guard seen.insert(cycle).inserted, let ref = refs.first else { continue }
                    let text = (cycle + [cycle[0]]).joined(separator: " → ")
                    diagnostics.report("depends_on: dependency cycle \(text)", at: ref.location)
                case .done?:
                    continue
                }
            }
            path.removeLast()
            state[id] = .done
        }

        for integration in integrations {
            if let id = integration.id?.value, state[id] == nil { visit(id, via: nil) }
        }
    }

    private enum VisitState {
        case inProgress, done
    }
}
