import Foundation

/// Runs a program under a small python3 parent that reports its exit, CPU time and peak
/// resident memory (`ru_maxrss` from `os.wait4`), and stops it at a time limit.
///
/// Why python: a child forked from the test process starts with the test's own peak RSS as
/// its high-water mark (Linux keeps it across exec), so it would report hundreds of MB for a
/// program that used twenty. A child of a fresh python3 starts from python's ~10 MB instead.
public enum ChildMeasure {
    /// What one run did.
    public struct Outcome: Sendable, CustomStringConvertible {
        /// The exit code, when it exited.
        public var exitCode: Int32?
        /// The signal that ended it, when one did (SIGTERM at the limit is reported here too).
        public var signal: Int32?
        /// It was still running at the limit and was stopped (TERM, then KILL after the grace).
        public var reachedLimit: Bool
        /// It did not stop within the grace after TERM, and was killed.
        public var killed: Bool
        public var peakResidentKilobytes: Int
        public var cpuSeconds: Double
        public var wallSeconds: Double
        public var stdout: String
        public var stderr: String

        public var description: String {
            let end = exitCode.map { "exit \($0)" } ?? signal.map { "signal \($0)" } ?? "no status"
            return "\(end)\(reachedLimit ? " at the limit" : "")\(killed ? ", killed" : ""), cpu \(String(format: "%.2f", cpuSeconds)) s, "
                + "wall \(String(format: "%.2f", wallSeconds)) s, peak RSS \(peakResidentKilobytes) kB"
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The parent: unblocks signals (a test runner may block some, and children inherit the
    /// mask), forks, execs the program with stdout and stderr in files, sends SIGTERM at the
    /// limit (later, up to the grace, while the Swift runtime is writing a crash report) and
    /// SIGKILL after the grace, and prints one JSON line.
    static let parent = #"""
    import json, os, signal, sys, time
    out_path, err_path, limit, grace = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
    argv = sys.argv[5:]
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            for path, fd in ((out_path, 1), (err_path, 2)):
                opened = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                os.dup2(opened, fd)
            os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
            os.execv(argv[0], argv)
        finally:
            os._exit(127)
    state = {"limit": False, "killed": False, "waited": 0.0}
    def writing_crash_report():
        try:
            with open(err_path, "rb") as err:
                text = err.read()
        except OSError:
            return False
        return b"Backtracing from" in text and b"Backtrace took" not in text
    def on_alarm(number, frame):
        if not state["limit"] and writing_crash_report() and state["waited"] < grace:
            state["waited"] += 0.5
            signal.setitimer(signal.ITIMER_REAL, 0.5)
        elif not state["limit"]:
            state["limit"] = True
            os.kill(pid, signal.SIGTERM)
            signal.setitimer(signal.ITIMER_REAL, grace)
        else:
            state["killed"] = True
            os.kill(pid, signal.SIGKILL)
    signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    _, status, usage = os.wait4(pid, 0)
    signal.setitimer(signal.ITIMER_REAL, 0)
    result = {"limit": state["limit"], "killed": state["killed"], "wall": time.monotonic() - start,
              "cpu": usage.ru_utime + usage.ru_stime, "maxrss": usage.ru_maxrss}
    if os.WIFEXITED(status): result["exit"] = os.WEXITSTATUS(status)
    if os.WIFSIGNALED(status): result["signal"] = os.WTERMSIG(status)
    print(json.dumps(result))
    """#

    /// Runs `arguments[0]` (an absolute path) with the rest as its arguments.
    ///
    /// - Parameters:
    ///   - limit: Seconds until SIGTERM.
    ///   - grace: Seconds after SIGTERM until SIGKILL.
    ///   - environment: The whole environment of the program.
    public static func run(_ arguments: [String], limit: Double, grace: Double = 10, environment: [String: String]) async throws -> Outcome {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("baton-measure-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let report = folder + "/report", out = folder + "/out", err = folder + "/err", parentErr = folder + "/parent-err"
        _ = FileManager.default.createFile(atPath: report, contents: nil)
        _ = FileManager.default.createFile(atPath: parentErr, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", parent, out, err, String(limit), String(grace)] + arguments
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: report))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: parentErr))
        process.standardInput = FileHandle.nullDevice
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume()
            }
        }
        guard let data = FileManager.default.contents(atPath: report),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            let said = FileManager.default.contents(atPath: parentErr).map { String(decoding: $0, as: UTF8.self) } ?? ""
            throw Failure(description: "python3 did not report on \(arguments.first ?? "?") (is python3 installed?): \(said.suffix(500))")
        }
        func read(_ path: String) -> String {
            FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        return Outcome(
            exitCode: (json["exit"] as? Int).map(Int32.init), signal: (json["signal"] as? Int).map(Int32.init),
            reachedLimit: json["limit"] as? Bool ?? false, killed: json["killed"] as? Bool ?? false,
            peakResidentKilobytes: json["maxrss"] as? Int ?? 0, cpuSeconds: json["cpu"] as? Double ?? 0,
            wallSeconds: json["wall"] as? Double ?? 0, stdout: read(out), stderr: read(err)
        )
    }

    /// The environment a program under test gets: the test's own, without proxies (libcurl would
    /// send even loopback requests through one), with `extra` on top.
    public static func environment(_ extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for name in ["http_proxy", "https_proxy", "all_proxy", "ftp_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "FTP_PROXY", "BATON_CONFIG", "BATON_SOCKET"] {
            environment.removeValue(forKey: name)
        }
        environment["NO_COLOR"] = "1"
        return environment.merging(extra) { $1 }
    }
}
