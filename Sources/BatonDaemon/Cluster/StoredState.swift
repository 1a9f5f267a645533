import BatonCore
import BatonStore
import Foundation

/// What the monitor starts from: integration states, live incidents, silences and the next ids.
struct StoredState: Sendable {
    var persisted: [String: PersistedIntegration]
    var incidents: [Incident]
    var nextIncidentID: Int
    var silences: [Silence]
    var nextSilenceID: Int

    /// Reads it from the store, as a restart or a new leader needs it.
    static func load(from store: StateStore, at now: Date) async throws -> StoredState {
        async let persisted = store.loadIntegrations()
        async let incidents = store.loadLiveIncidents(resolvedSince: now.addingTimeInterval(-IncidentBook.defaultCooldown.seconds))
        async let silences = store.silences(activeAt: now)
        async let nextIncidentID = store.nextIncidentID()
        async let nextSilenceID = store.nextSilenceID()
        return try await StoredState(
            persisted: persisted, incidents: incidents, nextIncidentID: nextIncidentID, silences: silences, nextSilenceID: nextSilenceID
        )
    }
}
