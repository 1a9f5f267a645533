/// Links in notices come from config: only plain `http(s)` URLs that no markup can misread.
enum NoticeLink {
    /// Longest link kept; longer ones are dropped rather than cut into a broken link.
    static let longest = 2000

    /// `link` when it is an `http` or `https` URL without spaces, quotes or angle brackets.
    static func checked(_ link: String?) -> String? {
        guard let link, link.utf8.count <= longest else { return nil }
        let lower = link.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), link.utf8.count > (lower.hasPrefix("https") ? 8 : 7) else {
            return nil
        }
        let allowed = link.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && scalar.value > 0x20 && scalar.value < 0x7F && !"\"<>\\^`{|}".unicodeScalars.contains(scalar)
        }
        return allowed ? link : nil
    }
}
