import Foundation

/// Whether a string is an absolute `http://` or `https://` URL with a host.
///
/// Checked after interpolation, since a URL from `${env:…}` is only known then.
enum HTTPURLCheck {
    static func isValid(_ text: String) -> Bool {
        guard let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty else { return false }
        return true
    }

    /// The error for a value that is not such a URL; shows the value only as written, so a
    /// URL taken from a secret is never printed.
    static func problem(_ key: String, written: String) -> String {
        "\(key): expected an http:// or https:// URL, found \(JSONValue.quoted(written))"
    }
}
