import struct Foundation.Date

extension Judge {
    /// Days left on the server certificate against `expect.certificate`.
    ///
    /// Days are whole days from the probe to `notAfter`, rounded down, and the limits compare
    /// with them, so the reason always agrees with the verdict: with `error_before: 7d`, a
    /// certificate that `expires in 7 days` (7 days and some hours) is already down.
    static func certificate(_ certificate: CertificateSummary, against expectation: CertificateExpectation, observedAt: Date) -> Finding {
        if observedAt < certificate.notBefore {
            return Finding(level: .fail, reason: .certificate(.notYetValid(from: certificate.notBefore)))
        }
        let left = certificate.notAfter.timeIntervalSince(observedAt)
        if left < 0 {
            return Finding(level: .fail, reason: .certificate(.expired(daysAgo: wholeDays(-left), on: certificate.notAfter)))
        }
        let days = wholeDays(left)
        let reason = Reason.certificate(.expiresIn(days: days, on: certificate.notAfter))
        let daysInSeconds = Double(days) * 86_400
        if let errorBefore = expectation.errorBefore, daysInSeconds <= errorBefore.seconds {
            return Finding(level: .fail, reason: reason)
        }
        if let warnBefore = expectation.warnBefore, daysInSeconds <= warnBefore.seconds {
            return Finding(level: .warn, reason: reason)
        }
        return Finding(level: .pass, reason: reason)
    }

    /// Whole days in `seconds`, rounded down; clamped, so a certificate valid until 9999 cannot trap.
    private static func wholeDays(_ seconds: Double) -> Int {
        Int(DurationText.wholeSeconds(seconds) / 86_400)
    }
}
