/// Reads byte sizes such as `512KiB`, `1MiB`, `10MB` or a plain `1048576`.
enum ByteSizeParser {
    /// How an expected size is described in errors.
    static let expectation = "a size like 512KiB, 1MiB, 10MB or 1048576"

    /// The largest body a check may read: a bound on memory per probe.
    static let maximum = 1 << 30

    private static let units: [String: Int] = [
        "": 1, "B": 1,
        "kB": 1_000, "KB": 1_000, "MB": 1_000_000, "GB": 1_000_000_000,
        "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30,
    ]

    /// The size in bytes, or `nil` when `text` is not a size.
    static func parse(_ text: String) -> Int? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let unit = text.dropFirst(digits.count).drop { $0 == " " }
        guard !digits.isEmpty, let count = Int(digits), let scale = units[String(unit)] else { return nil }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: scale)
        return overflow ? nil : bytes
    }
}
