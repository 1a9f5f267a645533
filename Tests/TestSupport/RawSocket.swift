#if canImport(Glibc)
import Glibc
#endif

/// A client connection that writes bytes exactly as given (half requests, broken chunking) and
/// reads with deadlines, for servers that must survive what no HTTP library would send.
public final class RawSocket {
    /// Why a connection could not be made.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// One HTTP/1.1 answer as read off the wire.
    public struct Answer: Sendable {
        public var status: Int
        /// Header names lowercased.
        public var headers: [String: String]
        public var body: [UInt8]
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    private let fd: Int32
    private var buffered: [UInt8] = []

    private init(fd: Int32) {
        self.fd = fd
    }

    deinit { close(fd) }

    /// Connects to a Unix socket.
    public static func unix(_ path: String) throws -> RawSocket {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(fd)
            throw Failure(description: "socket path too long: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw Failure(description: "connect \(path): errno \(errno)")
        }
        return RawSocket(fd: fd)
    }

    /// Connects to 127.0.0.1:`port`, from the loopback address `source` (any of 127.0.0.0/8).
    public static func tcp(port: Int, from source: String = "127.0.0.1") throws -> RawSocket {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        local.sin_addr.s_addr = inet_addr(source)
        var remote = sockaddr_in()
        remote.sin_family = sa_family_t(AF_INET)
        remote.sin_addr.s_addr = inet_addr("127.0.0.1")
        remote.sin_port = UInt16(port).bigEndian
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &local) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        let connected = bound == 0 && withUnsafePointer(to: &remote) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, length) }
        } == 0
        guard connected else {
            close(fd)
            throw Failure(description: "connect 127.0.0.1:\(port) from \(source): errno \(errno)")
        }
        return RawSocket(fd: fd)
    }

    /// Writes every byte within 10 s; `false` when the server closed the connection first.
    ///
    /// Never blocks a thread: the servers under test run their handlers on the same small
    /// cooperative pool as the tests, so a blocking call here could starve them.
    @discardableResult
    public func send(_ text: String) async -> Bool {
        await send(Array(text.utf8))
    }

    @discardableResult
    public func send(_ bytes: [UInt8]) async -> Bool {
        let deadline = ContinuousClock.now.advanced(by: .seconds(10))
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
            if written > 0 {
                offset += written
            } else if written < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR, ContinuousClock.now < deadline {
                await Self.pause()
            } else {
                return false
            }
        }
        return true
    }

    /// The next answer, read within `timeout`; `nil` when the connection closed or time ran out first.
    public func answer(within timeout: Duration) async -> Answer? {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while true {
            if let answer = parseBuffered() { return answer }
            guard await read(until: deadline) == .data else { return nil }
        }
    }

    /// Whether the server closes the connection within `timeout`; anything it sends first is discarded.
    public func closes(within timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while true {
            switch await read(until: deadline) {
            case .data: buffered.removeAll()
            case .closed: return true
            case .timedOut: return false
            }
        }
    }

    private enum ReadResult { case data, closed, timedOut }

    /// Waits for bytes until `deadline` and appends them, checking the socket without blocking.
    private func read(until deadline: ContinuousClock.Instant) async -> ReadResult {
        while true {
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count > 0 {
                buffered += chunk[0..<count]
                return .data
            }
            // End of stream, or a reset: the server closed the connection either way.
            if count == 0 || !(errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) { return .closed }
            guard ContinuousClock.now < deadline else { return .timedOut }
            await Self.pause()
        }
    }

    /// Gives the thread back between checks of the socket.
    private static func pause() async {
        try? await Task.sleep(for: .milliseconds(2))
    }

    /// One complete answer from the buffer (with a Content-Length body), removed from it.
    private func parseBuffered() -> Answer? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = buffered.indices.dropLast(3).first(where: { buffered[$0..<$0 + 4].elementsEqual(separator) }) else { return nil }
        let head = String(decoding: buffered[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        guard let statusLine = head.first else { return nil }
        let words = statusLine.split(separator: " ")
        guard words.count >= 2, let status = Int(words[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = String(line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" })
        }
        let bodyStart = end + 4
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            guard let (body, trailers, used) = Self.chunks(buffered[bodyStart...]) else { return nil }
            buffered.removeFirst(bodyStart + used)
            return Answer(status: status, headers: headers.merging(trailers) { _, trailer in trailer }, body: body)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        guard buffered.count >= bodyStart + length else { return nil }
        let body = Array(buffered[bodyStart..<bodyStart + length])
        buffered.removeFirst(bodyStart + length)
        return Answer(status: status, headers: headers, body: body)
    }

    /// A whole chunked body at the start of `bytes`: its data, its trailer fields, and the bytes it
    /// took; `nil` until all of it has arrived (or when it is malformed: the test then times out).
    private static func chunks(_ bytes: ArraySlice<UInt8>) -> (body: [UInt8], trailers: [String: String], used: Int)? {
        var body: [UInt8] = []
        var cursor = bytes.startIndex
        func line() -> String? {
            guard let end = bytes[cursor...].indices.dropLast().first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 }) else { return nil }
            defer { cursor = end + 2 }
            return String(decoding: bytes[cursor..<end], as: UTF8.self)
        }
        while true {
            guard let sizeLine = line(), let size = Int(sizeLine.prefix { $0 != ";" }, radix: 16) else { return nil }
            if size == 0 { break }
            guard bytes.endIndex - cursor >= size + 2 else { return nil }
            body += bytes[cursor..<(cursor + size)]
            cursor += size + 2
        }
        var trailers: [String: String] = [:]
        while let field = line() {
            if field.isEmpty { return (body, trailers, cursor - bytes.startIndex) }
            guard let colon = field.firstIndex(of: ":") else { return nil }
            trailers[field[..<colon].lowercased()] = String(field[field.index(after: colon)...].drop { $0 == " " })
        }
        return nil
    }
}
