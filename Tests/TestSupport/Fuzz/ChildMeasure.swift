import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program under a small python3 parent that reports its exit, CPU time and peak
/// resident memory (`ru_maxrss` from `os.wait4`), and stops it at a time limit or when asked.
///
/// Why python: a child forked from the test process starts with the test's own peak RSS as
/// its high-water mark (Linux keeps it across exec), so it would report hundreds of MB for a
/// program that used twenty. A child of a fresh python3 starts from python's ~10 MB instead.
public final class ChildMeasure: Sendable {
    /// What one run did.
    public struct Outcome: Sendable, CustomStringConvertible {
        /// The exit code, when it exited.
        public var exitCode: Int32?
        /// The signal that ended it, when one did (SIGTERM from the parent is reported here too).
        public var signal: Int32?
        /// It was still running at the limit, or when ``ChildMeasure/stop()`` asked, and was sent SIGTERM.
        public var stopped: Bool
        /// It did not stop within the grace after SIGTERM, and was killed.
        public var killed: Bool
        public var peakResidentKilobytes: Int
        public var cpuSeconds: Double
        public var wallSeconds: Double
        public var stdout: String
        public var stderr: String

        public var description: String {
            let end = exitCode.map { "exit \($0)" } ?? signal.map { "signal \($0)" } ?? "no status"
            return "\(end)\(stopped ? " after SIGTERM" : "")\(killed ? ", killed" : ""), cpu \(String(format: "%.2f", cpuSeconds)) s, "
                + "wall \(String(format: "%.2f", wallSeconds)) s, peak RSS \(peakResidentKilobytes) kB"
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The parent: unblocks signals (a test runner may block some, and children inherit the
    /// mask), forks, execs the program with stdout and stderr in files, sends SIGTERM at the
    /// limit or on SIGUSR1 (later, up to the grace, while the Swift runtime is writing a crash
    /// report) and SIGKILL after the grace, and prints one JSON line.
    static let parent = #"""
    import json, os, signal, sys, time
    out_path, err_path, limit, grace = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
    argv = sys.argv[5:]
    state = {"stopped": False, "killed": False, "waited": 0.0, "pid": 0}
    def writing_crash_report():
        try:
            with open(err_path, "rb") as err:
                text = err.read()
        except OSError:
            return False
        return b"Backtracing from" in text and b"Backtrace took" not in text
    def stop(number=None, frame=None):
        if state["stopped"]:
            return
        if writing_crash_report() and state["waited"] < grace:
            state["waited"] += 0.5
            signal.setitimer(signal.ITIMER_REAL, 0.5)
            return
        state["stopped"] = True
        os.kill(state["pid"], signal.SIGTERM)
        signal.setitimer(signal.ITIMER_REAL, grace)
    def on_alarm(number, frame):
        if not state["stopped"]:
            stop()
        else:
            state["killed"] = True
            os.kill(state["pid"], signal.SIGKILL)
    signal.signal(signal.SIGALRM, on_alarm)
    signal.signal(signal.SIGUSR1, stop)
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            signal.signal(signal.SIGALRM, signal.SIG_DFL)
            signal.signal(signal.SIGUSR1, signal.SIG_DFL)
            for path, fd in ((out_path, 1), (err_path, 2)):
                opened = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                os.dup2(opened, fd)
            os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
            os.execv(argv[0], argv)
        finally:
            os._exit(127)
    state["pid"] = pid
    signal.setitimer(signal.ITIMER_REAL, limit)
    _, status, usage = os.wait4(pid, 0)
    signal.setitimer(signal.ITIMER_REAL, 0)
    result = {"stopped": state["stopped"], "killed": state["killed"], "wall": time.monotonic() - start,
              "cpu": usage.ru_utime + usage.ru_stime, "maxrss": usage.ru_maxrss}
    if os.WIFEXITED(status): result["exit"] = os.WEXITSTATUS(status)
    if os.WIFSIGNALED(status): result["signal"] = os.WTERMSIG(status)
    print(json.dumps(result))
    """#

    private let process: SpawnedProcess
    private let folder: String
    private let program: String

    /// Starts `arguments[0]` (an absolute path) with the rest as its arguments.
    ///
    /// - Parameters:
    ///   - limit: Seconds until SIGTERM.
    ///   - grace: Seconds after SIGTERM until SIGKILL.
    ///   - environment: The whole environment of the program.
    public init(_ arguments: [String], limit: Double, grace: Double = 10, environment: [String: String]) throws {
        program = arguments.first ?? "?"
        folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("baton-measure-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        process = try SpawnCommand(
            "/usr/bin/env", ["python3", "-c", Self.parent, folder + "/out", folder + "/err", String(limit), String(grace)] + arguments,
            environment: .replacing(environment), standardInput: .null,
            standardOutput: .truncate(folder + "/report"), standardError: .truncate(folder + "/parent-err")
        ).spawn()
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// Whether the program (or at least its parent) is still running.
    public var isRunning: Bool { process.isRunning }

    /// Asks for the stop the limit would bring now: SIGTERM, then SIGKILL after the grace.
    public func stop() {
        process.signal(SIGUSR1)
    }

    /// Waits until the program and its parent are done, and reads what they reported.
    public func outcome() async throws -> Outcome {
        await process.terminated()
        func read(_ name: String) -> String {
            FileManager.default.contents(atPath: folder + "/" + name).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        guard let json = try? JSONSerialization.jsonObject(with: Data(read("report").utf8)) as? [String: Any] else {
            throw Failure(description: "python3 did not report on \(program) (is python3 installed?): \(read("parent-err").suffix(500))")
        }
        return Outcome(
            exitCode: (json["exit"] as? Int).map(Int32.init), signal: (json["signal"] as? Int).map(Int32.init),
            stopped: json["stopped"] as? Bool ?? false, killed: json["killed"] as? Bool ?? false,
            peakResidentKilobytes: json["maxrss"] as? Int ?? 0, cpuSeconds: json["cpu"] as? Double ?? 0,
            wallSeconds: json["wall"] as? Double ?? 0, stdout: read("out"), stderr: read("err")
        )
    }

    /// Runs a program to its end or its limit.
    public static func run(_ arguments: [String], limit: Double, grace: Double = 10, environment: [String: String]) async throws -> Outcome {
        try await ChildMeasure(arguments, limit: limit, grace: grace, environment: environment).outcome()
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
