import Foundation
import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// Who is on the other end of the control socket: the Unix user, from the kernel
/// (`SO_PEERCRED`), never from anything the client says about itself.
enum PeerIdentity {
    /// The calling user's name (or `uid 1234` when it has none); `nil` when the kernel will not say.
    static func user(of channel: any Channel) async -> String? {
        guard let provider = channel as? any SocketOptionProvider else { return nil }
        do {
            let credentials: PeerCredentials = try await provider.unsafeGetSocketOption(
                level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED)
            ).get()
            return name(of: credentials.uid)
        } catch {
            return nil
        }
    }

    /// Linux's `struct ucred` (pid, uid, gid): Swift's Glibc module hides it behind `_GNU_SOURCE`.
    struct PeerCredentials: Sendable {
        var pid: Int32 = 0
        var uid: UInt32 = 0
        var gid: UInt32 = 0
    }

    static func name(of uid: uid_t) -> String {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        let status = getpwuid_r(uid, &entry, &buffer, buffer.count, &result)
        guard status == 0, result != nil, let name = entry.pw_name else { return "uid \(uid)" }
        return String(cString: name)
    }
}
