import Foundation

/// Reads a whole UTF-8 text file, with a reason an operator can act on when it cannot.
enum TextFile {
    /// Why a file could not be read.
    enum Failure: Error, Equatable, CustomStringConvertible {
        case missing
        case isFolder
        case unreadable
        case notUTF8

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
        guard let text = String(data: data, encoding: .utf8) else { return .failure(.notUTF8) }
        return .success(text)
    }
}
