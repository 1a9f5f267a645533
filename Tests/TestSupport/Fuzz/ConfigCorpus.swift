import Foundation
import Yams

/// The configs the fuzzer starts from: the repository's example, demo and recipe configs,
/// as text and as trees, plus what loading them needs (the variables, credentials and files
/// they reference), so a mutated config fails for what the mutation did, not for a missing
/// `${env:…}`.
public enum ConfigCorpus {
    /// The clone's root, found from this source file.
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Fuzz
            .deletingLastPathComponent()  // TestSupport
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()
    }

    /// One seed config.
    public struct Seed: Sendable {
        public var name: String
        public var text: String
        public var tree: YAMLTree?
    }

    /// `config/demo.yaml`, `config/baton.example.yaml` and `config/recipes/*.yaml`, in name order.
    public static let seeds: [Seed] = {
        let config = repositoryRoot.appendingPathComponent("config")
        let recipes = config.appendingPathComponent("recipes")
        var files = [config.appendingPathComponent("demo.yaml"), config.appendingPathComponent("baton.example.yaml")]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: recipes.path)) ?? []
        files += names.filter { $0.hasSuffix(".yaml") }.sorted().map { recipes.appendingPathComponent($0) }
        return files.compactMap { file in
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
            let tree = (try? Yams.compose(yaml: text)).flatMap { $0.map(tree(of:)) }
            return Seed(name: file.lastPathComponent, text: text, tree: tree)
        }
    }()

    static func tree(of node: Node) -> YAMLTree {
        switch node {
        case .scalar(let scalar):
            let style: YAMLTree.Style = switch scalar.style {
            case .singleQuoted: .singleQuoted
            case .doubleQuoted: .doubleQuoted
            case .literal, .folded: .literal
            default: .auto
            }
            return .scalar(scalar.string, style)
        case .sequence(let sequence):
            return .sequence(sequence.map(tree(of:)), flow: sequence.style == .flow)
        case .mapping(let mapping):
            let entries = mapping.map { key, value in YAMLTree.Entry(key.string ?? "?", tree(of: value)) }
            return .mapping(entries, flow: mapping.style == .flow)
        case .alias:
            return .text("alias")
        }
    }

    /// Every `${env:NAME}` and `${cred:NAME}` the seeds use, and the generator's own.
    static let referencedNames: (env: [String], cred: [String]) = {
        var env: Set<String> = ["FUZZ_TOKEN", "FUZZ_URL"]
        var cred: Set<String> = ["fuzz_cred"]
        for seed in seeds {
            for (kind, name) in references(in: seed.text) {
                if kind == "env" { env.insert(name) } else if kind == "cred" { cred.insert(name) }
            }
        }
        return (env.sorted(), cred.sorted())
    }()

    private static func references(in text: String) -> [(String, String)] {
        var found: [(String, String)] = []
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            rest = rest[start.upperBound...]
            guard let close = rest.firstIndex(of: "}") else { break }
            let reference = rest[..<close]
            if let colon = reference.firstIndex(of: ":") {
                found.append((String(reference[..<colon]), String(reference[reference.index(after: colon)...])))
            }
        }
        return found
    }

    /// A value for a variable or credential: a loopback URL where the name asks for one.
    static func value(for name: String) -> String {
        name.uppercased().hasSuffix("URL") ? "http://127.0.0.1:9/fuzz/\(name.lowercased())" : "fuzz-\(name.lowercased())"
    }

    /// A folder to load generated configs in: the files and credentials the seeds reference.
    public final class Home: @unchecked Sendable {
        public let folder: String
        /// Variables for ``ConfigLoader`` (and for a `baton` or `batond` run on a generated file).
        public let environment: [String: String]

        public init() throws {
            folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("baton-fuzz-\(UUID().uuidString.prefix(8))")
            let credentials = (folder as NSString).appendingPathComponent("credentials")
            let manager = FileManager.default
            try manager.createDirectory(atPath: credentials, withIntermediateDirectories: true)
            for name in ConfigCorpus.referencedNames.cred {
                try Data((ConfigCorpus.value(for: name) + "\n").utf8).write(to: URL(fileURLWithPath: credentials + "/" + name))
            }
            let demoSecrets = repositoryRoot.appendingPathComponent("config/demo-secrets")
            let copied = (folder as NSString).appendingPathComponent("demo-secrets")
            try? manager.copyItem(atPath: demoSecrets.path, toPath: copied)
            try manager.createDirectory(atPath: folder + "/secrets", withIntermediateDirectories: true)
            try Data("fuzz-onetrust-key\n".utf8).write(to: URL(fileURLWithPath: folder + "/secrets/onetrust.key"))
            var environment: [String: String] = ["CREDENTIALS_DIRECTORY": credentials]
            for name in ConfigCorpus.referencedNames.env { environment[name] = ConfigCorpus.value(for: name) }
            self.environment = environment
        }

        deinit { try? FileManager.default.removeItem(atPath: folder) }

        /// Writes `bytes` as `name` in the folder and returns the path.
        public func write(_ bytes: [UInt8], as name: String) throws -> String {
            let path = (folder as NSString).appendingPathComponent(name)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return path
        }
    }
}
