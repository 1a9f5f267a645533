import struct Foundation.Date

extension Judge {
    /// An s3 key that answered 404: the file is missing. `nil` for a glob, whose 404 (from the
    /// bucket listing) means the bucket itself is not there, an HTTP error like any other.
    static func missingObject(_ check: HTTPCheck) -> Finding? {
        guard FileDropName(url: check.url.revealed)?.isGlob == false else { return nil }
        return Finding(level: .fail, reason: .file(.missing(name: configuredName(check))))
    }

    /// `min_size`: `leads.csv is 12 KiB` passes; `leads.csv is 0 B (min 1 KiB)` fails. Over
    /// HTTP the size is `Content-Length` (or the body read), named `body`.
    static func size(of answer: HTTPAnswer, atLeast minimum: Int, check: HTTPCheck, target: CheckTarget) -> Finding {
        let name = target.isFileDrop ? fileName(answer, check: check) : answer.file?.name ?? "body"
        guard let bytes = fileSize(answer, check: check, target: target) else {
            // Only a server that sends no size at all gets here; a size of 0 would be a lie.
            return Finding(level: .fail, reason: .text("the size of \(name) is unknown (min \(ByteCount.symbol(minimum)))"))
        }
        guard bytes >= minimum else {
            return Finding(level: .fail, reason: .file(.tooSmall(name: name, bytes: bytes, minimumBytes: minimum)))
        }
        return Finding(level: .pass, reason: .file(.found(name: name, bytes: bytes)))
    }

    /// `file_time` freshness: a file drop's modification time, labelled with the file's name;
    /// over HTTP, `Last-Modified`.
    static func fileTime(
        _ rule: FreshnessRule, answer: HTTPAnswer, check: HTTPCheck, target: CheckTarget, observedAt: Date
    ) -> (finding: Finding, timestamp: Date?) {
        let fail = { (label: String, outcome: FreshnessFinding.Outcome) in
            (finding: Finding(level: .fail, reason: .freshness(FreshnessFinding(label: label, outcome: outcome))), timestamp: Date?.none)
        }
        if let file = answer.file, let modified = file.modified {
            return (ageFinding(file.name, age: observedAt.timeIntervalSince(modified), rule: rule), modified)
        }
        if target == .sftp || target == .ftp {
            return fail("\(fileName(answer, check: check)) modification time", .missing)
        }
        // http and s3 (which answers over HTTP): the Last-Modified header.
        let label = target == .s3 ? fileName(answer, check: check) : "Last-Modified"
        guard let value = header("last-modified", in: answer.headers) else {
            return target == .s3 ? fail("\(label) modification time", .missing) : fail(label, .headerMissing)
        }
        guard let modified = Timestamp.parse(value) else {
            return fail(label, .unreadable(value: ReasonText.quoted(value), expected: .httpDate))
        }
        return (ageFinding(label, age: observedAt.timeIntervalSince(modified), rule: rule), modified)
    }

    /// The file judged: as the server named it (the newest match of a glob), else the URL's last segment.
    static func fileName(_ answer: HTTPAnswer, check: HTTPCheck) -> String {
        answer.file?.name ?? configuredName(check)
    }

    /// The URL's last segment, from the redacted URL so that no secret is ever named.
    private static func configuredName(_ check: HTTPCheck) -> String {
        FileDropName(url: check.url.redacted)?.pattern ?? "file"
    }

    /// The file's size: from the server's file facts, else `Content-Length` (http, s3), else
    /// the body read (http GET and the like); `nil` when none of these says it.
    static func fileSize(_ answer: HTTPAnswer, check: HTTPCheck, target: CheckTarget) -> Int? {
        if let size = answer.file?.size { return size }
        guard target == .http || target == .s3 else { return nil }
        if let length = header("content-length", in: answer.headers), let bytes = Int(trimmed(length)), bytes >= 0 {
            return bytes
        }
        return target == .http && check.method != "HEAD" ? answer.body.count : nil
    }
}

/// `text` without the spaces and tabs HTTP allows around a header value.
private func trimmed(_ text: String) -> Substring {
    var slice = Substring(text)
    while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
    while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
    return slice
}
