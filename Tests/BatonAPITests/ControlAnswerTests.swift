@testable import BatonAPI
import Testing

/// `baton`'s reader of the daemon's HTTP/1.1 answers: framed by length, by chunks or by the end of
/// the connection; the same answer however the bytes are split; an error, never a trap, for
/// anything else.
struct ControlAnswerTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Feeds `input` in pieces of `sizes` (cycled), then ends the connection unless the answer was whole.
    static func read(_ input: [UInt8], pieces sizes: [Int] = [Int.max], maxBody: Int = 1 << 20, close: Bool = true) -> Result<ControlAnswer, ControlAnswer.Malformed>? {
        var reader = ControlAnswer.Reader(maxBodyBytes: maxBody)
        var offset = 0
        var turn = 0
        do throws(ControlAnswer.Malformed) {
            while offset < input.count {
                let size = max(1, min(sizes[turn % sizes.count], input.count - offset))
                turn += 1
                let piece = Array(input[offset..<(offset + size)])
                offset += size
                let fed = piece.withUnsafeBytes { raw in Result { () throws(ControlAnswer.Malformed) in try reader.feed(raw) } }
                if let answer = try fed.get() { return .success(answer) }
            }
            return close ? .success(try reader.end()) : nil
        } catch {
            return .failure(error)
        }
    }

    static func answer(_ input: String, pieces: [Int] = [Int.max], maxBody: Int = 1 << 20) -> ControlAnswer? {
        try? read(bytes(input), pieces: pieces, maxBody: maxBody)?.get()
    }

    static func failure(_ input: String, pieces: [Int] = [Int.max], maxBody: Int = 1 << 20) -> String? {
        guard case .failure(let error) = read(bytes(input), pieces: pieces, maxBody: maxBody) else { return nil }
        return error.description
    }

    @Test func contentLength() throws {
        let text = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\ncontent-length: 7\r\n\r\n{\"a\":1}"
        let answer = try #require(Self.answer(text))
        #expect(answer.status == 200)
        #expect(answer.body == Self.bytes(#"{"a":1}"#))
        #expect(answer.header("content-type") == "application/json")
        // Complete without the connection ending, and bytes after the body are not part of it.
        #expect(try Self.read(Self.bytes(text + "HTTP/1.1 500"), close: false)?.get() == answer)
        for size in [1, 2, 3, 5, 64] {
            #expect(Self.answer(text, pieces: [size]) == answer, "pieces of \(size)")
        }
    }

    @Test func chunked() throws {
        let text = "HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "4\r\n{\"a\"\r\n3;ext=1\r\n:1}\r\n0\r\nX-Trailer: yes\r\n\r\n"
        let answer = try #require(Self.answer(text))
        #expect(answer.status == 404)
        #expect(answer.body == Self.bytes(#"{"a":1}"#))
        #expect(answer.header("x-trailer") == "yes")
        for pieces in [[1], [2], [7, 1, 3], [13]] {
            #expect(Self.answer(text, pieces: pieces) == answer, "pieces \(pieces)")
        }
        // The answer ends with its last chunk, without the connection ending.
        #expect(try Self.read(Self.bytes(text), close: false)?.get() == answer)
        #expect(try Self.read(Self.bytes(text), pieces: [1], close: false)?.get() == answer)
    }

    @Test func untilClose() throws {
        let answer = try #require(Self.answer("HTTP/1.0 200 OK\r\nServer: x\r\n\r\nall of it", pieces: [4]))
        #expect(answer.body == Self.bytes("all of it"))
        #expect(Self.read(Self.bytes("HTTP/1.0 200 OK\r\n\r\nmore"), close: false) == nil)
    }

    @Test func noBodyStatuses() throws {
        let answer = try #require(try Self.read(Self.bytes("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n"), close: false)?.get())
        #expect(answer.status == 204)
        #expect(answer.body.isEmpty)
    }

    /// Each fault says what was wrong with the answer.
    @Test(arguments: [
        ("", "closed without an answer"),
        ("HTTP/1.1 200 OK\r\nContent-Le", "inside the answer's head"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345", "cut short: 5 of 10"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", "cut short inside its chunked body"),
        ("SSH-2.0-OpenSSH_9.2\r\n\r\n", "HTTP/1.x status line: \"SSH-2.0-OpenSSH_9.2\""),
        ("HTTP/1.1 2000 OK\r\n\r\n", "status line"),
        ("HTTP/1.1 20x OK\r\n\r\n", "status line"),
        ("HTTP/1.1 200 OK\r\n: no name\r\n\r\n", "header line without a name"),
        ("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "not one whole number"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", "not one whole number"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n", "not one whole number"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 2000000\r\n\r\n", "larger than 1048576 bytes"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", "is not chunked"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "not a hexadecimal number: \"zz\""),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffff\r\n", "not a hexadecimal number"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n200000\r\n", "larger than 1048576 bytes"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n", "does not end where its size says"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nno colon\r\n\r\n", "header line without a name"),
    ])
    func faults(input: String, says expected: String) throws {
        for pieces in [[Int.max], [1]] {
            let message = try #require(Self.failure(input, pieces: pieces), "\(input.debugDescription) was accepted")
            #expect(message.contains(expected), "\(message)")
        }
    }

    @Test func limits() throws {
        // A head that never ends, and a body read to the end of the connection, are capped.
        let endless = "HTTP/1.1 200 OK\r\n" + String(repeating: "X-Pad: 0123456789\r\n", count: 4000)
        #expect(Self.failure(endless)?.contains("head is longer than 64 KiB") == true)
        let large = "HTTP/1.1 200 OK\r\n\r\n" + String(repeating: "x", count: 2000)
        #expect(Self.failure(large, maxBody: 1000)?.contains("larger than 1000 bytes") == true)
        let chunks = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + String(repeating: "100\r\n" + String(repeating: "y", count: 256) + "\r\n", count: 5)
        #expect(Self.failure(chunks, maxBody: 1000)?.contains("larger than 1000 bytes") == true)
        let trailer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n" + String(repeating: "t", count: 70_000)
        #expect(Self.failure(trailer, pieces: [4096])?.contains("trailer is longer than 64 KiB") == true)
    }

    /// Seeded random bytes, and mutations of real answers, in random pieces: never a trap, and the
    /// outcome does not depend on how the bytes were split.
    @Test func hostileBytesAnyPieces() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let seeds = [
            "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n{\"a\":1}",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n",
            "HTTP/1.1 500 Internal Server Error\r\n\r\n{\"error\":{}}",
        ].map(Self.bytes)
        let alphabet = Self.bytes("0123456789abcdefABCDEF\r\n:; HTTP/1.chunkedContent-Length") + [0, 255, 9]
        for round in 0..<3000 {
            var input = seeds[Int(next() % UInt64(seeds.count))]
            for _ in 0..<(1 + Int(next() % 4)) {
                let at = input.isEmpty ? 0 : Int(next() % UInt64(input.count))
                switch next() % 4 {
                case 0: input.insert(alphabet[Int(next() % UInt64(alphabet.count))], at: at)
                case 1: if !input.isEmpty { input.remove(at: at) }
                case 2: if !input.isEmpty { input[at] = UInt8(truncatingIfNeeded: next()) }
                default: input.insert(contentsOf: input[at...].prefix(Int(next() % 16)), at: at)
                }
            }
            let whole = Self.read(input, maxBody: 64)
            let pieces = (0..<4).map { _ in 1 + Int(next() % 9) }
            let split = Self.read(input, pieces: pieces, maxBody: 64)
            #expect(whole == split, "round \(round): \(String(decoding: input, as: UTF8.self).debugDescription) in pieces \(pieces)")
        }
    }
}

