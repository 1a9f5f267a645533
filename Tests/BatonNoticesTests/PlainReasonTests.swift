import Testing

@testable import BatonNotices

@Suite struct PlainReasonTests {
    /// Every reason Baton writes reads as plain words; anything else passes through unchanged.
    @Test(arguments: [
        ("last_sync 3h12m old (error after 2h)", "last sync 3 h 12 min ago; SLA is 2 h"),
        ("last_sync 45m old (warn after 30m)", "last sync 45 min ago; warning after 30 min"),
        ("last_sync 2h0m1s old (error after 2h)", "last sync 2 h 1 s ago; SLA is 2 h"),
        ("Last-Modified 2d4h old (error after 1d)", "Last-Modified 2 d 4 h ago; SLA is 1 d"),
        ("last_sync 4m old", "last sync 4 min ago"),
        ("HTTP 503", "the endpoint answered HTTP 503"),
        ("HTTP 404 (expected 200)", "the endpoint answered HTTP 404 instead of 200"),
        ("HTTP 500 (expected 200 or 204)", "the endpoint answered HTTP 500 instead of 200 or 204"),
        ("timeout after 5s", "no answer within 5 s"),
        ("timeout after 2.5s", "no answer within 2.5 s"),
        ("connection refused (127.0.0.1:9480)", "connection refused by 127.0.0.1:9480"),
        ("connection refused (host:port)", "connection refused by host:port"),
        ("/status is \"error\", expected \"ok\"", "status is \"error\" instead of \"ok\""),
        ("/queue_depth is 12000, expected less than 10000", "queue_depth is 12000 instead of less than 10000"),
        ("/status is missing, expected \"ok\"", "status is missing; expected \"ok\""),
        ("/status is missing", "status is missing"),
        ("/error is present, expected it to be absent", "error is present but should be absent"),
        ("/status is \"down\", expected anything but \"down\"", "status must not be \"down\""),
        ("blocked by sfdc-api (down)", "waiting on sfdc-api, which is down"),
        ("blocked by sfdc-api (down), consent-api (stale)", "waiting on sfdc-api, which is down, and consent-api, which is stale"),
        ("slow: 2.4s (max 2s)", "slow: answered in 2.4 s; limit is 2 s"),
        ("body does not contain \"ok\"", "the answer does not contain \"ok\""),
        ("body is not JSON: unexpected \"<\" at byte 1", "the answer is not JSON: unexpected \"<\" at byte 1"),
        ("last_sync is 2h in the future (check the clock of the source)", "last sync is 2 h in the future; check the clock of the source"),
        ("HTTP 200 in 12ms, last_sync 4m old", "the endpoint answered HTTP 200 in 12 ms; last sync 4 min ago"),
        ("HTTP 503 (failed probe 1 of 3)", "the endpoint answered HTTP 503; failed probe 1 of 3"),
        ("HTTP 200 in 12ms (recovering: 1 of 2 passing probes)", "the endpoint answered HTTP 200 in 12 ms; recovering: 1 of 2 passing probes"),
        ("could not resolve host marketo.example.com", "could not resolve host marketo.example.com"),
        ("TLS certificate not trusted: self-signed certificate", "TLS certificate not trusted: self-signed certificate"),
        ("last_sync 3 hours old (error after 2h)", "last_sync 3 hours old (error after 2h)"),
        ("HTTP 2000", "HTTP 2000"),
        ("/status is \"a, b\", expected \"ok\"", "status is \"a, b\" instead of \"ok\""),
        ("vendor maintenance, see ticket", "vendor maintenance, see ticket"),
        ("", ""),
    ])
    func plainWords(reason: String, words: String) {
        #expect(PlainReason.words(reason) == words)
    }

    /// Durations in seconds read in their two largest units, like Baton's compact form.
    @Test(arguments: [(0, "0 s"), (45, "45 s"), (60, "1 min"), (3600, "1 h"), (3605, "1 h"), (4320, "1 h 12 min"), (11_520, "3 h 12 min"), (187_200, "2 d 4 h"), (86_400, "1 d")])
    func durationWords(seconds: Int, words: String) {
        #expect(PlainDuration.words(seconds: seconds) == words)
    }

    /// Compact durations read in words; anything else is not a duration.
    @Test(arguments: [
        ("3h12m", "3 h 12 min"), ("2d4h", "2 d 4 h"), ("45s", "45 s"), ("500ms", "500 ms"), ("2.4s", "2.4 s"), ("0s", "0 s"),
        ("2h0m1s", "2 h 1 s"), ("3 hours", nil), ("h3", nil), ("", nil), ("3x", nil), ("1..5s", nil), (".5s", nil),
    ] as [(String, String?)])
    func compactWords(compact: String, words: String?) {
        #expect(PlainDuration.words(compact: compact) == words)
    }
}
