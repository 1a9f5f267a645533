#if canImport(Glibc)
import Glibc
#endif

/// The source a `/ping` rate limit applies to: an IPv4 address, or an IPv6 /64 network (one
/// host usually owns a whole /64, so counting its addresses one by one would limit nothing).
/// An IPv4-mapped IPv6 address counts as its IPv4 address.
enum PingSource {
    static func key(ipAddress: String?) -> String {
        guard let ipAddress else { return "unknown" }
        var v4 = in_addr()
        if inet_pton(AF_INET, ipAddress, &v4) == 1 { return ipAddress }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, ipAddress, &v6) == 1 else { return ipAddress }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            return bytes[12...].map(String.init).joined(separator: ".")
        }
        let groups = stride(from: 0, to: 8, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
        return groups.joined(separator: ":") + "::/64"
    }
}
