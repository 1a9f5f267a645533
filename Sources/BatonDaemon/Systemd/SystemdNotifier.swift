import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Talks to systemd the way `sd_notify(3)` does, without linking libsystemd: one datagram
/// per message to `$NOTIFY_SOCKET` (a path, or `@name` for the abstract namespace).
///
/// Does nothing when the daemon was not started by systemd (no `NOTIFY_SOCKET`).
public final class SystemdNotifier: Sendable {
    private let address: [UInt8]?
    /// Half of `WATCHDOG_USEC`: how often the watchdog wants a ping; `nil` when it is off.
    public let watchdogInterval: Duration?
    private let lastPing = Mutex<ContinuousClock.Instant?>(nil)

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, pid: Int32 = getpid()) {
        if let socket = environment["NOTIFY_SOCKET"], !socket.isEmpty, socket.hasPrefix("/") || socket.hasPrefix("@") {
            var bytes = Array(socket.utf8)
            // Abstract namespace: a leading NUL, and the name is not NUL-terminated.
            if bytes.first == UInt8(ascii: "@") { bytes[0] = 0 }
            address = bytes
        } else {
            address = nil
        }
        // WATCHDOG_PID, when set, names the process the watchdog is for; pings from others are ignored by systemd.
        let forUs = environment["WATCHDOG_PID"].flatMap(Int32.init).map { $0 == pid } ?? true
        if forUs, let micros = environment["WATCHDOG_USEC"].flatMap(UInt64.init), micros > 0 {
            watchdogInterval = .microseconds(Int64(micros / 2))
        } else {
            watchdogInterval = nil
        }
    }

    public var isActive: Bool { address != nil }

    /// READY=1, with a status line.
    public func ready(status: String? = nil) {
        send(["READY=1"] + (status.map { ["STATUS=\($0)"] } ?? []))
    }

    /// RELOADING=1 with MONOTONIC_USEC, which newer systemd requires alongside it.
    public func reloading() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let micros = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
        send(["RELOADING=1", "MONOTONIC_USEC=\(micros)"])
    }

    public func stopping() {
        send(["STOPPING=1"])
    }

    /// STATUS=…, shown by `systemctl status`.
    public func status(_ text: String) {
        send(["STATUS=\(text)"])
    }

    /// WATCHDOG=1 when half the watchdog period has passed since the last ping. Cheap enough to call
    /// on every turn of the scheduler loop: if that loop wedges, the pings stop and systemd restarts us.
    public func watchdogIfDue(now: ContinuousClock.Instant = .now) {
        guard let interval = watchdogInterval else { return }
        let due = lastPing.withLock { last in
            guard last.map({ now - $0 >= interval }) ?? true else { return false }
            last = now
            return true
        }
        if due { send(["WATCHDOG=1"]) }
    }

    /// Sends one datagram; failures are ignored, as sd_notify's are (systemd may be gone at shutdown).
    public func send(_ lines: [String]) {
        guard let address else { return }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var target = sockaddr_un()
        target.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: target.sun_path)
        guard address.count < capacity else { return }
        withUnsafeMutableBytes(of: &target.sun_path) { $0.copyBytes(from: address) }
        // For the abstract namespace the length counts the name exactly; for a path, the whole struct is fine.
        let length = socklen_t(MemoryLayout.offset(of: \sockaddr_un.sun_path) ?? 2) + socklen_t(address.count)
        let message = Array(lines.joined(separator: "\n").utf8)
        _ = message.withUnsafeBytes { bytes in
            withUnsafePointer(to: &target) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), $0, length)
                }
            }
        }
    }
}
