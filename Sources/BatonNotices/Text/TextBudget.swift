/// How much of each user text a notice keeps, before any service's own limits apply.
///
/// A 10,000-character integration name is a config mistake, not a reason to lose the
/// notice: renderers try the budgets from generous to minimal and send the first body the
/// service accepts (see ``NoticeSummary/firstFitting(_:budgets:build:fits:)``).
/// Limits count UTF-16 code units, so a character made of thousands of combining marks
/// counts for what it weighs.
struct TextBudget: Sendable, Equatable {
    /// Integration names, user names and the like.
    var name: Int
    /// Team names.
    var team: Int
    /// Lists joined into one line: tools, blocked integrations.
    var list: Int
    /// A reason, a note, a headline.
    var sentence: Int
    /// Multi-line details (digests).
    var details: Int

    static let generous = TextBudget(name: 1000, team: 500, list: 1000, sentence: 2000, details: 8000)
    static let standard = TextBudget(name: 200, team: 120, list: 300, sentence: 600, details: 3000)
    static let tight = TextBudget(name: 100, team: 60, list: 120, sentence: 250, details: 1200)
    static let minimal = TextBudget(name: 40, team: 30, list: 40, sentence: 100, details: 300)

    /// Chat messages: what fits a phone screen, then smaller.
    static let chat: [TextBudget] = [.standard, .tight, .minimal]
    /// Machine receivers: as much as the body limit allows.
    static let machine: [TextBudget] = [.generous, .standard, .tight, .minimal]

    /// `text` on one line, cut to `limit`.
    func cut(_ text: String, _ limit: Int) -> String {
        let (head, leftOut) = Self.head(text, limit)
        return Self.finish(UserText.line(head), limit, leftOut: leftOut)
    }

    /// `items` on one line, separated by `, `, cut to `limit`.
    func cut(list items: [String], _ limit: Int) -> String {
        var heads: [String] = []
        var used = 0
        var leftOut = false
        for item in items {
            guard used <= Self.window(limit) else {
                leftOut = true
                break
            }
            let (head, cut) = Self.head(item, limit)
            heads.append(head)
            used += head.unicodeScalars.count + 2
            leftOut = leftOut || cut
        }
        return Self.finish(UserText.line(heads.joined(separator: ", ")), limit, leftOut: leftOut)
    }

    /// `text` with its lines kept, cut to `limit`.
    func cut(lines text: String, _ limit: Int) -> String {
        let (head, leftOut) = Self.head(text, limit)
        return Self.finish(UserText.lines(head), limit, leftOut: leftOut)
    }

    /// `text` as written, only cut to `limit`: for machine receivers.
    func keep(_ text: String, _ limit: Int) -> String {
        let (head, leftOut) = Self.head(text, limit)
        return Self.finish(head, limit, leftOut: leftOut)
    }

    /// How many scalars of a text are read to cut it to `limit`: enough to fill the limit
    /// even after runs of spaces collapse, and bounded, so a huge text costs no more than a short one.
    private static func window(_ limit: Int) -> Int { limit * 2 + 64 }

    /// The first ``window(_:)`` scalars of `text`, and whether anything was left out.
    private static func head(_ text: String, _ limit: Int) -> (head: String, leftOut: Bool) {
        let scalars = text.unicodeScalars
        guard let end = scalars.index(scalars.startIndex, offsetBy: window(limit), limitedBy: scalars.endIndex), end != scalars.endIndex else {
            return (text, false)
        }
        return (String(scalars[..<end]), true)
    }

    private static func finish(_ text: String, _ limit: Int, leftOut: Bool) -> String {
        leftOut ? TextFormat.plain.fitMarked(text, limit: limit, unit: .utf16) : TextFormat.plain.fit(text, limit: limit, unit: .utf16)
    }
}
