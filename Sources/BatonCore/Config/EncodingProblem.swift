/// Where a file stops being UTF-8 text, and what it seems to be instead.
///
/// An operator who saved a config from Windows Notepad (UTF-16) or an old editor (Latin-1)
/// should learn which byte is wrong, where, and how to fix it, not only "not UTF-8".
struct EncodingProblem: Equatable {
    /// What the file looks like.
    enum Guess: Equatable {
        case utf16LittleEndian(byteOrderMark: Bool)
        case utf16BigEndian(byteOrderMark: Bool)
        case utf32LittleEndian(byteOrderMark: Bool)
        case utf32BigEndian(byteOrderMark: Bool)
        /// Single bytes from 0x80 up, as Latin-1 and Windows-1252 write accented letters.
        case singleByte
        /// UTF-8 text with a NUL byte in it: usually a binary file.
        case nulByte
        /// Some other broken UTF-8 (a sequence cut short, an overlong form).
        case brokenUTF8
    }

    /// The first byte that is not UTF-8 text (a NUL counts), from 0.
    var offset: Int
    /// That byte.
    var byte: UInt8
    /// Its line and column (in characters, from 1), counting what precedes it as UTF-8.
    var line: Int
    var column: Int
    var guess: Guess

    init(_ bytes: [UInt8]) {
        var offset = 0
        var line = 1
        var column = 1
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        scan: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1, encoded.first == 0 { break scan }
                offset += encoded.count
                if encoded.count == 1, encoded.first == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .error, .emptyInput:
                break scan
            }
        }
        self.offset = offset
        self.byte = offset < bytes.count ? bytes[offset] : 0
        self.line = line
        self.column = column
        self.guess = Self.guess(bytes, firstBad: offset)
    }

    /// Byte order marks first, then the pattern of NUL bytes in the first 256, then the bad byte.
    private static func guess(_ bytes: [UInt8], firstBad: Int) -> Guess {
        if bytes.starts(with: [0xFF, 0xFE, 0, 0]) { return .utf32LittleEndian(byteOrderMark: true) }
        if bytes.starts(with: [0, 0, 0xFE, 0xFF]) { return .utf32BigEndian(byteOrderMark: true) }
        if bytes.starts(with: [0xFF, 0xFE]) { return .utf16LittleEndian(byteOrderMark: true) }
        if bytes.starts(with: [0xFE, 0xFF]) { return .utf16BigEndian(byteOrderMark: true) }
        let sample = bytes.prefix(256)
        // Zeros by position modulo 4: ASCII in UTF-16 has every other byte zero, in UTF-32 three of four.
        var zeros = [0, 0, 0, 0]
        for (index, byte) in sample.enumerated() where byte == 0 { zeros[index % 4] += 1 }
        let quarter = sample.count / 4
        if quarter > 0 {
            let mostly = quarter * 3 / 4
            if zeros[1] >= mostly, zeros[2] >= mostly, zeros[3] >= mostly, zeros[0] < mostly { return .utf32LittleEndian(byteOrderMark: false) }
            if zeros[0] >= mostly, zeros[1] >= mostly, zeros[2] >= mostly, zeros[3] < mostly { return .utf32BigEndian(byteOrderMark: false) }
            if zeros[1] + zeros[3] >= 2 * mostly, zeros[0] + zeros[2] < mostly { return .utf16LittleEndian(byteOrderMark: false) }
            if zeros[0] + zeros[2] >= 2 * mostly, zeros[1] + zeros[3] < mostly { return .utf16BigEndian(byteOrderMark: false) }
        }
        guard firstBad < bytes.count else { return .brokenUTF8 }
        if bytes[firstBad] == 0 { return .nulByte }
        // A high byte followed by one that cannot continue a UTF-8 sequence: a single-byte encoding.
        let next = firstBad + 1 < bytes.count ? bytes[firstBad + 1] : 0
        if bytes[firstBad] >= 0x80, !(0x80...0xBF).contains(next) { return .singleByte }
        return .brokenUTF8
    }

    /// One sentence: which byte, what the file looks like, and what to do.
    var explanation: String {
        let found = "byte 0x\(Self.hex(byte)) at offset \(offset)"
        switch guess {
        case .utf16LittleEndian(let mark), .utf16BigEndian(let mark):
            let evidence = mark ? "it starts with a byte order mark" : "its letters alternate with NUL bytes"
            return "\(found) is not UTF-8: the file looks like \(name) text (\(evidence)); save it as UTF-8"
        case .utf32LittleEndian(let mark), .utf32BigEndian(let mark):
            let evidence = mark ? "it starts with a byte order mark" : "three NUL bytes go with each letter"
            return "\(found) is not UTF-8: the file looks like \(name) text (\(evidence)); save it as UTF-8"
        case .singleByte:
            let letter = Self.windows1252(byte).map { ", where it is \"\($0)\"" } ?? ""
            return "\(found) is not UTF-8: the file looks like Latin-1 or Windows-1252\(letter); save it as UTF-8"
        case .nulByte:
            return "\(found) is a NUL, which no text file contains; is this a binary file?"
        case .brokenUTF8:
            return "\(found) is not valid UTF-8 (a character cut short or wrongly encoded); save the file as UTF-8"
        }
    }

    private var name: String {
        switch guess {
        case .utf16LittleEndian: "UTF-16 LE"
        case .utf16BigEndian: "UTF-16 BE"
        case .utf32LittleEndian: "UTF-32 LE"
        case .utf32BigEndian: "UTF-32 BE"
        default: "UTF-8"
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count < 2 ? "0" + digits : digits
    }

    /// The character a byte stands for in Windows-1252 (Latin-1 plus letters and quotes in
    /// 0x80–0x9F), when it is a visible one.
    static func windows1252(_ byte: UInt8) -> Character? {
        switch byte {
        case 0xA1...0xFF where byte != 0xAD:
            return Character(Unicode.Scalar(byte))
        case 0x80...0x9F:
            let scalar = windows1252High[Int(byte - 0x80)]
            return scalar == 0 ? nil : Unicode.Scalar(scalar).map(Character.init)
        default:
            return nil
        }
    }

    /// 0x80–0x9F in Windows-1252; 0 where it has no character.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]
}
