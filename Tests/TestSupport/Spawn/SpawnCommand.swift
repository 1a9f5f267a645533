import CSpawn
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program for a test to start with `posix_spawn`: path, arguments, environment, directory and
/// where its standard streams go.
///
/// Foundation's `Process.run()` on this toolchain can crash the whole test process (it walks
/// /proc/self/fd to close descriptors; swift-corelibs-foundation#5472), so tests start programs here.
/// Every descriptor this opens is close-on-exec, and the child closes all but 0, 1 and 2 before it
/// executes: no test's pipe or socket leaks into another test's child. The child starts with no
/// blocked signals and default dispositions (a test runner's worker threads block some, and it
/// ignores SIGPIPE), in its own process group unless asked otherwise.
public struct SpawnCommand: Sendable {
    /// The child's environment.
    public enum Environment: Sendable, Equatable {
        /// The test process's own.
        case inherit
        /// The test process's own with these set on top.
        case adding([String: String])
        /// Exactly these.
        case replacing([String: String])
    }

    /// Where the child's standard input comes from.
    public enum Input: Sendable, Equatable {
        case inherit
        case null
        case file(String)
        /// A pipe; the parent writes to ``SpawnedProcess/standardInput``.
        case pipe
    }

    /// Where the child's standard output or error goes.
    public enum Output: Sendable, Equatable {
        case inherit
        case null
        /// A file, created when missing, written at its end.
        case append(String)
        /// A file, created when missing, emptied first.
        case truncate(String)
        /// A pipe; the parent reads ``SpawnedProcess/standardOutput`` or ``SpawnedProcess/standardError``.
        case pipe
        /// For standard error only: the same descriptor as standard output (`2>&1`).
        case standardOutput
    }

    /// An absolute path: nothing is looked up in `PATH` (use /usr/bin/env for that).
    public var executable: String
    public var arguments: [String]
    public var environment: Environment
    /// The child's working directory; the test process's when `nil`.
    public var directory: String?
    public var standardInput: Input
    public var standardOutput: Output
    public var standardError: Output
    /// The child leads a process group of its own (Foundation's `Process` did this too), so a
    /// signal meant for the test runner's group does not reach it.
    public var newProcessGroup: Bool

    public init(
        _ executable: String, _ arguments: [String] = [], environment: Environment = .inherit, directory: String? = nil,
        standardInput: Input = .inherit, standardOutput: Output = .inherit, standardError: Output = .inherit,
        newProcessGroup: Bool = true
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.directory = directory
        self.standardInput = standardInput
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.newProcessGroup = newProcessGroup
    }

    /// Starts the program; its pipes, when asked for, are on the returned process.
    public func spawn() throws -> SpawnedProcess {
        var descriptors = Descriptors()
        defer { descriptors.closeChildSides() }
        do {
            let input = try descriptors.input(standardInput)
            let output = try descriptors.output(standardOutput, isError: false)
            let error = try descriptors.output(standardError, isError: true)
            let pid = try launch(stdin: input, stdout: output, stderr: error)
            return SpawnedProcess(pid: pid, standardInput: descriptors.parentEnd(0), standardOutput: descriptors.parentEnd(1),
                                  standardError: descriptors.parentEnd(2))
        } catch {
            descriptors.closeParentSides()
            throw error
        }
    }

    /// Starts the program and waits for it on the calling thread (for synchronous call sites; an
    /// async one awaits ``SpawnedProcess/terminated()`` instead).
    @discardableResult
    public func run() throws -> SpawnedProcess.Termination {
        try spawn().waitUntilExit()
    }

    /// What the child's 0, 1 and 2 become (`nil`: inherited; `.some(1)` for 2: a copy of 1).
    private func launch(stdin: Int32?, stdout: Int32?, stderr: Int32?) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        try check(posix_spawn_file_actions_init(&actions), "posix_spawn_file_actions_init")
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (source, target) in [(stdin, STDIN_FILENO), (stdout, STDOUT_FILENO), (stderr, STDERR_FILENO)] {
            guard let source else { continue }
            try check(posix_spawn_file_actions_adddup2(&actions, source, target), "adddup2")
        }
        if let directory {
            try check(cspawn_add_chdir(&actions, directory), "addchdir \(directory)")
        }
        try check(cspawn_add_closefrom(&actions, 3), "addclosefrom")

        var attributes = posix_spawnattr_t()
        try check(posix_spawnattr_init(&attributes), "posix_spawnattr_init")
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        try check(posix_spawnattr_setsigmask(&attributes, &none), "setsigmask")
        try check(posix_spawnattr_setsigdefault(&attributes, &all), "setsigdefault")
        var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        if newProcessGroup {
            flags |= POSIX_SPAWN_SETPGROUP
            try check(posix_spawnattr_setpgroup(&attributes, 0), "setpgroup")
        }
        try check(posix_spawnattr_setflags(&attributes, Int16(truncatingIfNeeded: flags)), "setflags")

        let argv = [executable] + arguments
        let envp = environmentValues().map { "\($0.key)=\($0.value)" }
        return try CStrings.with(argv) { argv in
            try CStrings.with(envp) { envp in
                var pid: pid_t = 0
                try check(posix_spawn(&pid, executable, &actions, &attributes, argv, envp), "cannot start \(executable)")
                return pid
            }
        }
    }

    private func environmentValues() -> [String: String] {
        switch environment {
        case .inherit: ProcessInfo.processInfo.environment
        case .adding(let extra): ProcessInfo.processInfo.environment.merging(extra) { $1 }
        case .replacing(let all): all
        }
    }

    private func check(_ result: Int32, _ what: @autoclosure () -> String) throws {
        guard result != 0 else { return }
        throw SpawnFailure("\(what()): \(String(cString: strerror(result)))")
    }
}

/// A program could not be started, or a pipe to it failed.
public struct SpawnFailure: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }

    /// The failure of a call that set `errno`.
    static func errno(_ what: String) -> SpawnFailure {
        SpawnFailure("\(what): \(String(cString: strerror(Glibc.errno)))")
    }
}

/// The descriptors one spawn opens: the child's sides are closed in the parent once it started,
/// the parent's pipe ends live on in ``PipeEnd``s (or are closed when the spawn fails).
private struct Descriptors {
    private var childSides: [Int32] = []
    private var parentSides: [Int32: Int32] = [:]
    private var null: Int32?

    mutating func input(_ input: SpawnCommand.Input) throws -> Int32? {
        switch input {
        case .inherit: return nil
        case .null: return try nullDevice()
        case .file(let path): return try open(path, O_RDONLY)
        case .pipe:
            let (read, write) = try pipe()
            parentSides[0] = write
            childSides.append(read)
            return read
        }
    }

    mutating func output(_ output: SpawnCommand.Output, isError: Bool) throws -> Int32? {
        switch output {
        case .inherit: return nil
        case .null: return try nullDevice()
        case .append(let path): return try open(path, O_WRONLY | O_CREAT | O_APPEND)
        case .truncate(let path): return try open(path, O_WRONLY | O_CREAT | O_TRUNC)
        case .pipe:
            let (read, write) = try pipe()
            parentSides[isError ? 2 : 1] = read
            childSides.append(write)
            return write
        case .standardOutput:
            guard isError else { throw SpawnFailure("standard output cannot go to standard output") }
            return STDOUT_FILENO
        }
    }

    func parentEnd(_ stream: Int32) -> PipeEnd? {
        parentSides[stream].map(PipeEnd.init(descriptor:))
    }

    mutating func closeChildSides() {
        for fd in childSides { close(fd) }
        childSides = []
    }

    mutating func closeParentSides() {
        for fd in parentSides.values { close(fd) }
        parentSides = [:]
    }

    private mutating func nullDevice() throws -> Int32 {
        if let null { return null }
        let fd = try open("/dev/null", O_RDWR)
        null = fd
        return fd
    }

    private mutating func open(_ path: String, _ flags: Int32) throws -> Int32 {
        let fd = try Self.aboveStandardStreams(Glibc.open(path, flags | O_CLOEXEC, 0o644), "cannot open \(path)")
        childSides.append(fd)
        return fd
    }

    private func pipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard cspawn_pipe_cloexec(&fds) == 0 else { throw SpawnFailure.errno("pipe2") }
        let read: Int32
        do { read = try Self.aboveStandardStreams(fds[0], "pipe2") } catch { close(fds[1]); throw error }
        do { return (read, try Self.aboveStandardStreams(fds[1], "pipe2")) } catch { close(read); throw error }
    }

    /// `fd`, moved above 2 when the test process had a standard stream closed, so the child's dup2s
    /// onto 0, 1 and 2 never overwrite one another's source. Throws (with errno) when `fd` is -1.
    private static func aboveStandardStreams(_ fd: Int32, _ what: String) throws -> Int32 {
        guard fd >= 0 else { throw SpawnFailure.errno(what) }
        guard fd <= STDERR_FILENO else { return fd }
        let moved = fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1)
        close(fd)
        guard moved >= 0 else { throw SpawnFailure.errno("fcntl F_DUPFD_CLOEXEC") }
        return moved
    }
}

/// NUL-terminated arrays of C strings, as `posix_spawn` takes them.
private enum CStrings {
    static func with<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) throws -> R) throws -> R {
        let copies: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        defer { for copy in copies { free(copy) } }
        guard !copies.contains(nil) else { throw SpawnFailure("out of memory copying arguments") }
        return try body(copies + [nil])
    }
}
