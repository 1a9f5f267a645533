extension JSONScanner {
    /// Parses a string starting at its opening quote.
    ///
    /// Most strings in status bodies have no escapes, so the fast path only validates and
    /// copies once; the first backslash switches to a path that builds the bytes.
    mutating func parseString() throws(JSONSyntaxError) -> String {
        let opening = index
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ASCII.quote {
                let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == ASCII.backslash { return try parseEscapedString(from: start, opening: opening) }
            try skipCharacter(byte, opening: opening)
        }
        throw .unterminatedString(at: opening)
    }

    /// Continues a string at its first backslash, collecting decoded bytes.
    private mutating func parseEscapedString(from start: Int, opening: Int) throws(JSONSyntaxError) -> String {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(index - start + 16)
        decoded.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ASCII.quote {
                index += 1
                return String(decoding: decoded, as: UTF8.self)
            }
            if byte == ASCII.backslash {
                try decodeEscape(into: &decoded, opening: opening)
                continue
            }
            let characterStart = index
            try skipCharacter(byte, opening: opening)
            decoded.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[characterStart..<index]))
        }
        throw .unterminatedString(at: opening)
    }

    /// Steps over one unescaped character, rejecting control characters and invalid UTF-8.
    private mutating func skipCharacter(_ byte: UInt8, opening: Int) throws(JSONSyntaxError) {
        if byte < 0x20 {
            throw JSONSyntaxError("control character \(JSONSyntaxError.hex(byte)) in string (must be escaped)", at: index)
        }
        if byte < 0x80 {
            index += 1
            return
        }
        index += try utf8SequenceLength(at: index, opening: opening)
    }

    /// Length of the well-formed UTF-8 sequence at `position` (Unicode Table 3-7), or an error.
    private func utf8SequenceLength(at position: Int, opening: Int) throws(JSONSyntaxError) -> Int {
        let lead = bytes[position]
        let length: Int
        // The second byte's range is narrower after some lead bytes: it excludes overlong
        // forms, UTF-16 surrogates (ED A0…) and code points above U+10FFFF.
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: throw JSONSyntaxError("invalid UTF-8", at: position)
        }
        guard position + length <= bytes.count else { throw .unterminatedString(at: opening) }
        guard secondRange.contains(bytes[position + 1]) else { throw JSONSyntaxError("invalid UTF-8", at: position) }
        for continuation in (position + 2)..<(position + length) where bytes[continuation] & 0xC0 != 0x80 {
            throw JSONSyntaxError("invalid UTF-8", at: position)
        }
        return length
    }

    /// Decodes the escape at the current backslash and appends its UTF-8 bytes.
    private mutating func decodeEscape(into decoded: inout [UInt8], opening: Int) throws(JSONSyntaxError) {
        let backslash = index
        guard index + 1 < bytes.count else { throw .unterminatedString(at: opening) }
        let letter = bytes[index + 1]
        index += 2
        switch letter {
        case ASCII.quote, ASCII.backslash, ASCII.slash: decoded.append(letter)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"):
            let scalar = try decodeUnicodeEscape(startingAt: backslash, opening: opening)
            Self.appendUTF8(scalar, to: &decoded)
        default:
            let shown = letter >= 0x20 && letter < 0x7F
                ? "\"\\\(Character(UnicodeScalar(letter)))\""
                : "\"\\\" followed by \(JSONSyntaxError.hex(letter))"
            throw JSONSyntaxError("invalid escape \(shown) in string", at: backslash)
        }
    }

    /// Decodes `\uXXXX`, joining a UTF-16 surrogate pair written as two escapes.
    ///
    /// A lone surrogate cannot become a Swift `String` faithfully, so it is rejected rather
    /// than silently replaced: a body that carries one is malformed.
    private mutating func decodeUnicodeEscape(startingAt backslash: Int, opening: Int) throws(JSONSyntaxError) -> UInt32 {
        let first = try readHexQuad(escapeAt: backslash, opening: opening)
        switch first {
        case 0xD800...0xDBFF:
            guard index + 1 < bytes.count, bytes[index] == ASCII.backslash, bytes[index + 1] == UInt8(ascii: "u") else {
                throw JSONSyntaxError("unpaired surrogate \\u\(Self.hexQuad(first)) in string", at: backslash)
            }
            let second = index
            index += 2
            let low = try readHexQuad(escapeAt: second, opening: opening)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw JSONSyntaxError("unpaired surrogate \\u\(Self.hexQuad(first)) in string", at: backslash)
            }
            return 0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00)
        case 0xDC00...0xDFFF:
            throw JSONSyntaxError("unpaired surrogate \\u\(Self.hexQuad(first)) in string", at: backslash)
        default:
            return first
        }
    }

    /// Reads the four hex digits after `\u`; `index` is just past the `u`.
    private mutating func readHexQuad(escapeAt backslash: Int, opening: Int) throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw .unterminatedString(at: opening) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case ASCII.zero...ASCII.nine: digit = byte - ASCII.zero
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONSyntaxError("invalid \\u escape (expected 4 hex digits) in string", at: backslash)
            }
            value = (value << 4) | UInt32(digit)
            index += 1
        }
        return value
    }

    /// Appends a scalar value (never a surrogate, at most U+10FFFF) as UTF-8.
    private static func appendUTF8(_ value: UInt32, to bytes: inout [UInt8]) {
        switch value {
        case ..<0x80:
            bytes.append(UInt8(value))
        case ..<0x800:
            bytes.append(UInt8(0xC0 | (value >> 6)))
            bytes.append(UInt8(0x80 | (value & 0x3F)))
        case ..<0x10000:
            bytes.append(UInt8(0xE0 | (value >> 12)))
            bytes.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (value & 0x3F)))
        default:
            bytes.append(UInt8(0xF0 | (value >> 18)))
            bytes.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            bytes.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (value & 0x3F)))
        }
    }

    private static func hexQuad(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
