#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension ServerCertificate {
    /// Reads the `name:value` lines libcurl gives for one certificate (`CURLINFO_CERTINFO`);
    /// nil when the subject, the issuer or a readable validity date is missing.
    init?(certInfoFields fields: [Substring]) {
        var subject: Substring?
        var issuer: Substring?
        var start: Substring?
        var expiry: Substring?
        for field in fields {
            guard let colon = field.firstIndex(of: ":") else { continue }
            let value = field[field.index(after: colon)...].drop(while: { $0 == " " })
            switch field[..<colon] {
            case "Subject": subject = value
            case "Issuer": issuer = value
            case "Start date": start = value
            case "Expire date": expiry = value
            default: continue
            }
        }
        guard let subject, let issuer,
              let notBefore = start.flatMap(ServerCertificate.parseOpenSSLTime),
              let notAfter = expiry.flatMap(ServerCertificate.parseOpenSSLTime)
        else { return nil }
        self.init(subject: String(subject), issuer: String(issuer), notBefore: notBefore, notAfter: notAfter)
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Parses OpenSSL's `ASN1_TIME_print` form, `Dec  7 12:00:00 2026 GMT`.
    static func parseOpenSSLTime(_ text: Substring) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 5, parts[4] == "GMT",
              let monthIndex = months.firstIndex(where: { $0[...] == parts[0] }),
              let day = Int(parts[1]), (1...31).contains(day),
              let year = Int(parts[3]), (0...9999).contains(year)
        else { return nil }
        let clock = parts[2].split(separator: ":")
        guard clock.count == 3,
              let hour = Int(clock[0]), (0...23).contains(hour),
              let minute = Int(clock[1]), (0...59).contains(minute),
              let second = Int(clock[2]), (0...60).contains(second)
        else { return nil }
        let days = daysFromCivil(year: year, month: monthIndex + 1, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's civil-days algorithm);
    /// the inputs are range-checked by the caller, so nothing here can overflow.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
