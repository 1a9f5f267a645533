#if canImport(Glibc)
import Glibc
#endif

/// The C library's heap, where it matters to a long-running daemon.
public enum Memory {
    /// Asks glibc to release free heap pages (`malloc_trim(0)`); does nothing where it does not exist.
    ///
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
    public static func limitArenas(to count: Int32) {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        typealias Option = @convention(c) (Int32, Int32) -> Int32
        let arenaMax: Int32 = -8  // M_ARENA_MAX in <malloc.h>
        _ = unsafeBitCast(symbol, to: Option.self)(arenaMax, count)
        #endif
    }
}
