import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Debian's OpenSSH `sshd` on a loopback port, serving the sftp subsystem with its own host key,
/// config and authorised client key; files live in ``root``.
///
/// It runs in the foreground (`-D`), so the PID the test holds is the listener; each connection's
/// own sshd child ends when the client closes it (shut the engine down before ``stop()``).
public final class SFTPServer: @unchecked Sendable {
    public let port: Int
    /// Where the test puts the files it serves; an absolute path, as sftp URLs take it.
    public let root: URL
    /// The login name: the user running the tests (sshd only lets that user in when not root).
    public let username: String
    /// The client's private key (ed25519, no passphrase), authorised on the server.
    public let clientKeyFile: String
    /// A known_hosts file with exactly this server's host key, for `[127.0.0.1]:port`.
    public let knownHostsFile: String
    /// This server's public host key line (`ssh-ed25519 AAAA…`).
    public let hostPublicKey: String
    private let directory: URL
    private let child: ChildProcess
    /// The sshd listener's PID, written by the shell that started it.
    private let listenerPIDFile: String

    public init() async throws {
        directory = try ChildProcess.temporaryDirectory("baton-sshd")
        let dir = directory.path
        root = directory.appendingPathComponent("files")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        username = SFTPServer.currentUser()
        // sshd refuses to start without its privilege-separation directory.
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        try SFTPServer.makeKey(dir + "/host_ed25519")
        try SFTPServer.makeKey(dir + "/client_ed25519")
        clientKeyFile = dir + "/client_ed25519"
        try FileManager.default.copyItem(atPath: dir + "/client_ed25519.pub", toPath: dir + "/authorized_keys")
        hostPublicKey = try SFTPServer.publicKeyLine(dir + "/host_ed25519.pub")
        port = LoopbackPort.closed()
        knownHostsFile = dir + "/known_hosts"
        try SFTPServer.writeKnownHosts(knownHostsFile, port: port, keyLine: hostPublicKey)
        let config = """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(dir)/host_ed25519
            PidFile \(dir)/sshd.pid
            AuthorizedKeysFile \(dir)/authorized_keys
            StrictModes no
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            PermitRootLogin prohibit-password
            Subsystem sftp internal-sftp
            LogLevel VERBOSE

            """
        try config.write(toFile: dir + "/sshd_config", atomically: true, encoding: .utf8)
        // sshd insists on an absolute path to itself (it re-executes for each connection). It runs
        // under a shell that waits for it, from when tests used Foundation's Process: sshd closes
        // every inherited descriptor, among them the socket by which Process noticed a child's exit.
        // (SpawnedProcess waits by PID and would not mind; the shell stays, and changes nothing.)
        listenerPIDFile = dir + "/listener.pid"
        let command = "/usr/sbin/sshd -D -e -f '\(dir)/sshd_config' & echo $! > '\(listenerPIDFile)'; wait"
        child = try ChildProcess("/bin/sh", ["-c", command], logFile: directory.appendingPathComponent("sshd.log"))
        do {
            try await child.waitUntilListening(on: port, within: .seconds(30))
        } catch {
            stop()
            throw error
        }
    }

    /// `sftp://127.0.0.1:port/absolute/path/to/name` for a file under ``root``.
    public func url(_ relativePath: String) -> String {
        "sftp://127.0.0.1:\(port)\(root.path)/\(relativePath)"
    }

    /// Writes `contents` to `relativePath` under ``root`` with the given modification time.
    public func putFile(_ relativePath: String, contents: [UInt8], modified: Date) throws {
        let url = root.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents).write(to: url)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: url.path)
    }

    /// A known_hosts file in this server's directory with these `[host]:port key` lines.
    public func knownHosts(named name: String, lines: [String]) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try lines.map { $0 + "\n" }.joined().write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A fresh key pair of `type` in this server's directory; returns the private key's path
    /// (the public key is beside it, with `.pub`).
    public func makeOtherKey(named name: String, type: String = "ed25519", passphrase: String = "") throws -> String {
        let path = directory.appendingPathComponent(name).path
        try SFTPServer.makeKey(path, type: type, passphrase: passphrase)
        return path
    }

    public func stop() {
        if let text = try? String(contentsOfFile: listenerPIDFile, encoding: .utf8),
           let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1 {
            kill(pid, SIGKILL)
        }
        child.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    public func logTail() -> String { child.logTail() }

    public static func publicKeyLine(_ path: String) throws -> String {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: " ").prefix(2).joined(separator: " ")
    }

    private static func writeKnownHosts(_ path: String, port: Int, keyLine: String) throws {
        try "[127.0.0.1]:\(port) \(keyLine)\n".write(toFile: path, atomically: true, encoding: .utf8)
    }

    private static func makeKey(_ path: String, type: String = "ed25519", passphrase: String = "") throws {
        try ChildProcess.run("/usr/bin/ssh-keygen", ["-q", "-t", type, "-N", passphrase, "-C", "baton-test", "-f", path])
    }

    private static func currentUser() -> String {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "root" }
        return String(cString: name)
    }
}
