/// Byte counts as Baton writes them: `512 KiB`, `1.5 MiB`, `2 GiB`, and below 1 KiB `10 bytes` or `10 B`.
public enum ByteCount {
    private static let units: [(name: String, size: Int)] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]

    /// Binary units to a tenth (rounded), whole bytes below 1 KiB: `1 byte`, `10 bytes`, `64 KiB`.
    /// A negative count reads as nought.
    public static func text(_ count: Int) -> String {
        let count = max(0, count)
        return binary(count) ?? (count == 1 ? "1 byte" : "\(count) bytes")
    }

    /// The same with a unit symbol below 1 KiB, to stand beside other sizes: `0 B`, `10 B`, `64 KiB`.
    public static func symbol(_ count: Int) -> String {
        let count = max(0, count)
        return binary(count) ?? "\(count) B"
    }

    private static func binary(_ count: Int) -> String? {
        for (name, size) in units where count >= size {
            // Tenths of the unit, rounded; split so that counts near Int.max cannot overflow.
            let tenths = count / size * 10 + ((count % size) * 10 + size / 2) / size
            return tenths % 10 == 0 ? "\(tenths / 10) \(name)" : "\(tenths / 10).\(tenths % 10) \(name)"
        }
        return nil
    }
}
