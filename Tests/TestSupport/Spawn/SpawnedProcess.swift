import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A program started by ``SpawnCommand/spawn()``: its PID, its pipes, and its end.
///
/// A thread of its own waits for the child (never a cooperative one), and reaps it while holding
/// the same lock ``signal(_:)`` takes: a signal is only ever sent to this child, never to a later
/// process that got its PID.
public final class SpawnedProcess: Sendable {
    /// How the child ended.
    public enum Termination: Sendable, Equatable, CustomStringConvertible {
        case exited(Int32)
        case signaled(Int32)

        /// The exit code, or the signal's number (what Foundation's `terminationStatus` gave).
        public var status: Int32 {
            switch self {
            case .exited(let code): code
            case .signaled(let signal): signal
            }
        }

        public var description: String {
            switch self {
            case .exited(let code): "exit \(code)"
            case .signaled(let signal): "signal \(signal)"
            }
        }
    }

    public let pid: pid_t
    /// The write end of the child's stdin, when ``SpawnCommand/Input/pipe``.
    public let standardInput: PipeEnd?
    /// The read end of the child's stdout, when ``SpawnCommand/Output/pipe``.
    public let standardOutput: PipeEnd?
    /// The read end of the child's stderr, when ``SpawnCommand/Output/pipe``.
    public let standardError: PipeEnd?

    private struct State {
        var termination: Termination?
        var waiters: [@Sendable (Termination) -> Void] = []
    }

    private let state = Mutex(State())

    init(pid: pid_t, standardInput: PipeEnd?, standardOutput: PipeEnd?, standardError: PipeEnd?) {
        self.pid = pid
        self.standardInput = standardInput
        self.standardOutput = standardOutput
        self.standardError = standardError
        Thread.detachNewThread { [self] in reap() }
    }

    /// `nil` while it runs.
    public var termination: Termination? {
        state.withLock { $0.termination }
    }

    public var isRunning: Bool {
        termination == nil
    }

    /// Sends `number` to the child if it has not ended; returns whether it was sent.
    @discardableResult
    public func signal(_ number: Int32) -> Bool {
        state.withLock { $0.termination == nil && Glibc.kill(pid, number) == 0 }
    }

    /// Waits for the end without holding a thread.
    @discardableResult
    public func terminated() async -> Termination {
        await withCheckedContinuation { continuation in
            whenTerminated { continuation.resume(returning: $0) }
        }
    }

    /// Blocks the calling thread until the end.
    @discardableResult
    public func waitUntilExit() -> Termination {
        while true {
            if let termination = waitUntilExit(timeout: .seconds(60)) { return termination }
        }
    }

    /// Blocks the calling thread until the end or `timeout`; `nil` when it still runs.
    public func waitUntilExit(timeout: Duration) -> Termination? {
        let ended = DispatchSemaphore(value: 0)
        whenTerminated { _ in ended.signal() }
        let (seconds, attoseconds) = timeout.components
        _ = ended.wait(timeout: .now() + Double(seconds) + Double(attoseconds) / 1e18)
        return termination
    }

    private func whenTerminated(_ waiter: @escaping @Sendable (Termination) -> Void) {
        let ended = state.withLock { state -> Termination? in
            if state.termination == nil { state.waiters.append(waiter) }
            return state.termination
        }
        if let ended { waiter(ended) }
    }

    /// Waits until the child is a zombie (WNOWAIT: its PID stays taken), then reaps it under the lock.
    private func reap() {
        var info = siginfo_t()
        while waitid(P_PID, id_t(truncatingIfNeeded: pid), &info, WEXITED | WNOWAIT) != 0, errno == EINTR {}
        let (termination, waiters) = state.withLock { state in
            var status: Int32 = 0
            var reaped: pid_t
            repeat { reaped = waitpid(pid, &status, 0) } while reaped == -1 && errno == EINTR
            // -1 only if someone else reaped it (or SIGCHLD is ignored): its status is lost.
            let termination = reaped == pid ? Self.termination(status) : .exited(-1)
            state.termination = termination
            defer { state.waiters = [] }
            return (termination, state.waiters)
        }
        for waiter in waiters { waiter(termination) }
    }

    /// Decodes a wait status (WIFEXITED and friends are macros Swift does not import).
    private static func termination(_ status: Int32) -> Termination {
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }
}
