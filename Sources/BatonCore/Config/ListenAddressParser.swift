/// Reads `daemon.http`: `host:port`, with IPv6 hosts in brackets (`[::1]:9470`).
enum ListenAddressParser {
    /// The address, or why it is not one.
    static func parse(_ text: String) -> Result<ListenAddress, ListenAddressProblem> {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return .failure(.init("unclosed `[` in the IPv6 address")) }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return .failure(.init("expected `:port` after `]`")) }
            portText = rest.dropFirst()
            // An optional `%zone` (as in `[fe80::1%eth0]`) follows the address itself.
            let address = host.prefix { $0 != "%" }
            guard address.contains(":"), address.allSatisfy({ $0.isASCII && ($0.isHexDigit || $0 == ":" || $0 == ".") }) else {
                return .failure(.init("`\(host)` is not an IPv6 address"))
            }
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                return .failure(.init("expected host:port, like 127.0.0.1:9470 or [::1]:9470"))
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            if host.contains(":") {
                return .failure(.init("write an IPv6 address in brackets, like [::1]:9470"))
            }
            guard !host.isEmpty else {
                return .failure(.init("expected a host before the port: 127.0.0.1 for local only, 0.0.0.0 or [::] for every interface"))
            }
            guard host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }) else {
                return .failure(.init("`\(host)` is not a host name or IPv4 address"))
            }
        }
        guard let port = Int(portText), (1...65535).contains(port) else {
            return .failure(.init("expected a port from 1 to 65535, found `\(portText)`"))
        }
        return .success(ListenAddress(host: String(host), port: port))
    }
}

/// Why a `daemon.http` value is not a listen address.
struct ListenAddressProblem: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
