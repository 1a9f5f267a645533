@testable import BatonCore
import Testing

/// Blocking by stale or down dependencies: chains, diamonds, and graphs config validation should have rejected.
struct DependencyGraphTests {
    static func integration(_ id: String, dependsOn: [String] = []) -> Integration {
        Integration(
            id: id, name: id, owner: "marketing-ops", dependsOn: dependsOn,
            probe: .heartbeat(Heartbeat(token: SecretText(literal: "t"), period: .seconds(86_400), grace: .seconds(3600)))
        )
    }

    /// c depends on b, which depends on a.
    static let chainGraph = DependencyGraph([integration("a"), integration("b", dependsOn: ["a"]), integration("c", dependsOn: ["b"])])

    /// d depends on b and c, which both depend on a.
    static let diamondGraph = DependencyGraph([
        integration("a"), integration("b", dependsOn: ["a"]), integration("c", dependsOn: ["a"]), integration("d", dependsOn: ["b", "c"]),
    ])

    typealias States = [String: IntegrationState]
    typealias Expected = [String: EffectiveState]

    static let chainCases: [(States, Expected)] = [
        (["a": .healthy, "b": .healthy, "c": .degraded],
         ["a": .init(state: .healthy), "b": .init(state: .healthy), "c": .init(state: .degraded)]),
        (["a": .down, "b": .healthy, "c": .healthy],
         ["a": .init(state: .down), "b": .init(state: .blocked, blockedBy: ["a"]), "c": .init(state: .blocked, blockedBy: ["a"])]),
        (["a": .healthy, "b": .stale, "c": .healthy],
         ["a": .init(state: .healthy), "b": .init(state: .stale), "c": .init(state: .blocked, blockedBy: ["b"])]),
        // b's own breach is explained by a: a is the root cause for c too.
        (["a": .down, "b": .stale, "c": .stale],
         ["a": .init(state: .down), "b": .init(state: .blocked, blockedBy: ["a"]), "c": .init(state: .blocked, blockedBy: ["a"])]),
        // Degraded and unknown dependencies do not block.
        (["a": .degraded, "b": .unknown, "c": .healthy],
         ["a": .init(state: .degraded), "b": .init(state: .unknown), "c": .init(state: .healthy)]),
        // A missing own state reads as unknown.
        (["a": .healthy, "c": .healthy],
         ["a": .init(state: .healthy), "b": .init(state: .unknown), "c": .init(state: .healthy)]),
    ]

    /// In a chain a ← b ← c, a breach blocks everything downstream and names the root cause.
    @Test(arguments: chainCases)
    func chain(own: States, expected: Expected) {
        #expect(Self.chainGraph.effectiveStates(own) == expected)
    }

    static let diamondCases: [(States, Expected)] = [
        (["a": .down, "b": .healthy, "c": .healthy, "d": .healthy],
         ["a": .init(state: .down), "b": .init(state: .blocked, blockedBy: ["a"]), "c": .init(state: .blocked, blockedBy: ["a"]),
          "d": .init(state: .blocked, blockedBy: ["a"])]),
        (["a": .healthy, "b": .down, "c": .stale, "d": .healthy],
         ["a": .init(state: .healthy), "b": .init(state: .down), "c": .init(state: .stale), "d": .init(state: .blocked, blockedBy: ["b", "c"])]),
        (["a": .healthy, "b": .healthy, "c": .down, "d": .down],
         ["a": .init(state: .healthy), "b": .init(state: .healthy), "c": .init(state: .down), "d": .init(state: .blocked, blockedBy: ["c"])]),
        (["a": .healthy, "b": .healthy, "c": .healthy, "d": .stale],
         ["a": .init(state: .healthy), "b": .init(state: .healthy), "c": .init(state: .healthy), "d": .init(state: .stale)]),
    ]

    /// In a diamond, root causes reached by two paths are named once, sorted.
    @Test(arguments: diamondCases)
    func diamond(own: States, expected: Expected) {
        #expect(Self.diamondGraph.effectiveStates(own) == expected)
    }

    /// `blocks` lists every direct and transitive dependent, sorted, without the integration itself.
    @Test(arguments: [
        (chainGraph, "a", ["b", "c"]), (chainGraph, "b", ["c"]), (chainGraph, "c", []),
        (diamondGraph, "a", ["b", "c", "d"]), (diamondGraph, "b", ["d"]), (diamondGraph, "d", []), (diamondGraph, "unknown-id", []),
    ])
    func blocks(graph: DependencyGraph, id: String, expected: [String]) {
        #expect(graph.blocks(id) == expected)
    }

    /// A cycle (which config validation rejects) still terminates, and nothing is blocked by itself.
    @Test func cycleTerminates() {
        let graph = DependencyGraph([Self.integration("a", dependsOn: ["b"]), Self.integration("b", dependsOn: ["a"]), Self.integration("s", dependsOn: ["s"])])
        let states = graph.effectiveStates(["a": .down, "b": .healthy, "s": .stale])
        #expect(states["a"] == EffectiveState(state: .down))
        #expect(states["b"] == EffectiveState(state: .blocked, blockedBy: ["a"]))
        #expect(states["s"] == EffectiveState(state: .stale))
        #expect(graph.blocks("a") == ["b"])
        #expect(graph.blocks("s") == [])
    }

    /// A dependency on an id that is not configured is ignored unless a state is known for it.
    @Test func unknownDependencyIsIgnored() {
        let graph = DependencyGraph([Self.integration("a", dependsOn: ["ghost"])])
        #expect(graph.effectiveStates(["a": .healthy]) == ["a": EffectiveState(state: .healthy)])
    }
}

/// The one-integration lookup agrees with the whole-graph computation.
@Test func singleLookupAgreesWithWholeGraph() {
    let integrations = ["a", "b", "c", "d"].map { id in
        Integration(id: id, name: id, owner: "t", dependsOn: id == "a" ? [] : id == "d" ? ["a", "c"] : ["a"], probe: .heartbeat(Heartbeat(token: SecretText(literal: "x"), period: .seconds(60), grace: .zero)))
    }
    let graph = DependencyGraph(integrations)
    for own: [String: IntegrationState] in [["a": .down, "b": .healthy, "c": .stale, "d": .healthy], ["a": .healthy, "c": .stale], [:]] {
        let all = graph.effectiveStates(own)
        for id in ["a", "b", "c", "d"] {
            #expect(graph.effectiveState(of: id, own: own) == all[id])
        }
    }
}
