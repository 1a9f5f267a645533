import Foundation

extension YAMLReader {
    /// The path of a file Baton reads while probing (a key, a certificate, a CA, known_hosts),
    /// which must exist and be readable now, so a typo fails `baton config check` instead of
    /// every probe. A relative path is relative to the config file, like `${file:…}`.
    ///
    /// Errors name the path (as written when it holds a reference), never the file's contents.
    func readableFile(_ node: YAMLNode, _ key: String) -> String? {
        let written = node.scalar?.string ?? ""
        // `${file:…}` and `${cred:…}` stand for contents: a key pasted where its path belongs.
        if written.contains("${file:") || written.contains("${cred:") {
            report("\(key): expected the path of a file, not its contents: write the path itself (a systemd credential is at ${env:CREDENTIALS_DIRECTORY}/NAME)", at: node)
            return nil
        }
        guard let path = string(node, key) else { return nil }
        guard !path.isEmpty else {
            report("\(key): expected the path of a file, found nothing", at: node)
            return nil
        }
        let resolved = resolvedPath(path)
        let shown = written.contains("${") ? written : resolved
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isFolder) else {
            report("\(key): \(shown) does not exist", at: node)
            return nil
        }
        guard !isFolder.boolValue else {
            report("\(key): \(shown) is a folder, not a file", at: node)
            return nil
        }
        guard FileManager.default.isReadableFile(atPath: resolved) else {
            report("\(key): \(shown) cannot be read (check its permissions)", at: node)
            return nil
        }
        return resolved
    }

    /// `path` made absolute against the config file's folder (and that against the working
    /// directory), so the daemon finds the file whatever its own working directory.
    func resolvedPath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        var folder = (file as NSString).deletingLastPathComponent
        if !folder.hasPrefix("/") {
            let here = FileManager.default.currentDirectoryPath
            folder = folder.isEmpty ? here : (here as NSString).appendingPathComponent(folder)
        }
        return ((folder as NSString).appendingPathComponent(path) as NSString).standardizingPath
    }
}
