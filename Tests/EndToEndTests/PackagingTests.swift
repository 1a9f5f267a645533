import Foundation
import Testing

/// How Baton is shipped: the systemd unit, `make install`, `make deb`. The Makefile is pointed at
/// the binaries already built (`BIN_SRC`), so no test builds anything.
struct PackagingTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The files `make install PREFIX=/usr` puts under DESTDIR, besides the man pages.
    static let installedFiles = [
        "usr/bin/batond",
        "usr/bin/baton",
        "usr/lib/systemd/system/batond.service",
        "usr/lib/sysusers.d/baton.conf",
        "etc/baton/baton.yaml",
        "usr/share/bash-completion/completions/baton",
        "usr/share/zsh/site-functions/_baton",
        "usr/share/fish/vendor_completions.d/baton.fish",
        "usr/share/man/man1/baton.1.gz",
        "usr/share/man/man1/baton.status.1.gz",
        "usr/share/man/man1/baton.silence.add.1.gz",
        "usr/share/man/man1/batond.1.gz",
        "usr/share/doc/baton/operations.md",
    ]

    /// The unit with its placeholders filled in, as `batond.service` in a fresh folder.
    static func unit(bindir: String = Binaries.directory) throws -> (folder: String, path: String) {
        let folder = try temporaryFolder("unit")
        let text = try String(contentsOfFile: repository + "/systemd/batond.service", encoding: .utf8)
            .replacingOccurrences(of: "@BINDIR@", with: bindir)
            .replacingOccurrences(of: "@DOCDIR@", with: repository + "/docs")
        let path = folder + "/batond.service"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (folder, path)
    }

    /// `systemd-analyze verify` has nothing to say about the unit (it exits 0 even on unknown
    /// keys, so any output is a failure).
    @Test func unitVerifiesSilently() async throws {
        let unit = try Self.unit()
        defer { try? FileManager.default.removeItem(atPath: unit.folder) }
        let result = try await Run.command("/usr/bin/systemd-analyze", ["verify", unit.path])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty, "\(result.stdout)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    /// `systemd-analyze security --offline=true` rates the unit's exposure 2.0 or lower.
    @Test func unitIsHardened() async throws {
        let unit = try Self.unit()
        defer { try? FileManager.default.removeItem(atPath: unit.folder) }
        let result = try await Run.command("/usr/bin/systemd-analyze", ["security", "--offline=true", "--no-pager", unit.path])
        let line = result.stdout.split(separator: "\n").first { $0.contains("Overall exposure level") }
        // "→ Overall exposure level for batond.service: 1.4 OK 🙂"
        let level = line?.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) }
        #expect(level != nil, "\(result.stdout)\(result.stderr)")
        #expect((level ?? 10) <= 2.0, "\(line ?? "")")
    }

    /// `make install DESTDIR=… PREFIX=/usr` lays out binaries, unit (pointing at /usr/bin/batond),
    /// sysusers entry, config, completions and man pages; a second install keeps an edited
    /// config and puts the example beside it; `make uninstall` leaves only the config.
    @Test func installLaysOutEveryFileAndKeepsTheConfig() async throws {
        let destdir = try Self.temporaryFolder("destdir")
        defer { try? FileManager.default.removeItem(atPath: destdir) }
        let install = try await Self.make(["install", "DESTDIR=\(destdir)", "PREFIX=/usr"])
        #expect(install.status == 0, "\(install.stdout)\(install.stderr)")

        let files = Self.files(under: destdir)
        for expected in Self.installedFiles {
            #expect(files.contains(expected), "\(expected) missing from \(files.sorted())")
            #expect(Self.size(destdir + "/" + expected) > 0, "\(expected) is empty")
        }
        #expect(FileManager.default.isExecutableFile(atPath: destdir + "/usr/bin/baton"))
        let unit = try String(contentsOfFile: destdir + "/usr/lib/systemd/system/batond.service", encoding: .utf8)
        #expect(unit.contains("\nExecStart=/usr/bin/batond\n"))
        #expect(!unit.split(separator: "\n").contains { !$0.hasPrefix("#") && $0.contains("@BINDIR@") })
        let zsh = try String(contentsOfFile: destdir + "/usr/share/zsh/site-functions/_baton", encoding: .utf8)
        #expect(zsh.hasPrefix("#compdef baton"))

        let config = destdir + "/etc/baton/baton.yaml"
        try "# edited by an operator\n".write(toFile: config, atomically: true, encoding: .utf8)
        let again = try await Self.make(["install", "DESTDIR=\(destdir)", "PREFIX=/usr"])
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        #expect(again.stdout.contains("kept the existing"))
        #expect(try String(contentsOfFile: config, encoding: .utf8) == "# edited by an operator\n")
        #expect(Self.size(config + ".example") > 0)

        let uninstall = try await Self.make(["uninstall", "DESTDIR=\(destdir)", "PREFIX=/usr"])
        #expect(uninstall.status == 0, "\(uninstall.stdout)\(uninstall.stderr)")
        #expect(Self.files(under: destdir) == ["etc/baton/baton.yaml"])
    }

    /// `make deb` builds baton_<VERSION>_<arch>.deb whose file list and control fields are a
    /// Debian package's: files under /usr, the config as a conffile, Depends on libcurl4.
    @Test func debCarriesTheFilesAndControlFields() async throws {
        let folder = try Self.temporaryFolder("deb")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let deb = try await Self.make(["deb", "DEB_DIR=\(folder)", "DEB_COMPRESS=none"])
        #expect(deb.status == 0, "\(deb.stdout)\(deb.stderr)")
        let version = try String(contentsOfFile: Self.repository + "/VERSION", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let architecture = try await Run.command("/usr/bin/dpkg", ["--print-architecture"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let package = "\(folder)/baton_\(version)_\(architecture).deb"
        #expect(deb.stdout.split(separator: "\n").last.map(String.init) == package)

        let contents = try await Run.command("/usr/bin/dpkg-deb", ["-c", package])
        #expect(contents.status == 0, "\(contents.stderr)")
        for expected in Self.installedFiles {
            #expect(contents.stdout.contains(" ./\(expected)\n"), "\(expected) missing from the package")
        }

        let info = try await Run.command("/usr/bin/dpkg-deb", ["-I", package])
        #expect(info.status == 0, "\(info.stderr)")
        for field in ["Package: baton", "Version: \(version)", "Architecture: \(architecture)"] {
            #expect(info.stdout.contains(" \(field)\n"), "\(field) missing from \(info.stdout)")
        }
        let depends = info.stdout.split(separator: "\n").first { $0.hasPrefix(" Depends: ") }
        #expect(depends?.contains("libcurl4") == true, "\(depends ?? "no Depends")")
        for script in ["conffiles", "postinst", "prerm", "postrm"] {
            #expect(info.stdout.contains(" \(script) "), "\(script) missing")
        }
        let conffiles = try await Run.command("/usr/bin/dpkg-deb", ["--info", package, "conffiles"])
        #expect(conffiles.stdout == "/etc/baton/baton.yaml\n")
    }

    static func make(_ arguments: [String]) async throws -> CommandResult {
        #expect(FileManager.default.isExecutableFile(atPath: Binaries.directory + "/generate-manual"),
                "generate-manual is not built in \(Binaries.directory): scripts/test.sh builds it")
        return try await Run.command("/usr/bin/make", ["--no-print-directory", "-C", repository] + arguments + ["BIN_SRC=\(Binaries.directory)"])
    }

    /// Regular files under `root`, relative to it.
    static func files(under root: String) -> Set<String> {
        var files = Set<String>()
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
                files.insert(path)
            }
        }
        return files
    }

    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    static func temporaryFolder(_ name: String) throws -> String {
        let folder = NSTemporaryDirectory() + "baton-\(name)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }
}
