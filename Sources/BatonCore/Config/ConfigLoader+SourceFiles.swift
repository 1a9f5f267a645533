import Foundation

extension ConfigLoader {
    /// The files to read, in merge order: `explicit` (a `--config` flag), else `$BATON_CONFIG`,
    /// else `baton.yaml` plus `conf.d/*.yaml` in ``systemFolder`` (`/etc/baton`).
    ///
    /// A folder means every `*.yaml` / `*.yml` directly in it, in name order, followed by its
    /// `conf.d/*.yaml` in name order. Hidden files are skipped: editors leave `.#x.yaml` lock
    /// files behind. A missing `conf.d/` is fine; a missing file or an unreadable folder is not.
    public func sourceFiles(explicit: String?) throws(ConfigErrors) -> [String] {
        if let explicit, !explicit.isEmpty { return try files(at: explicit) }
        if let fromEnvironment = environment["BATON_CONFIG"], !fromEnvironment.isEmpty { return try files(at: fromEnvironment) }
        let main = (systemFolder as NSString).appendingPathComponent("baton.yaml")
        guard isFile(main) else {
            throw Self.failure(main, "no such file (use --config PATH or $BATON_CONFIG to read another)")
        }
        return try [main] + yamlFiles(in: (systemFolder as NSString).appendingPathComponent("conf.d"), extensions: ["yaml"], required: false)
    }

    private func files(at path: String) throws(ConfigErrors) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw Self.failure(path, "no such file or folder")
        }
        guard isFolder.boolValue else { return [path] }
        let direct = try yamlFiles(in: path, extensions: ["yaml", "yml"], required: true)
        let dropIns = try yamlFiles(in: (path as NSString).appendingPathComponent("conf.d"), extensions: ["yaml"], required: false)
        guard !direct.isEmpty || !dropIns.isEmpty else {
            throw Self.failure(path, "no *.yaml or *.yml files in this folder")
        }
        return direct + dropIns
    }

    /// Regular files (or links to them) in `folder` with one of `extensions`, by name in byte order.
    private func yamlFiles(in folder: String, extensions: Set<String>, required: Bool) throws(ConfigErrors) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            if required { throw Self.failure(folder, "no such folder") }
            return []
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw Self.failure(folder, "cannot list this folder (check its permissions)")
        }
        return names
            .filter { !$0.hasPrefix(".") && extensions.contains(($0 as NSString).pathExtension) }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            .map { (folder as NSString).appendingPathComponent($0) }
            .filter(isFile)
    }

    private func isFile(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue
    }

    private static func failure(_ path: String, _ message: String) -> ConfigErrors {
        ConfigErrors([ConfigError(message, file: path)])
    }
}
