import Foundation
import Yams

/// A scenario file: the endpoints to simulate and the story they play out.
///
/// ```yaml
/// endpoints:
///   lead-sync: { last_sync_age: 4m }
///   consent-sync: { last_sync_age: 3h12m, status: 200 }
///   web-forms: { status: 503 }
/// timeline:
///   - { after: 90s, endpoint: consent-sync, set: { status: 503 } }
/// auth:                                  # optional, see ``AuthPatch``
///   token_lifetime: 60s
///   clients: { sfdc-client: sfdc-secret }
/// buckets:                               # optional: S3 buckets served under /_s3/, see ``S3Object``
///   exports:
///     - { key: "leads_{date}.csv", age: 2h, size: 12KiB }
/// ```
///
/// The vendor APIs read their freshness from endpoints named after the tool
/// (``Simulator/toolEndpoints``): `salesforce: { last_sync_age: 3h }` makes Salesforce's
/// `MAX(LastModifiedDate)` three hours old.
public struct Scenario: Decodable, Sendable, Equatable {
    /// Each endpoint's changes from the default (healthy) behaviour.
    public var endpoints: [String: EndpointPatch]
    public var timeline: [TimelineEvent]
    /// Changes to the default ``AuthSettings``, and service-account keys to trust.
    public var auth: AuthPatch
    /// The S3 buckets served under `/_s3/`, each with its objects.
    public var buckets: [String: [S3Object]]

    public init(
        endpoints: [String: EndpointPatch] = [:], timeline: [TimelineEvent] = [], auth: AuthPatch = AuthPatch(),
        buckets: [String: [S3Object]] = [:]
    ) {
        self.endpoints = endpoints
        self.timeline = timeline
        self.auth = auth
        self.buckets = buckets
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case endpoints, timeline, auth, buckets
    }

    public init(from decoder: any Decoder) throws {
        let keys = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
        let unknown = keys.filter { key in !CodingKeys.allCases.contains { $0.stringValue == key } }.sorted()
        if !unknown.isEmpty {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "unknown scenario section\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", ")); known: endpoints, timeline, auth, buckets"
            ))
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        endpoints = try container.decodeIfPresent([String: EndpointPatch].self, forKey: .endpoints) ?? [:]
        timeline = try container.decodeIfPresent([TimelineEvent].self, forKey: .timeline) ?? []
        auth = try container.decodeIfPresent(AuthPatch.self, forKey: .auth) ?? AuthPatch()
        buckets = try container.decodeIfPresent([String: [S3Object]].self, forKey: .buckets) ?? [:]
    }

    /// The full behaviour of every endpoint at start.
    public var behaviours: [String: EndpointBehaviour] {
        endpoints.mapValues { $0.applied(to: EndpointBehaviour()) }
    }

    /// The auth settings at start.
    public var authSettings: AuthSettings {
        var settings = AuthSettings()
        auth.apply(to: &settings)
        return settings
    }

    /// Parses scenario YAML; `source` names it in errors.
    public static func parse(yaml: String, source: String = "scenario") throws(ScenarioError) -> Scenario {
        do {
            return try YAMLDecoder().decode(Scenario.self, from: yaml)
        } catch let error as DecodingError {
            throw ScenarioError(source: source, message: error.plainDescription)
        } catch {
            throw ScenarioError(source: source, message: "\(error)")
        }
    }

    /// Reads and parses a scenario file.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ScenarioError(source: path, message: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(yaml: text, source: path)
    }
}

/// A scenario that cannot be used, with where and why.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var message: String

    public var description: String { "\(source): \(message)" }
}

extension DecodingError {
    /// `at endpoints.web-forms.status: expected Int` rather than Swift's debug dump.
    var plainDescription: String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.isEmpty ? "the top level" : codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch self {
        case .typeMismatch(let type, let context):
            return "at \(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "at \(path(context.codingPath)): missing \(type)"
        case .keyNotFound(let key, let context):
            return "at \(path(context.codingPath)): missing `\(key.stringValue)` (\(context.debugDescription))"
        case .dataCorrupted(let context):
            return "at \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(self)"
        }
    }
}
