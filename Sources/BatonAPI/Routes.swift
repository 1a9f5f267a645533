/// Paths of the control API, shared by the daemon and the CLI.
public enum Routes {
    public static let status = "/v1/status"
    public static func integration(_ id: String) -> String { "/v1/integrations/\(escape(id))" }
    public static func check(_ id: String) -> String { "/v1/integrations/\(escape(id))/check" }
    public static let incidents = "/v1/incidents"
    public static func acknowledge(_ id: Int) -> String { "/v1/incidents/\(id)/ack" }
    public static func channelTest(_ id: String) -> String { "/v1/channels/\(escape(id))/test" }
    public static let reload = "/v1/reload"
    public static let silences = "/v1/silences"
    public static func silence(_ id: Int) -> String { "/v1/silences/\(id)" }

    /// Percent-encodes a path segment or query value.
    public static func escape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// A query string from the non-nil pairs, `?a=1&b=2`, or empty.
    public static func query(_ pairs: [(String, String?)]) -> String {
        let present = pairs.compactMap { key, value in value.map { "\(key)=\(escape($0))" } }
        return present.isEmpty ? "" : "?" + present.joined(separator: "&")
    }
}
