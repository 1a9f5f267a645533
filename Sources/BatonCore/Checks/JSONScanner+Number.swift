extension JSONScanner {
    /// Parses a number per RFC 8259 §6: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    ///
    /// Most numbers in status bodies are small integers or short decimals: those are
    /// converted exactly from their digits (Clinger's fast path: a mantissa below 2^53
    /// times or divided by an exact power of ten rounds once, correctly). Anything else
    /// goes through the standard library's correctly rounded text conversion.
    mutating func parseNumber() throws(JSONSyntaxError) -> Double {
        let start = index
        var negative = false
        if bytes[index] == ASCII.minus {
            negative = true
            index += 1
        }
        var mantissa: UInt64 = 0
        var exponent = 0
        var exact = true

        // Integer part.
        guard index < bytes.count else { throw .unexpectedEnd(at: index) }
        guard ASCII.isDigit(bytes[index]) else { throw .unexpected(bytes[index], at: index) }
        if bytes[index] == ASCII.zero {
            index += 1
            if index < bytes.count, ASCII.isDigit(bytes[index]) {
                throw JSONSyntaxError("invalid number (leading zero)", at: start)
            }
        } else {
            while index < bytes.count, ASCII.isDigit(bytes[index]) {
                accumulate(bytes[index], into: &mantissa, exact: &exact)
                index += 1
            }
        }

        // Fraction.
        if index < bytes.count, bytes[index] == ASCII.dot {
            index += 1
            guard index < bytes.count, ASCII.isDigit(bytes[index]) else {
                throw JSONSyntaxError("invalid number (expected a digit after \".\")", at: start)
            }
            while index < bytes.count, ASCII.isDigit(bytes[index]) {
                accumulate(bytes[index], into: &mantissa, exact: &exact)
                exponent -= 1
                index += 1
            }
        }

        // Exponent.
        if index < bytes.count, bytes[index] == ASCII.lowerE || bytes[index] == ASCII.upperE {
            index += 1
            var exponentNegative = false
            if index < bytes.count, bytes[index] == ASCII.plus || bytes[index] == ASCII.minus {
                exponentNegative = bytes[index] == ASCII.minus
                index += 1
            }
            guard index < bytes.count, ASCII.isDigit(bytes[index]) else {
                throw JSONSyntaxError("invalid number (expected a digit in the exponent)", at: start)
            }
            var written = 0
            while index < bytes.count, ASCII.isDigit(bytes[index]) {
                // Saturate: an exponent this large already means 0 or infinity.
                if written < 100_000 { written = written * 10 + Int(bytes[index] - ASCII.zero) }
                index += 1
            }
            exponent += exponentNegative ? -written : written
        }

        if exact, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            var value = Double(mantissa)
            if exponent < 0 { value /= Self.powersOfTen[-exponent] } else { value *= Self.powersOfTen[exponent] }
            return negative ? -value : value
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw JSONSyntaxError("number out of range", at: start)
        }
        return value
    }

    /// Adds a digit to the mantissa, noting when it no longer fits exactly.
    private func accumulate(_ digit: UInt8, into mantissa: inout UInt64, exact: inout Bool) {
        guard exact else { return }
        let (times10, overflow1) = mantissa.multipliedReportingOverflow(by: 10)
        let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit - ASCII.zero))
        if overflow1 || overflow2 { exact = false } else { mantissa = sum }
    }

    /// Every power of ten a `Double` holds exactly.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
}
