/// Reads byte sizes such as `512KiB`, `1MiB`, `10MB` or a plain `1048576`.
enum ByteSizeParser {
    /// How an expected size is described in errors.
    static let expectation = "a size like 512KiB, 1MiB, 10MB or 1048576"

    /// What a text says as a size: one, one too large for `Int`, or none.
    enum Reading: Sendable, Equatable {
        case size(Int)
        /// A size in the right form whose byte count does not fit `Int` (`99999999999999999999TiB`).
        case tooLarge
        case notASize
    }

    private static let units: [String: Int] = [
        "": 1, "B": 1,
        "kB": 1_000, "KB": 1_000, "MB": 1_000_000, "GB": 1_000_000_000, "TB": 1_000_000_000_000,
        "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "TiB": 1 << 40,
    ]

    /// The size in bytes, or `nil` when `text` is not a size or too large to count.
    static func parse(_ text: String) -> Int? {
        if case .size(let bytes) = read(text) { return bytes }
        return nil
    }

    /// The size in bytes, telling a size too large to count apart from text that is none. Never traps.
    static func read(_ text: String) -> Reading {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let unit = text.dropFirst(digits.count).drop { $0 == " " }
        guard !digits.isEmpty, let scale = units[String(unit)] else { return .notASize }
        // Only digits are left, so a failed conversion means too many of them.
        guard let count = Int(digits) else { return .tooLarge }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: scale)
        return overflow ? .tooLarge : .size(bytes)
    }
}
