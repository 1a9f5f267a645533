#if canImport(Glibc)
@testable import BatonDaemon
import Glibc
import Testing

/// glibc's heap thresholds stay fixed once the daemon bounds them: a large transient block freed
/// (a 90-day report's arrays) must not make later large blocks come from, and stay in, an arena.
struct MemoryTests {
    /// glibc marks a block that has its own mapping in its chunk header: bit 1 (IS_MMAPPED) of the size word before it.
    static func isMapped(_ pointer: UnsafeMutableRawPointer) -> Bool {
        (pointer - MemoryLayout<Int>.size).load(as: Int.self) & 0x2 != 0
    }

    @Test func largeBlocksKeepTheirOwnMappingAfterALargerOneIsFreed() throws {
        let tunables = getenv("GLIBC_TUNABLES").map { String(cString: $0) } ?? ""
        try #require(!tunables.contains("glibc.malloc."), "GLIBC_TUNABLES sets the heap: the daemon leaves it alone")
        #expect(Memory.boundRetainedHeap())
        // By glibc's default rules, freeing this 24 MB mapped block would raise the mmap threshold to 24 MB.
        let big = try #require(malloc(24 << 20))
        memset(big, 1, 24 << 20)
        free(big)
        let limit = Int(Memory.retainedLimit)
        // Far above the limit: other tests in this process may have left free chunks of a few MB
        // in the arena, which glibc would hand out before it thinks of a mapping.
        let above = try #require(malloc(limit * 64))
        defer { free(above) }
        #expect(Self.isMapped(above), "a block above the limit comes from its own mapping, returned to the system when freed")
        let below = try #require(malloc(limit / 8))
        defer { free(below) }
        #expect(!Self.isMapped(below), "a block well below the limit comes from an arena, without a system call")
    }
}
#endif
