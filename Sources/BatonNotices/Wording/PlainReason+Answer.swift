import BatonCore

extension PlainReason {
    /// `the endpoint answered HTTP 200 in 12 ms; last sync 4 min ago`; for a file drop,
    /// `leads_20261201.csv is there (12 KiB), written 3 h ago`.
    static func words(_ summary: AnswerSummary) -> String {
        if let file = summary.file {
            let size = file.bytes.map { " (\(ByteCount.symbol($0)))" } ?? ""
            return "\(file.name) is there\(size)" + (summary.data.map { ", written \($0.age.words) ago" } ?? "")
        }
        return "the endpoint answered HTTP \(summary.status) in \(summary.latency.words)" + (summary.data.map { "; " + words($0) } ?? "")
    }

    /// `last sync 4 min ago`.
    static func words(_ age: DataAge) -> String {
        "\(humanised(age.label)) \(age.age.words) ago"
    }

    /// `the endpoint answered HTTP 503`, `… HTTP 404 instead of 200 or 204`.
    static func words(_ finding: HTTPStatusFinding) -> String {
        let answered = "the endpoint answered HTTP \(finding.code)"
        guard !finding.expected.isEmpty else { return answered }
        return "\(answered) instead of \(ReasonText.alternatives(finding.expected.map(String.init)))"
    }

    /// `the answer does not contain "ok"`, `the answer is not JSON: …`.
    static func words(_ finding: BodyFinding) -> String {
        switch finding {
        case .contains(let needle): "the answer contains \(ReasonText.quoted(needle))"
        case .lacks(let needle): "the answer does not contain \(ReasonText.quoted(needle))"
        case .notJSON(let error): "the answer is not JSON: \(error)"
        }
    }

    /// `slow: answered in 2.4 s; limit is 2 s`.
    static func words(_ finding: LatencyFinding) -> String {
        switch finding {
        case .within: "answered in \(finding.latency.words); limit is \(finding.maximum.words)"
        case .slow: "slow: answered in \(finding.latency.words); limit is \(finding.maximum.words)"
        }
    }
}
