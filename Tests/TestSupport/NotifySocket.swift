import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A datagram socket bound where systemd's NOTIFY_SOCKET would be: the test reads what the daemon says.
public final class NotifySocket: @unchecked Sendable {
    public let path: String
    private let fd: Int32

    public init(abstract: Bool = false) throws {
        let name = "baton-notify-\(UUID().uuidString.prefix(8))"
        path = abstract ? "@" + name : NSTemporaryDirectory() + name + ".sock"
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(path.utf8)
        if abstract { bytes[0] = 0 }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout.offset(of: \sockaddr_un.sun_path) ?? 2) + socklen_t(bytes.count)
        let result = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard result == 0 else { throw POSIXError(.EADDRINUSE) }
    }

    /// Every datagram that arrives within `window`.
    public func messages(for window: Duration) -> [String] {
        var messages: [String] = []
        let deadline = ContinuousClock.now + window
        var buffer = [UInt8](repeating: 0, count: 4096)
        while ContinuousClock.now < deadline {
            let remaining = deadline - ContinuousClock.now
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let millis = Int32(max(1, remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000))
            guard poll(&poller, 1, millis) > 0 else { continue }
            let count = recv(fd, &buffer, buffer.count, 0)
            if count > 0 { messages.append(String(decoding: buffer[0..<count], as: UTF8.self)) }
        }
        return messages
    }

    /// Collects datagrams until `done` says the collection is complete, or `deadline` passes.
    public func messages(until done: ([String]) -> Bool, deadline: Duration = .seconds(10)) -> [String] {
        var collected: [String] = []
        let end = ContinuousClock.now + deadline
        while !done(collected), ContinuousClock.now < end {
            collected += messages(for: .milliseconds(50))
        }
        return collected
    }

    public func close() {
        Glibc.close(fd)
        if !path.hasPrefix("@") { unlink(path) }
    }
}
