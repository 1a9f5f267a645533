import BatonCore
import Foundation
import Testing

/// Paths and scratch folders shared by the config tests.
enum ConfigFixtures {
    /// `Fixtures/config/<relative>` inside the test bundle.
    static func path(_ relative: String) throws -> String {
        let root = try #require(Bundle.module.resourceURL, "the test bundle has no resources")
        return root.appendingPathComponent("Fixtures/config").appendingPathComponent(relative).path
    }

    /// Loads one fixture with a fixed environment, so results never depend on the machine.
    static func load(_ relative: String, environment: [String: String] = [:]) throws -> Result<Config, ConfigErrors> {
        let file = try path(relative)
        do {
            return .success(try ConfigLoader(environment: environment).load(files: [file]))
        } catch {
            return .failure(error)
        }
    }

    /// The repository root, found from this source file, for files outside the test bundle.
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}

/// A temporary folder removed when the test ends.
final class ConfigScratchFolder {
    let path: String

    init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("baton-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `relative`, creating folders; returns the full path.
    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        let full = (path as NSString).appendingPathComponent(relative)
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
        return full
    }
}

extension Result where Failure == ConfigErrors {
    /// The error lines, or none when loading succeeded.
    var errorLines: [String] {
        if case .failure(let errors) = self { return errors.errors.map(\.description) }
        return []
    }
}
