/// Sizes as people write them in scenario files: `0`, `512`, `512B`, `12KiB`, `1.5MB`, `2GiB`.
enum HumanSize {
    /// The largest size accepted: 1 TiB, far above any export the simulator should pretend to serve.
    static let largest = 1 << 40

    /// The size in bytes, or nil when `text` is not one (or is above ``largest``).
    static func bytes(in text: String) -> Int? {
        let trimmed = text.trimmingWhitespace()
        let number = trimmed.prefix { $0.isNumber || $0 == "." }
        guard !number.isEmpty, let value = Double(number) else { return nil }
        let unit = String(trimmed.dropFirst(number.count)).trimmingWhitespace().lowercased()
        let scales: [String: Double] = [
            "": 1, "b": 1,
            "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
            "kib": 1024, "mib": 1_048_576, "gib": 1_073_741_824, "tib": 1_099_511_627_776,
        ]
        guard let scale = scales[unit] else { return nil }
        let bytes = (value * scale).rounded()
        guard bytes.isFinite, bytes >= 0, bytes <= Double(largest) else { return nil }
        return Int(bytes)
    }

    /// `12KiB`, `1.5MiB`, `512B`: the compact form for log lines.
    static func describe(bytes: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var index = 0
        while value >= 1024, index < units.count - 1 {
            value /= 1024
            index += 1
        }
        let rounded = (value * 10).rounded() / 10
        let text = rounded == rounded.rounded() ? "\(Int(rounded))" : "\(rounded)"
        return text + units[index]
    }
}
