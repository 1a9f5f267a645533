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
}
