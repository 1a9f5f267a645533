import Foundation

/// Finds the built executables: `$BATON_BIN_DIR` (set by scripts/test.sh), else the folder of this test binary.
enum Binaries {
    static let directory: String = {
        if let fromEnvironment = ProcessInfo.processInfo.environment["BATON_BIN_DIR"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = (executable as NSString).deletingLastPathComponent
        // swift test runs .build/<triple>/debug/BatonPackageTests.xctest (a file on Linux, a bundle elsewhere).
        while folder.hasSuffix(".xctest") || folder.hasSuffix("MacOS") || folder.hasSuffix("Contents") {
            folder = (folder as NSString).deletingLastPathComponent
        }
        return folder
    }()

    static var batond: String { directory + "/batond" }
    static var baton: String { directory + "/baton" }
}
