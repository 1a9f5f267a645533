import BatonAPI
import Foundation

/// One request and its answer over a Unix stream socket, within a deadline.
enum ControlSocket {
    /// `sun_path` holds 108 bytes with the terminating zero.
    static let maxPathBytes = 107

    enum Failure: Error {
        case pathTooLong
        /// `connect` failed with this errno.
        case connect(Int32)
        case timedOut
        /// Sending or receiving failed with this errno.
        case io(Int32)
        case malformed(String)
    }

    /// Connects to `path`, sends `request` whole, and reads the answer until it is complete or the
    /// daemon closes the connection. Blocks the calling thread: `baton` runs one command at a time.
    static func exchange(path: String, request: [UInt8], maxBodyBytes: Int, timeout: Duration) -> Result<ControlAnswer, Failure> {
        let deadline = ContinuousClock.now + timeout
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        guard !pathBytes.isEmpty, pathBytes.count <= maxPathBytes, !pathBytes.contains(0) else { return .failure(.pathTooLong) }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: pathBytes) }

        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return .failure(.io(errno)) }
        defer { close(descriptor) }
        // A Unix socket's connect and send wait at most this long (a daemon whose listen queue
        // is full, or that stopped reading); `poll` bounds each read.
        var limit = timeval(tv_sec: Int(clamping: timeout.components.seconds), tv_usec: Int(timeout.components.attoseconds / 1_000_000_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))

        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        if connected != 0 {
            let code = errno
            return .failure(code == EAGAIN || code == EINPROGRESS ? .timedOut : .connect(code))
        }

        var sent = 0
        sending: while sent < request.count {
            let count = request.withUnsafeBytes { bytes in
                send(descriptor, bytes.baseAddress.map { $0 + sent }, bytes.count - sent, Int32(MSG_NOSIGNAL))
            }
            if count >= 0 {
                sent += count
                continue
            }
            switch errno {
            case EINTR: continue
            case EAGAIN: return .failure(.timedOut)
            // The daemon answered early and closed (a request it refuses unread): read its answer.
            case EPIPE, ECONNRESET: break sending
            case let code: return .failure(.io(code))
            }
        }

        var reader = ControlAnswer.Reader(maxBodyBytes: maxBodyBytes)
        var chunk = [UInt8](repeating: 0, count: 256 << 10)
        while true {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return .failure(.timedOut) }
            var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let waited = poll(&ready, 1, Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1))
            if waited < 0 {
                if errno == EINTR { continue }
                return .failure(.io(errno))
            }
            if waited == 0 { return .failure(.timedOut) }
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return .failure(.io(errno))
            }
            do throws(ControlAnswer.Malformed) {
                if count == 0 { return .success(try reader.end()) }
                let fed = chunk.withUnsafeBytes { bytes in
                    Result { () throws(ControlAnswer.Malformed) in try reader.feed(UnsafeRawBufferPointer(rebasing: bytes[..<count])) }
                }
                if let answer = try fed.get() { return .success(answer) }
            } catch {
                return .failure(.malformed(error.description))
            }
        }
    }
}
