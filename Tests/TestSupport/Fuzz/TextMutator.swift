/// Mutations of a config file's bytes, where a tree cannot go: tabs, byte order marks, other
/// encodings, bytes that are not UTF-8, line endings, truncation, YAML directives and tags,
/// lines moved or spliced in from another file.
public struct TextMutator {
    public var random: SplitMix64
    public private(set) var applied: [String] = []

    public init(random: SplitMix64) {
        self.random = random
    }

    /// Applies one random mutation; `donor` is another file to splice lines from.
    public mutating func mutate(_ bytes: inout [UInt8], donor: String) {
        let choice = random.weighted([8, 6, 4, 8, 4, 10, 4, 5, 5, 5, 4, 5, 4, 6])
        switch choice {
        case 0: tabs(&bytes)
        case 1: byteOrderMark(&bytes)
        case 2: reencode(&bytes)
        case 3: badBytes(&bytes)
        case 4: insert([0], at: &bytes, "NUL")
        case 5: lineOperation(&bytes)
        case 6: truncate(&bytes)
        case 7: lineEndings(&bytes)
        case 8: documentMarkers(&bytes)
        case 9: tag(&bytes)
        case 10: longLine(&bytes)
        case 11: insert(Array(String(random.pick(HostileValues.controlCharacters)).utf8), at: &bytes, "control character")
        case 12: splice(&bytes, donor: donor)
        default: flipByte(&bytes)
        }
    }

    private func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
    }

    private func joined(_ lines: [[UInt8]]) -> [UInt8] {
        Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    }

    private mutating func insert(_ sequence: [UInt8], at bytes: inout [UInt8], _ what: String) {
        let offset = random.below(bytes.count + 1)
        bytes.insert(contentsOf: sequence, at: offset)
        applied.append("\(what) at byte \(offset)")
    }

    mutating func tabs(_ bytes: inout [UInt8]) {
        var all = lines(bytes)
        guard !all.isEmpty else { return }
        let index = random.below(all.count)
        if random.chance(60) {
            let indent = all[index].prefix { $0 == UInt8(ascii: " ") }.count
            all[index] = [UInt8](repeating: UInt8(ascii: "\t"), count: max(1, indent / 2)) + all[index].dropFirst(indent)
        } else if let colon = all[index].firstIndex(of: UInt8(ascii: ":")) {
            all[index].insert(UInt8(ascii: "\t"), at: colon + 1)
        }
        bytes = joined(all)
        applied.append("tab on line \(index + 1)")
    }

    mutating func byteOrderMark(_ bytes: inout [UInt8]) {
        let mark = random.pick(HostileValues.byteOrderMarks)
        if random.chance(80) {
            bytes.insert(contentsOf: mark, at: 0)
        } else {
            bytes.insert(contentsOf: mark, at: random.below(bytes.count + 1))
        }
        applied.append("BOM \(mark.map { String($0, radix: 16) }.joined(separator: " "))")
    }

    mutating func reencode(_ bytes: inout [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        switch random.below(5) {
        case 0, 1:
            let bigEndian = random.chance(50)
            var out: [UInt8] = random.chance(50) ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
            for unit in text.utf16 {
                let pair = [UInt8(unit >> 8), UInt8(unit & 0xFF)]
                out += bigEndian ? pair : pair.reversed()
            }
            bytes = out
            applied.append(bigEndian ? "UTF-16 BE" : "UTF-16 LE")
        case 2:
            var out: [UInt8] = random.chance(50) ? [0xFF, 0xFE, 0, 0] : []
            for scalar in text.unicodeScalars {
                let value = scalar.value
                out += [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), 0]
            }
            bytes = out
            applied.append("UTF-32 LE")
        default:
            // Latin-1: every scalar below 256 as one byte, the rest as `?`; plus an é so there is one.
            var out: [UInt8] = []
            for scalar in text.unicodeScalars { out.append(scalar.value < 256 ? UInt8(scalar.value) : UInt8(ascii: "?")) }
            out.insert(0xE9, at: random.below(out.count + 1))
            bytes = out
            applied.append("Latin-1")
        }
    }

    mutating func badBytes(_ bytes: inout [UInt8]) {
        let sequence = random.pick(HostileValues.badBytes)
        insert(sequence, at: &bytes, "bytes \(sequence.map { String($0, radix: 16) }.joined(separator: " "))")
    }

    mutating func lineOperation(_ bytes: inout [UInt8]) {
        var all = lines(bytes)
        guard all.count > 1 else { return }
        let index = random.below(all.count)
        switch random.below(6) {
        case 0:
            all.remove(at: index)
            applied.append("delete line \(index + 1)")
        case 1:
            all.insert(all[index], at: random.below(all.count + 1))
            applied.append("copy line \(index + 1)")
        case 2:
            all.swapAt(index, random.below(all.count))
            applied.append("swap line \(index + 1)")
        case 3:
            all[index] = [UInt8](repeating: UInt8(ascii: " "), count: random.int(in: 1...3)) + all[index]
            applied.append("indent line \(index + 1)")
        case 4:
            all[index] = Array(all[index].drop { $0 == UInt8(ascii: " ") }.prefix(all[index].count))
            applied.append("dedent line \(index + 1)")
        default:
            all[index] += Array(" # \(random.pick(HostileValues.texts))".utf8)
            applied.append("comment on line \(index + 1)")
        }
        bytes = joined(all)
    }

    mutating func truncate(_ bytes: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        let length = random.below(bytes.count)
        bytes.removeLast(bytes.count - length)
        applied.append("cut at byte \(length)")
    }

    mutating func lineEndings(_ bytes: inout [UInt8]) {
        let ending: [UInt8] = random.pick([[13, 10], [13], [10, 13], [0x0B], [0x0C]])
        let all = lines(bytes)
        let everywhere = random.chance(50)
        var out: [UInt8] = []
        for (index, line) in all.enumerated() {
            out += line
            if index < all.count - 1 { out += everywhere || random.chance(20) ? ending : [10] }
        }
        bytes = out
        applied.append("line endings \(ending)")
    }

    mutating func documentMarkers(_ bytes: inout [UInt8]) {
        let marker = random.pick([
            "%YAML 1.1\n---\n", "%YAML 1.3\n---\n", "%YAML 1.2\n%YAML 1.2\n---\n", "---\n", "--- !!map\n", "%TAG ! tag:fuzz:\n---\n",
            "...\n", "---\n...\n", "--- |\n  x\n",
        ])
        if random.chance(60) {
            bytes.insert(contentsOf: Array(marker.utf8), at: 0)
        } else {
            bytes += Array(("\n" + marker + random.pick(["teams: {}\n", "", "integrations: []\n", "- x\n"])).utf8)
        }
        applied.append("document marker \(marker.split(separator: "\n").first ?? "")")
    }

    mutating func tag(_ bytes: inout [UInt8]) {
        var all = lines(bytes)
        let candidates = all.indices.filter { all[$0].contains(UInt8(ascii: ":")) }
        guard !candidates.isEmpty else { return }
        let index = random.pick(candidates)
        guard let colon = all[index].firstIndex(of: UInt8(ascii: ":")) else { return }
        let tag = random.pick(["!!binary ", "!!str ", "!!int ", "!!float ", "!!null ", "!!bool ", "!!seq ", "!!map ", "!custom ", "!!python/object:os.system ", "!<tag:x> ", "!!timestamp "])
        all[index].insert(contentsOf: Array((" " + tag).utf8), at: colon + 1)
        bytes = joined(all)
        applied.append("tag \(tag)on line \(index + 1)")
    }

    mutating func longLine(_ bytes: inout [UInt8]) {
        let length = random.size(upTo: 1 << 20)
        let line: [UInt8] = switch random.below(3) {
        case 0: Array("# ".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: length)
        case 1: [UInt8](repeating: UInt8(ascii: " "), count: length)
        default: Array("x-long: ".utf8) + [UInt8](repeating: UInt8(ascii: "y"), count: length)
        }
        var all = lines(bytes)
        all.insert(line, at: random.below(all.count + 1))
        bytes = joined(all)
        applied.append("\(length)-byte line")
    }

    mutating func splice(_ bytes: inout [UInt8], donor: String) {
        var all = lines(bytes)
        let donorLines = donor.split(separator: "\n", omittingEmptySubsequences: false)
        guard !donorLines.isEmpty else { return }
        let start = random.below(donorLines.count)
        let count = min(donorLines.count - start, random.int(in: 1...20))
        let insertion = donorLines[start..<start + count].map { Array($0.utf8) }
        all.insert(contentsOf: insertion, at: random.below(all.count + 1))
        bytes = joined(all)
        applied.append("\(count) lines spliced")
    }

    mutating func flipByte(_ bytes: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        let offset = random.below(bytes.count)
        bytes[offset] = UInt8(truncatingIfNeeded: random.next())
        applied.append("byte \(offset) changed")
    }
}
