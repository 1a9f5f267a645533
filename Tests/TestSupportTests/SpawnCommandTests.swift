import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The tests' posix_spawn launcher: streams, environment, directory, signals, and no leaked descriptors.
@Suite struct SpawnCommandTests {
    static func text(_ bytes: [UInt8]?) -> String {
        String(decoding: bytes ?? [], as: UTF8.self)
    }

    static func folder() throws -> String {
        let folder = NSTemporaryDirectory() + "baton-spawn-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Given pipes for stdout and stderr, the parent reads each to its end and sees the exit code.
    @Test func pipesAndExitCode() throws {
        let process = try SpawnCommand("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"], standardOutput: .pipe, standardError: .pipe).spawn()
        #expect(Self.text(try process.standardOutput?.readToEnd()) == "out\n")
        #expect(Self.text(try process.standardError?.readToEnd()) == "err\n")
        #expect(process.waitUntilExit() == .exited(3))
        #expect(!process.isRunning)
    }

    /// A child that is still running is reported as such; it ends when its stdin pipe is closed.
    @Test func stdinPipeAndTimedWait() throws {
        let process = try SpawnCommand("/bin/cat", standardInput: .pipe, standardOutput: .pipe).spawn()
        #expect(process.waitUntilExit(timeout: .zero) == nil)
        try process.standardInput?.write(Array("fed".utf8))
        process.standardInput?.close()
        #expect(Self.text(try process.standardOutput?.readToEnd()) == "fed")
        #expect(process.waitUntilExit() == .exited(0))
    }

    /// A signal ends the child; the end is awaited without a thread, and later signals are not sent.
    @Test func signalByPID() async throws {
        let process = try SpawnCommand("/bin/cat", standardInput: .pipe).spawn()
        #expect(process.signal(SIGKILL))
        #expect(await process.terminated() == .signaled(SIGKILL))
        #expect(!process.signal(SIGKILL))
    }

    /// Environment: inherited, added to, or replaced.
    @Test func environment() throws {
        let inherited = ProcessInfo.processInfo.environment["PATH"] ?? ""
        func run(_ environment: SpawnCommand.Environment) throws -> String {
            let process = try SpawnCommand("/usr/bin/env", environment: environment, standardOutput: .pipe).spawn()
            defer { process.waitUntilExit() }
            return Self.text(try process.standardOutput?.readToEnd())
        }
        #expect(try run(.inherit).contains("PATH=\(inherited)\n"))
        let added = try run(.adding(["BATON_SPAWN_TEST": "1"]))
        #expect(added.contains("BATON_SPAWN_TEST=1\n") && added.contains("PATH=\(inherited)\n"))
        #expect(try run(.replacing(["ONLY": "this"])) == "ONLY=this\n")
    }

    /// The working directory, and stderr into stdout's file (emptied first, or appended to).
    @Test func directoryAndFiles() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let log = folder + "/log"
        try "old\n".write(toFile: log, atomically: true, encoding: .utf8)
        let script = ["-c", "pwd; echo err >&2"]
        try SpawnCommand("/bin/sh", script, directory: folder, standardOutput: .truncate(log), standardError: .standardOutput).run()
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "\(folder)\nerr\n")
        try SpawnCommand("/bin/sh", script, directory: "/", standardOutput: .append(log), standardError: .append(log)).run()
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "\(folder)\nerr\n/\nerr\n")
    }

    /// A descriptor the test process opened without close-on-exec does not reach the child, so a
    /// reader of that pipe sees its end even while the child runs.
    @Test func noLeakedDescriptors() throws {
        var fds: [Int32] = [-1, -1]
        try #require(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let child = try SpawnCommand("/bin/sh", ["-c", "[ -e /proc/self/fd/\(fds[1]) ] && echo leaked || echo closed; cat"],
                                     standardInput: .pipe, standardOutput: .pipe).spawn()
        defer {
            child.standardInput?.close()
            child.waitUntilExit()
        }
        #expect(Self.text(try child.standardOutput?.read()) == "closed\n")
        close(fds[1])
        // Another test's spawn may hold a copy for the microseconds between its clone and its
        // closefrom; a write end leaked into the running child would hold it until the bound.
        var ready = pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)
        try #require(poll(&ready, 1, 10_000) == 1, "end of file while the child still runs")
        var byte: UInt8 = 0
        #expect(read(fds[0], &byte, 1) == 0)
    }

    /// The child starts with no blocked and no ignored signals, whatever the spawning thread had.
    @Test func signalsReset() throws {
        signal(SIGPIPE, SIG_IGN)
        var blocked = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTERM)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        let process = try SpawnCommand("/bin/grep", ["-E", "^Sig(Blk|Ign):", "/proc/self/status"], standardOutput: .pipe).spawn()
        let masks = Self.text(try process.standardOutput?.readToEnd()).split(separator: "\n").reduce(into: [String: UInt64]()) { masks, line in
            let parts = line.split(separator: "\t")
            if parts.count == 2 { masks[String(parts[0])] = UInt64(parts[1], radix: 16) }
        }
        #expect(masks["SigBlk:"] == 0)
        // Signals 1-31 only: glibc's spawn leaves its two internal real-time signals (32, 33)
        // ignored, and the program's own libc takes them back.
        #expect(masks["SigIgn:"].map { $0 & 0x7fff_ffff } == 0, "\(masks)")
        #expect(process.waitUntilExit() == .exited(0))
    }

    /// A process group of its own unless asked otherwise.
    @Test(arguments: [true, false]) func processGroup(_ own: Bool) throws {
        let process = try SpawnCommand("/bin/sh", ["-c", "cut -d' ' -f5 /proc/$$/stat"], standardOutput: .pipe, newProcessGroup: own).spawn()
        let group = Self.text(try process.standardOutput?.readToEnd()).trimmingCharacters(in: .whitespacesAndNewlines)
        process.waitUntilExit()
        #expect((group == "\(process.pid)") == own, "group \(group), pid \(process.pid)")
    }

    /// A program that cannot be executed is an error at spawn, not a child that exits.
    @Test func missingProgram() {
        #expect(throws: SpawnFailure.self) { try SpawnCommand("/nonexistent/program").spawn() }
    }
}
