/// Links Baton writes in Markdown: `[Status page](https://…)`.
enum MarkdownLink {
    /// A checked link (see ``NoticeLink``) with its parentheses percent-encoded, so that none ends the link early.
    static func destination(_ link: String) -> String {
        link.replacingOccurrences(of: "(", with: "%28").replacingOccurrences(of: ")", with: "%29")
    }
}
