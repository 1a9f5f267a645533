import ArgumentParser
import BatonAPI
import Foundation

/// The monitoring-plugin exit codes of `baton status` and `baton check` (SPEC.md).
enum PluginExit {
    static let ok: Int32 = 0
    static let degraded: Int32 = 1
    static let breach: Int32 = 2
    static let unknown: Int32 = 3

    /// The worst state among `states`: stale, down or blocked → 2; degraded → 1; unknown → 3; all healthy → 0.
    static func code(for states: [String]) -> Int32 {
        if states.contains(where: { $0 == "stale" || $0 == "down" || $0 == "blocked" }) { return breach }
        if states.contains("degraded") { return degraded }
        if states.contains(where: { $0 != "healthy" }) { return unknown }
        return ok
    }
}

/// Prints a one-line error for the operator and picks the exit code.
enum Failing {
    /// - Parameters:
    ///   - unreachableCode: exit code when no daemon answers.
    ///   - failureCode: exit code when the daemon refuses the request (status and check use 3: unknown).
    static func report(_ failure: ControlClient.Failure, unreachableCode: Int32, failureCode: Int32) -> ExitCode {
        switch failure {
        case .unreachable(let message):
            printError(message)
            return ExitCode(unreachableCode)
        case .api(_, _, let message), .malformed(let message):
            printError(message)
            return ExitCode(failureCode)
        }
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("baton: \(message.printable)\n".utf8))
    }
}

/// Writes the daemon's JSON answer as it came.
func printJSON(_ data: Data) {
    FileHandle.standardOutput.write(data)
    if data.last != UInt8(ascii: "\n") { FileHandle.standardOutput.write(Data("\n".utf8)) }
}

/// Writes the daemon's JSON answer as it came, straight from the engine's buffer; a write that
/// fails (a full disk under a redirect, say) is reported and exits with `failureCode`.
func printJSON(_ bytes: [UInt8], failureCode: Int32) throws(ExitCode) {
    var written = 0
    let newline = bytes.last == UInt8(ascii: "\n") ? [] : [UInt8(ascii: "\n")]
    for piece in [bytes, newline] {
        written = 0
        while written < piece.count {
            let count = piece.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress.map { $0 + written }, piece.count - written) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                Failing.printError("cannot write the answer to standard output: \(String(cString: strerror(errno)))")
                throw ExitCode(failureCode)
            }
            written += count
        }
    }
}
