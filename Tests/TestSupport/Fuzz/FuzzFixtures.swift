import Foundation

/// Inputs that once failed, kept as files named by their hash under
/// `Tests/Fixtures/fuzz/<target>/` and replayed by every short run.
///
/// The folder is found from this source file, so it works from any clone directory; the files
/// are read at run time, so a new fixture needs no rebuild.
public enum FuzzFixtures {
    /// `Tests/Fixtures/fuzz` of the clone this file was compiled in.
    public static var root: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Fuzz
            .deletingLastPathComponent()  // TestSupport
            .deletingLastPathComponent()  // Tests
            .appendingPathComponent("Fixtures/fuzz")
    }

    /// One stored input.
    public struct Fixture: Sendable, CustomStringConvertible {
        /// The file name: the hash and an extension.
        public var name: String
        public var bytes: [UInt8]
        public var description: String { name }

        /// The hash part of the name.
        public var hash: String { String(name.prefix { $0 != "." }) }
    }

    /// Every fixture of `target`, in name order (empty when there are none).
    public static func all(_ target: String) -> [Fixture] {
        let folder = root.appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") }.sorted().compactMap { name in
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { return nil }
            return Fixture(name: name, bytes: Array(data))
        }
    }

    /// 16 hex digits of FNV-1a over the bytes: the same input always gets the same name.
    public static func hash(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Saves a failing input as `<hash>.<ext>` and returns its path: in the fixtures when
    /// `settings.savesFixtures`, else in a temporary folder (move it into the fixtures to keep it).
    @discardableResult
    public static func save(_ bytes: [UInt8], ext: String, target: String, settings: FuzzSettings) -> String {
        let folder = settings.savesFixtures
            ? root.appendingPathComponent(target)
            : URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("baton-fuzz-findings/\(target)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("\(hash(bytes)).\(ext)")
        try? Data(bytes).write(to: file, options: .atomic)
        return file.path
    }
}
