#if canImport(Glibc)
import Glibc
#endif

/// The C library's heap, where it matters to a long-running daemon.
public enum Memory {
    /// Asks glibc to release free heap pages (`malloc_trim(0)`); does nothing where it does not exist.
    ///
    /// It releases free chunks in every arena's bins, and the main arena's top; not the top chunk of
    /// the other arenas (the threads' own), which ``boundRetainedHeap()`` keeps small instead.
    /// Looked up at run time: Swift's Glibc module does not import `<malloc.h>`.
    public static func returnFreePagesToSystem() {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        typealias Trim = @convention(c) (Int) -> Int32
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }

    /// Caps glibc's heap arenas (`mallopt(M_ARENA_MAX, count)`); call before threads start.
    ///
    /// By default glibc gives each busy thread an arena of its own (up to 8 per core). The
    /// daemon's threads (libcurl's loop, the judging queue, NIO, the writer) allocate in one and
    /// free in another, so each arena keeps its own free pages: at 10,000 integrations the
    /// default ended 20–25 MB above one arena (bench/run.sh, peak RSS 122–131 MB against 107 MB)
    /// and crept up for minutes, with no CPU saved. Threads keep glibc's per-thread cache.
    /// Leaves glibc alone when the operator chose (``operatorTunesHeap``). Returns whether it was set.
    @discardableResult
    public static func limitArenas(to count: Int32) -> Bool {
        // <malloc.h>: M_ARENA_MAX -8.
        !operatorTunesHeap && mallopt(-8, count)
    }

    /// The largest free space an arena keeps at its top, and the size from which a block gets its own
    /// mapping (given back to the system when it is freed).
    public static let retainedLimit: Int32 = 4 << 20

    /// Fixes glibc's trim and mmap thresholds at ``retainedLimit``, instead of letting them grow.
    ///
    /// By default a freed mapped block raises both thresholds to its size (the trim threshold to
    /// twice that, up to 64 MB), so after one large transient — a 90-day `baton report` — each
    /// thread's arena keeps up to 64 MB of free memory for good, which `malloc_trim` does not touch
    /// (measured: 122 MB before such a report, 188 MB a minute after; 108 MB with fixed thresholds).
    /// Call it before the daemon allocates much. Leaves glibc alone when the operator chose
    /// (``operatorTunesHeap``). Returns whether the thresholds were set.
    @discardableResult
    public static func boundRetainedHeap() -> Bool {
        // <malloc.h>: M_TRIM_THRESHOLD -1, M_MMAP_THRESHOLD -3.
        guard !operatorTunesHeap else { return false }
        let trim = mallopt(-1, retainedLimit)
        let mmap = mallopt(-3, retainedLimit)
        return trim && mmap
    }

    /// True when the environment sets glibc's heap (`MALLOC_ARENA_MAX`, or a `glibc.malloc.` entry in
    /// `GLIBC_TUNABLES`): the operator's choice wins over the daemon's.
    static var operatorTunesHeap: Bool {
        #if canImport(Glibc)
        if getenv("MALLOC_ARENA_MAX") != nil { return true }
        if let tunables = getenv("GLIBC_TUNABLES"), String(cString: tunables).contains("glibc.malloc.") { return true }
        #endif
        return false
    }

    /// `mallopt(option, value)`, looked up at run time like `malloc_trim`; true when glibc took it.
    private static func mallopt(_ option: Int32, _ value: Int32) -> Bool {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
        typealias Option = @convention(c) (Int32, Int32) -> Int32
        return unsafeBitCast(symbol, to: Option.self)(option, value) == 1
        #else
        return false
        #endif
    }
}
