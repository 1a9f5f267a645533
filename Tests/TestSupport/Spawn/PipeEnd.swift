import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The parent's end of a pipe to a spawned child: read it (stdout, stderr) or write it (stdin).
/// Closed by ``close()`` or when released; reads and writes block the calling thread.
public final class PipeEnd: Sendable {
    private let descriptor: Int32
    private let closed = Mutex(false)

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close() }

    /// What is there now, up to `count` bytes, after waiting for at least one; empty at the end.
    public func read(upTo count: Int = 65_536) throws -> [UInt8] {
        try checkOpen()
        let capacity = max(1, count)
        return try [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            var got: Int
            repeat { got = Glibc.read(descriptor, buffer.baseAddress, capacity) } while got == -1 && errno == EINTR
            guard got >= 0 else { throw SpawnFailure.errno("read from a child's pipe") }
            initialized = got
        }
    }

    /// Everything until the child closes its end (normally: until it exits).
    public func readToEnd() throws -> [UInt8] {
        var all: [UInt8] = []
        while true {
            let chunk = try read()
            if chunk.isEmpty { return all }
            all += chunk
        }
    }

    /// Writes all of `bytes`.
    public func write(_ bytes: [UInt8]) throws {
        try checkOpen()
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written == -1 && errno == EINTR { continue }
            guard written > 0 else { throw SpawnFailure.errno("write to a child's pipe") }
            offset += written
        }
    }

    /// Closes this end (the child then reads end-of-file, or gets EPIPE); idempotent.
    public func close() {
        let wasOpen = closed.withLock { closed in
            defer { closed = true }
            return !closed
        }
        if wasOpen { Glibc.close(descriptor) }
    }

    private func checkOpen() throws {
        if closed.withLock({ $0 }) { throw SpawnFailure("pipe end used after close()") }
    }
}
