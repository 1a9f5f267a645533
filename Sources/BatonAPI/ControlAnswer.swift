/// One HTTP/1.1 answer of the daemon, read off the control socket by `baton`.
///
/// The reader takes the bytes as they arrive and says when the answer is whole: after
/// `Content-Length` bytes of body, after the last chunk of a chunked body, or else at the end of
/// the connection (the client asks for `Connection: close`). Everything it is given is checked:
/// a head over 64 KiB, a body over the cap, a malformed status line, length or chunk size is an
/// error that says what was wrong, never a trap.
public struct ControlAnswer: Sendable, Equatable {
    public var status: Int
    /// Header fields in the order received, names lowercased; a chunked answer's trailer fields after them.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name` (lowercase).
    public func header(_ name: String) -> String? {
        headers.first { $0.name == name }?.value
    }

    public static func == (lhs: ControlAnswer, rhs: ControlAnswer) -> Bool {
        lhs.status == rhs.status && lhs.body == rhs.body
            && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }

    /// Why an answer could not be read.
    public struct Malformed: Error, Equatable, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// Reads one answer from bytes fed in any pieces.
    public struct Reader: Sendable {
        /// Largest head (status line and headers) accepted.
        public static let maxHeadBytes = 64 << 10
        /// Capacity set aside for a body of unknown length.
        static let reservedBodyBytes = 8 << 20
        /// Decoded chunks are dropped from the raw bytes once this many have piled up.
        static let compactAfterBytes = 1 << 20

        let maxBodyBytes: Int
        /// The bytes received and not yet used up: the head until it is read, then the body as
        /// received (the body itself when it is framed by length or by the connection's end).
        private var buffer: [UInt8] = []
        private var head: (status: Int, headers: [(name: String, value: String)])?
        private var framing = Framing.untilClose
        /// Chunked bodies: the decoded bytes so far, and where the next chunk line starts in `buffer`.
        private var decoded: [UInt8] = []
        private var chunkCursor = 0
        /// Where the search for the end of the head, or of the trailer, goes on: the bytes before
        /// it were looked at already, so bytes that arrive one at a time cost no rescan.
        private var scanFrom = 0
        private var inTrailer = false
        private var trailerStart = 0
        private var trailers: [(name: String, value: String)] = []
        private var finished: ControlAnswer?

        enum Framing: Equatable {
            case length(Int)
            case chunked
            case untilClose
        }

        public init(maxBodyBytes: Int) {
            self.maxBodyBytes = max(0, maxBodyBytes)
        }

        /// Adds bytes received. Returns the answer once it is whole; bytes after it are ignored.
        @discardableResult
        public mutating func feed(_ bytes: UnsafeRawBufferPointer) throws(Malformed) -> ControlAnswer? {
            if let finished { return finished }
            buffer.append(contentsOf: bytes)
            try advance()
            return finished
        }

        /// The connection ended: the answer as received, or why it is not whole.
        public mutating func end() throws(Malformed) -> ControlAnswer {
            if let finished { return finished }
            guard let head else {
                throw buffer.isEmpty ? Malformed("the connection closed without an answer") : Malformed("the connection closed inside the answer's head")
            }
            switch framing {
            case .untilClose:
                let answer = ControlAnswer(status: head.status, headers: head.headers, body: buffer)
                finished = answer
                return answer
            case .length(let length):
                throw Malformed("the answer was cut short: \(buffer.count) of \(length) body bytes")
            case .chunked:
                throw Malformed("the answer was cut short inside its chunked body")
            }
        }

        private mutating func advance() throws(Malformed) {
            if head == nil {
                guard let end = Self.headEnd(buffer, from: scanFrom) else {
                    if buffer.count > Self.maxHeadBytes { throw Malformed("the answer's head is longer than 64 KiB") }
                    scanFrom = max(0, buffer.count - 3)
                    return
                }
                guard end <= Self.maxHeadBytes else { throw Malformed("the answer's head is longer than 64 KiB") }
                try parseHead(buffer[..<end])
                // From here on `buffer` holds the body as received: the answer's body is taken from
                // it without a copy (megabytes for a large status).
                buffer.removeFirst(end + 4)
                switch framing {
                case .length(let length):
                    buffer.reserveCapacity(length)
                case .chunked:
                    // Room for a large answer up front: pages are only touched as they are written,
                    // and growing by doubling copied a 3.4 MB status answer three times over.
                    decoded.reserveCapacity(min(maxBodyBytes, Self.reservedBodyBytes))
                case .untilClose:
                    buffer.reserveCapacity(min(maxBodyBytes, Self.reservedBodyBytes))
                }
            }
            guard let head else { return }
            switch framing {
            case .length(let length):
                if buffer.count >= length {
                    buffer.removeLast(buffer.count - length)
                    finished = ControlAnswer(status: head.status, headers: head.headers, body: buffer)
                }
            case .untilClose:
                if buffer.count > maxBodyBytes { throw tooLarge() }
            case .chunked:
                if try decodeChunks() {
                    finished = ControlAnswer(status: head.status, headers: head.headers + trailers, body: decoded)
                } else if !inTrailer, chunkCursor >= Self.compactAfterBytes {
                    // Chunks decoded are dropped now and then, not after every read: what is kept
                    // is the chunk arriving, and moving it down after every read was a copy each time.
                    buffer.removeFirst(chunkCursor)
                    chunkCursor = 0
                }
            }
        }

        private func tooLarge() -> Malformed {
            Malformed("the answer's body is larger than \(maxBodyBytes) bytes")
        }

        /// Index of the `\r\n\r\n` that ends the head, looked for from `start`.
        static func headEnd(_ bytes: [UInt8], from start: Int) -> Int? {
            guard bytes.count >= 4, start <= bytes.count - 4 else { return nil }
            for index in start...(bytes.count - 4)
            where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
                return index
            }
            return nil
        }

        private mutating func parseHead(_ bytes: ArraySlice<UInt8>) throws(Malformed) {
            let lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map { line in
                line.last == 13 ? line.dropLast() : line
            }
            guard let statusLine = lines.first else { throw Malformed("the answer has no status line") }
            // `HTTP/1.1 200 OK`: the version, a space, three digits, then anything.
            let parts = statusLine.split(separator: 32, maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count >= 2, parts[0].starts(with: Array("HTTP/1.".utf8)), parts[1].count == 3,
                  parts[1].allSatisfy({ (48...57).contains($0) }), let status = Int(String(decoding: parts[1], as: UTF8.self))
            else {
                throw Malformed("the answer does not start with an HTTP/1.x status line: \(Self.shown(statusLine))")
            }
            var headers: [(name: String, value: String)] = []
            for line in lines.dropFirst() where !line.isEmpty {
                headers.append(try Self.field(line))
            }
            let lengths = headers.filter { $0.name == "content-length" }.map(\.value)
            let encodings = headers.filter { $0.name == "transfer-encoding" }.map { $0.value.lowercased() }
            if !encodings.isEmpty {
                guard encodings == ["chunked"] else { throw Malformed("the answer's transfer encoding \(encodings.joined(separator: ", ")) is not chunked") }
                framing = .chunked
            } else if let first = lengths.first {
                guard lengths.allSatisfy({ $0 == first }), let length = Self.decimal(first) else {
                    throw Malformed("the answer's Content-Length \(lengths.joined(separator: ", ")) is not one whole number")
                }
                guard length <= maxBodyBytes else { throw tooLarge() }
                framing = .length(length)
            } else {
                framing = .untilClose
            }
            // Answers that never carry a body.
            if status == 204 || status == 304 || (100..<200).contains(status) { framing = .length(0) }
            head = (status, headers)
        }

        /// A header or trailer line: `Name: value`, the name lowercased.
        static func field(_ line: ArraySlice<UInt8>) throws(Malformed) -> (name: String, value: String) {
            guard let colon = line.firstIndex(of: 58), colon > line.startIndex else {
                throw Malformed("the answer has a header line without a name: \(shown(line))")
            }
            return (String(decoding: line[..<colon], as: UTF8.self).lowercased(), String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingSpaces())
        }

        /// Decodes whole chunks from `chunkCursor`; true once the last (empty) chunk and the
        /// trailer section are read.
        private mutating func decodeChunks() throws(Malformed) -> Bool {
            while !inTrailer {
                guard let lineEnd = Self.lineEnd(buffer, from: chunkCursor) else {
                    if buffer.count - chunkCursor > 1024 { throw Malformed("a chunk size line of the answer is longer than 1 KiB") }
                    return false
                }
                // `1a3f` optionally followed by `;extension`.
                let line = buffer[chunkCursor..<lineEnd]
                let digits = line.prefix { $0 != 59 }.filter { $0 != 32 && $0 != 9 }
                guard let size = Self.hexadecimal(digits) else {
                    throw Malformed("a chunk size of the answer is not a hexadecimal number: \(Self.shown(line))")
                }
                if size == 0 {
                    inTrailer = true
                    chunkCursor = lineEnd + 2
                    trailerStart = chunkCursor
                    scanFrom = chunkCursor
                    break
                }
                guard size <= maxBodyBytes - decoded.count else { throw tooLarge() }
                let dataStart = lineEnd + 2
                guard buffer.count - dataStart >= size + 2 else { return false }
                guard buffer[dataStart + size] == 13, buffer[dataStart + size + 1] == 10 else {
                    throw Malformed("a chunk of the answer does not end where its size says")
                }
                decoded.append(contentsOf: buffer[dataStart..<(dataStart + size)])
                chunkCursor = dataStart + size + 2
            }
            // The trailer section: header lines up to an empty line. `chunkCursor` is the start of
            // the line being read; `scanFrom` how far into it the search for its end has got.
            while true {
                guard let end = Self.lineEnd(buffer, from: scanFrom) else {
                    if buffer.count - trailerStart > Self.maxHeadBytes {
                        throw Malformed("the answer's trailer is longer than 64 KiB")
                    }
                    scanFrom = max(chunkCursor, buffer.count - 1)
                    return false
                }
                if end == chunkCursor { return true }
                trailers.append(try Self.field(buffer[chunkCursor..<end]))
                chunkCursor = end + 2
                scanFrom = chunkCursor
            }
        }

        /// Index of the next `\r\n` at or after `start`.
        static func lineEnd(_ bytes: [UInt8], from start: Int) -> Int? {
            var index = start
            while index + 1 < bytes.count {
                if bytes[index] == 13 && bytes[index + 1] == 10 { return index }
                index += 1
            }
            return nil
        }

        /// A decimal length of at most 18 digits (no sign, no spaces inside).
        static func decimal(_ text: String) -> Int? {
            let utf8 = Array(text.utf8)
            guard (1...18).contains(utf8.count), utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
            return utf8.reduce(0) { $0 * 10 + Int($1 - 48) }
        }

        /// A chunk size of at most 15 hexadecimal digits.
        static func hexadecimal(_ digits: [UInt8]) -> Int? {
            guard (1...15).contains(digits.count) else { return nil }
            var value = 0
            for digit in digits {
                switch digit {
                case 48...57: value = value * 16 + Int(digit - 48)
                case 65...70: value = value * 16 + Int(digit - 55)
                case 97...102: value = value * 16 + Int(digit - 87)
                default: return nil
                }
            }
            return value
        }

        /// A line of the answer as it can be shown in an error: at most 80 bytes, control bytes escaped.
        static func shown(_ line: some Collection<UInt8>) -> String {
            var text = ""
            for byte in line.prefix(80) {
                if (32..<127).contains(byte) { text.unicodeScalars.append(Unicode.Scalar(byte)) } else { text += "\\x" + String(byte, radix: 16) }
            }
            return "\"" + text + (line.count > 80 ? "…" : "") + "\""
        }
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { $0 != 32 && $0 != 9 }), let last = utf8.lastIndex(where: { $0 != 32 && $0 != 9 }) else { return "" }
        return String(decoding: utf8[first...last], as: UTF8.self)
    }
}
