/// How much CPU checking a config file may take: 2 s, or 4 µs a byte for a file over 512 KiB.
///
/// The tests run a debug build, which checks about 1.5 µs a byte (measured: 0.5 s for 1,000
/// integrations in 340 KB, 2.1 s for 4,000 in 1.4 MB): a large honest file costs its size,
/// while anything worse than linear in the size still fails.
public enum ConfigCheckBudget {
    public static func cpuLimit(bytes: Int) -> Duration {
        max(.seconds(2), .nanoseconds(4_000) * bytes)
    }
}
