import BatonCore

extension PlainReason {
    /// `the token endpoint answered HTTP 401 (invalid_client)`.
    static func words(_ problem: TokenEndpointProblem) -> String {
        switch problem {
        case .answered(let status, let error):
            return "the token endpoint answered HTTP \(status)" + (error.map { " (\($0))" } ?? "")
        case .unreachable(let failure):
            return "the token endpoint could not be reached: \(words(failure))"
        case .notJSON:
            return "the token endpoint did not answer JSON"
        case .noAccessToken:
            return "the token endpoint gave no access token"
        case .other(let text):
            return text
        }
    }

    /// `the certificate expires in 5 days, on 2026-12-07`.
    static func words(_ finding: CertificateFinding) -> String {
        switch finding {
        case .expiresIn(let days, let date):
            let when = days <= 0 ? "today" : "in \(ReasonText.count(days, "day", "days"))"
            return "the certificate expires \(when), on \(UTCTime.day(date))"
        case .expired(let days, let date):
            let when = days <= 0 ? "today" : "\(ReasonText.count(days, "day", "days")) ago"
            return "the certificate expired \(when), on \(UTCTime.day(date))"
        case .notYetValid(let date):
            return "the certificate is not valid before \(UTCTime.day(date))"
        }
    }

    /// `leads_20261201.csv is missing`, `no file matches leads_*.csv`, `leads_20261201.csv is only 0 B; minimum is 1 KiB`.
    static func words(_ finding: FileFinding) -> String {
        switch finding {
        case .found, .missing, .noMatch: finding.compact
        case .tooSmall(let name, let bytes, let minimum): "\(name) is only \(ByteCount.symbol(bytes)); minimum is \(ByteCount.symbol(minimum))"
        }
    }
}
