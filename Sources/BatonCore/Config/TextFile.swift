import Foundation

/// Reads a whole UTF-8 text file, with a reason an operator can act on when it cannot.
enum TextFile {
    /// Why a file could not be read.
    enum Failure: Error, Equatable, CustomStringConvertible {
        case missing
        case isFolder
        case unreadable
        case notUTF8(EncodingProblem)

        /// Says nothing about the bytes: the file may hold a secret (`${file:…}`).
        /// ``EncodingProblem/explanation`` says more, for config files.
        var description: String {
            switch self {
            case .missing: "no such file"
            case .isFolder: "is a folder, not a file"
            case .unreadable: "cannot be read (check its permissions)"
            case .notUTF8: "is not UTF-8 text"
            }
        }
    }

    static func read(_ path: String) -> Result<String, Failure> {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return .failure(.missing) }
        guard !isFolder.boolValue else { return .failure(.isFolder) }
        guard let data = FileManager.default.contents(atPath: path) else { return .failure(.unreadable) }
        return decode(data)
    }

    /// The text of `data`, which must be UTF-8 without NUL bytes (a NUL is valid UTF-8, but
    /// no text file has one, and UTF-16 text of ASCII letters is otherwise valid UTF-8).
    static func decode(_ data: Data) -> Result<String, Failure> {
        if !data.contains(0), let text = String(data: data, encoding: .utf8) { return .success(text) }
        return .failure(.notUTF8(EncodingProblem(Array(data))))
    }
}
