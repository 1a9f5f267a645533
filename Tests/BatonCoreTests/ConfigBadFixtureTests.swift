import BatonCore
import Foundation
import Testing

@Suite("Config errors in bad fixtures")
struct ConfigBadFixtureTests {
    struct Case: Sendable, CustomStringConvertible {
        var file: String
        /// Each reported error, in order: a substring of `file:line:col: message`.
        var errors: [String]
        var description: String { file }
    }

    /// Each bad fixture reports exactly these errors, in file, line and column order,
    /// each with the place and a message saying what was expected.
    @Test(arguments: [
        Case(file: "syntax.yaml", errors: [
            "bad/syntax.yaml:3:11: invalid YAML: mapping values are not allowed in this context",
        ]),
        Case(file: "unclosed-quote.yaml", errors: [
            "bad/unclosed-quote.yaml:4:1: invalid YAML: found unexpected end of stream (while scanning a quoted scalar at line 2, column 16)",
        ]),
        Case(file: "tab-indent.yaml", errors: [
            "bad/tab-indent.yaml:2:1: invalid YAML: found character that cannot start any token; YAML indents with spaces, not tabs",
        ]),
        Case(file: "top-level-list.yaml", errors: [
            "bad/top-level-list.yaml:1:1: the top level: expected a mapping, found a list",
        ]),
        Case(file: "duplicate-keys.yaml", errors: [
            "bad/duplicate-keys.yaml:3:3: duplicate key `crm` in `teams` (first at line 2, column 3)",
            "bad/duplicate-keys.yaml:8:3: duplicate key `interval` in `defaults` (first at line 6, column 3)",
            "bad/duplicate-keys.yaml:14:42: duplicate key `period` in `heartbeat` (first at line 14, column 30)",
            "bad/duplicate-keys.yaml:15:24: failure_threshold: expected a whole number, found \"none\"",
        ]),
        Case(file: "unknown-keys.yaml", errors: [
            "bad/unknown-keys.yaml:3:1: unknown section `integration`; did you mean `integrations`?",
            "bad/unknown-keys.yaml:6:3: unknown key `failur_threshold` in `defaults`; did you mean `failure_threshold`?",
            "bad/unknown-keys.yaml:7:3: unknown key `Success-Threshold` in `defaults`; did you mean `success_threshold`?",
            "bad/unknown-keys.yaml:8:3: unknown key `color` in `defaults`",
        ]),
        Case(file: "unknown-keys-nested.yaml", errors: [
            "bad/unknown-keys-nested.yaml:2:26: unknown key `chanels` in team `crm`; did you mean `channels`?",
            "bad/unknown-keys-nested.yaml:7:5: unknown key `failureThreshold` in an integration; did you mean `failure_threshold`?",
            "bad/unknown-keys-nested.yaml:10:7: unknown key `intervall` in `check`; did you mean `interval`?",
            "bad/unknown-keys-nested.yaml:11:17: unknown key `staus` in `expect`; did you mean `status`?",
        ]),
        Case(file: "types.yaml", errors: [
            "bad/types.yaml:2:9: http: write an IPv6 address in brackets, like [::1]:9470",
            "bad/types.yaml:3:20: max_concurrency: must be at least 1, found 0",
            "bad/types.yaml:4:14: retention: expected a duration like 30s, 5m or 2h, found \"forever\"",
            "bad/types.yaml:5:15: public_url: expected an http:// or https:// URL, found \"not-a-url\"",
            "bad/types.yaml:7:13: interval: expected a duration like 30s, 5m or 2h, found \"abc\"",
            "bad/types.yaml:8:12: timeout: must be at least 100ms, found 0s",
            "bad/types.yaml:9:22: failure_threshold: expected a whole number, found \"three\"",
            "bad/types.yaml:10:22: success_threshold: must be at least 1, found 0",
            "bad/types.yaml:11:13: max_body: expected a size like 512KiB, 1MiB, 10MB or 1048576, found \"2 pages\"",
            "bad/types.yaml:20:17: interval: must be at least 1s, found 500ms",
            "bad/types.yaml:21:15: method: unknown method `FETCH`; expected one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS",
            "bad/types.yaml:23:23: status: must be at most 599, found 700",
            "bad/types.yaml:25:41: exists: expected true or false, found \"yes\"",
            "bad/types.yaml:26:43: less_than: expected a number, found \"many\"",
            "bad/types.yaml:27:26: availability: expected a percentage like 99.5%, found 99.5",
            "bad/types.yaml:27:40: window: expected a duration like 30s, 5m or 2h, found 30",
        ]),
        Case(file: "references.yaml", errors: [
            "bad/references.yaml:2:15: escalation: `standrd` is not a defined escalation policy; did you mean `standard`?",
            "bad/references.yaml:4:59: channels: `mops-slak` is not a defined channel; did you mean `mops-slack`?",
            "bad/references.yaml:10:38: notify: `exec` is not a defined team",
            "bad/references.yaml:10:51: notify: `pager` is not a defined channel",
            "bad/references.yaml:12:25: owners: `marketing-opz` is not a defined team; did you mean `marketing-ops`?",
            "bad/references.yaml:12:56: integrations: `nope` is not a defined integration",
            "bad/references.yaml:14:43: channels: `exec-slack` is not a defined channel",
            "bad/references.yaml:18:12: owner: `marketing-opz` is not a defined team; did you mean `marketing-ops`?",
            "bad/references.yaml:19:18: accountable: `marketing-cio` is not a defined team",
            "bad/references.yaml:20:16: informed: `exec` is not a defined team",
            "bad/references.yaml:21:17: escalation: `urgent` is not a defined escalation policy",
            "bad/references.yaml:22:18: depends_on: `sfdc-apii` is not a defined integration",
        ]),
        Case(file: "cycle.yaml", errors: [
            "bad/cycle.yaml:4:48: depends_on: dependency cycle a → b → c → a",
            "bad/cycle.yaml:7:48: depends_on: an integration cannot depend on itself",
        ]),
        Case(file: "integration-ids.yaml", errors: [
            "bad/integration-ids.yaml:8:9: id: integration `sfdc-api` is already defined at ",
            "bad/integration-ids.yaml:11:25: token: the same heartbeat token is already used by integration `sfdc-api` at ",
            "bad/integration-ids.yaml:12:5: missing required key `name` in an integration",
            "bad/integration-ids.yaml:12:9: id: `Bad_ID` is not a valid integration id: use lowercase letters, digits and `-`",
            "bad/integration-ids.yaml:14:28: journey: unknown stage `loyalty`; expected one of awareness, acquisition",
        ]),
        Case(file: "probes.yaml", errors: [
            "bad/probes.yaml:8:16: heartbeat: integration `both` has both `check` and `heartbeat`; keep one",
            "bad/probes.yaml:9:5: integration `neither` needs a `check` (Baton polls a URL) or a `heartbeat` (the job pings Baton)",
            "bad/probes.yaml:16:12: url: expected an http://, https://, sftp://, ftp://, ftps:// or s3:// URL, found \"gopher://files.example.com/export.csv\"",
            "bad/probes.yaml:19:45: less_than: a json condition tests one thing; `equals` is already given",
            "bad/probes.yaml:20:13: a json condition needs one of equals, not_equals, less_than, greater_than or exists",
            "bad/probes.yaml:21:24: pointer: a JSON Pointer starts with \"/\" (for example /status)",
            "bad/probes.yaml:24:9: header: freshness reads one of `pointer`, `header` or `file_time`; `pointer` is already given",
            "bad/probes.yaml:25:21: warn_after: must be shorter than error_after (30m), found 2h",
            "bad/probes.yaml:30:16: missing required key `period` in `heartbeat`",
            "bad/probes.yaml:30:25: token: expected letters, digits, `-`, `_`, `.` or `~` (it is part of the /ping/<token> URL)",
        ]),
        Case(file: "channels.yaml", errors: [
            "bad/channels.yaml:2:14: type: unknown channel type `slak`; expected one of slack, teams, discord, mattermost, googlechat, webhook; did you mean `slack`?",
            "bad/channels.yaml:3:26: url: expected an http:// or https:// URL, found \"ftp://teams.example.com/hook\"",
            "bad/channels.yaml:4:67: secret: only `webhook` channels are signed; a `slack` channel takes no secret",
            "bad/channels.yaml:5:6: missing required key `url` in channel `d`",
            "bad/channels.yaml:6:3: channels: `bad id` is not a valid id",
        ]),
        Case(file: "escalation.yaml", errors: [
            "bad/escalation.yaml:5:18: after: steps must be in order of `after`; 15m comes after 30m",
            "bad/escalation.yaml:5:32: notify: unknown target `ownr`; expected owner, accountable, informed, team:<id> or channel:<id>; did you mean `owner`?",
            "bad/escalation.yaml:7:12: steps: a policy needs at least one step",
            "bad/escalation.yaml:9:5: missing required key `steps` in escalation policy `no-steps`",
        ]),
        Case(file: "schedules.yaml", errors: [
            "bad/schedules.yaml:6:37: cron: hour field: 25 is out of range 0–23",
            "bad/schedules.yaml:7:5: missing required key `reason` in a maintenance window",
            "bad/schedules.yaml:7:14: match: name at least one of tags, owners or integrations",
            "bad/schedules.yaml:7:59: duration: must be at least 1m, found 0s",
            "bad/schedules.yaml:8:39: cron: expected 5 fields (minute hour day-of-month month day-of-week), found 4",
            "bad/schedules.yaml:8:92: timezone: unknown time zone `Europe/Berln`; expected an IANA name like Europe/Berlin; did you mean `Europe/Berlin`?",
            "bad/schedules.yaml:10:13: cron: day-of-week field: `FRY` is not a number 0–7 or a name SUN–SAT",
            "bad/schedules.yaml:11:13: cron: day-of-month field: no chosen month has that day, so the schedule would never fire",
            "bad/schedules.yaml:11:39: channels: a digest needs at least one channel",
        ]),
        Case(file: "interpolation.yaml", errors: [
            "bad/interpolation.yaml:2:26: url: environment variable SLACK_URL is not set (referenced as `${env:SLACK_URL}`)",
            "bad/interpolation.yaml:3:26: url: `${cred:teams_url}` needs $CREDENTIALS_DIRECTORY, which is not set",
            "bad/interpolation.yaml:4:26: url: `${vault:slack}` has an unknown source `vault`: expected env, file or cred",
            "bad/interpolation.yaml:5:26: url: unterminated `${`",
            "bad/interpolation.yaml:6:28: url: cannot read ",
        ]),
        // Checks that reach the real tools: auth, bodies, file drops, TLS. `<fixtures>` is the fixture folder.
        Case(file: "auth.yaml", errors: [
            "bad/auth.yaml:7:48: `auth` needs one of oauth2, basic, aws_sigv4 or ssh",
            "bad/auth.yaml:15:9: ssh: `auth` takes one kind; `basic` is already given",
            "bad/auth.yaml:19:50: unknown key `oauth` in `auth`; did you mean `oauth2`?",
            "bad/auth.yaml:25:32: grant: unknown grant `client-credentials`; expected client_credentials or jwt_bearer; did you mean `client_credentials`?",
            "bad/auth.yaml:33:11: missing required key `client_id` in `oauth2`",
            "bad/auth.yaml:33:11: missing required key `client_secret` in `oauth2`",
            "bad/auth.yaml:33:22: token_url: expected an http:// or https:// URL, found \"not a url\"",
            "bad/auth.yaml:34:24: client_auth: unknown client_auth `form`; expected basic or post",
            "bad/auth.yaml:35:11: key_file: only a jwt_bearer grant signs with a key file; client_credentials sends client_id and client_secret",
            "bad/auth.yaml:36:25: scopes: `read write` is not one scope; list each scope separately",
            "bad/auth.yaml:44:11: missing required key `key_file` in `oauth2`",
            "bad/auth.yaml:45:11: client_id: a jwt_bearer grant signs with `key_file` and takes no client_id",
            "bad/auth.yaml:46:11: client_secret: a jwt_bearer grant signs with `key_file` and takes no client_secret",
            "bad/auth.yaml:47:11: client_auth: a jwt_bearer grant signs with `key_file` and takes no client_auth",
            "bad/auth.yaml:53:54: key_file: <fixtures>/bad/keys/missing.json does not exist",
            "bad/auth.yaml:59:22: missing required key `password` in `basic`",
            "bad/auth.yaml:59:34: username: a basic-auth user name cannot contain `:`",
            "bad/auth.yaml:65:26: missing required key `secret_access_key` in `aws_sigv4`",
            "bad/auth.yaml:65:36: region: expected an AWS region like eu-west-1, found \"EU West\"",
            "bad/auth.yaml:65:56: service: expected a signing service name like s3, found \"s3:x\"",
            "bad/auth.yaml:65:79: access_key_id: an access key id cannot contain `:`",
            "bad/auth.yaml:74:21: key_file: expected the path of a file, not its contents: write the path itself (a systemd credential is at ${env:CREDENTIALS_DIRECTORY}/NAME)",
            "bad/auth.yaml:75:28: public_key_file: <fixtures>/bad/keys is a folder, not a file",
            "bad/auth.yaml:76:24: known_hosts: /nonexistent/known_hosts does not exist",
            "bad/auth.yaml:82:20: missing required key `key_file` in `ssh`",
            "bad/auth.yaml:82:51: passphrase: environment variable SECRET is not set (referenced as `${env:SECRET}`)",
            "bad/auth.yaml:82:68: unknown key `known_host` in `ssh`; did you mean `known_hosts`?",
        ]),
        Case(file: "auth-schemes.yaml", errors: [
            "bad/auth-schemes.yaml:9:72: url: an s3:// check needs `auth: { aws_sigv4: … }` to sign its requests",
            "bad/auth-schemes.yaml:10:76: url: an sftp:// check needs `auth: { ssh: … }` (a user name and a key file)",
            "bad/auth-schemes.yaml:11:104: auth: `oauth2` works only with http:// and https:// URLs, not sftp://; an sftp:// check logs in with `ssh`",
            "bad/auth-schemes.yaml:12:101: auth: `oauth2` works only with http:// and https:// URLs, not ftp://",
            "bad/auth-schemes.yaml:13:87: auth: `basic` works only with http(s):// and ftp(s):// URLs, not s3://; an s3:// check signs with `aws_sigv4`",
            "bad/auth-schemes.yaml:14:102: auth: `basic` works only with http(s):// and ftp(s):// URLs, not sftp://; an sftp:// check logs in with `ssh`",
            "bad/auth-schemes.yaml:15:92: auth: `aws_sigv4` works only with s3:// and https:// URLs, not http://",
            "bad/auth-schemes.yaml:16:101: auth: `aws_sigv4` works only with s3:// and https:// URLs, not ftps://",
            "bad/auth-schemes.yaml:17:91: auth: `ssh` works only with sftp:// URLs, not https://",
            "bad/auth-schemes.yaml:18:95: auth: `ssh` works only with sftp:// URLs, not ftp://",
        ]),
        Case(file: "body.yaml", errors: [
            "bad/body.yaml:8:71: method: a file drop (sftp://) is read, not sent a POST; leave `method` out",
            "bad/body.yaml:8:77: body: only http:// and https:// checks send a body, not sftp://",
            "bad/body.yaml:12:55: body: a GET request sends no body; write `method: POST` (or leave `method` out to send POST)",
            "bad/body.yaml:16:56: body: a HEAD request sends no body; write `method: POST` (or leave `method` out to send POST)",
            "bad/body.yaml:23:16: body: environment variable NOT_SET is not set (referenced as `${env:NOT_SET}`)",
            "bad/body.yaml:24:40: body: `${vault:cursor}` has an unknown source `vault`: expected env, file or cred",
            "bad/body.yaml:30:15: `body`: expected a plain key, found a list",
            "bad/body.yaml:30:33: duplicate key `ok` in `body` (first at line 30, column 26)",
        ]),
        Case(file: "file-drops.yaml", errors: [
            "bad/file-drops.yaml:6:79: url: a glob (`*`, `?`, `[…]`) may only be in the file name, the last part of the path",
            "bad/file-drops.yaml:7:77: url: a glob (`*`, `?`, `[…]`) picks files only in sftp://, ftp://, ftps:// and s3:// URLs",
            "bad/file-drops.yaml:8:82: url: a file drop names a file (or a glob like leads_*.csv) at the end of its path",
            "bad/file-drops.yaml:9:82: url: an s3:// URL names a bucket and a key, like s3://bucket/exports/leads.csv",
            "bad/file-drops.yaml:10:74: url: expected an http://, https://, sftp://, ftp://, ftps:// or s3:// URL, found \"ftp://h.example.com:70000/a.csv\"",
            "bad/file-drops.yaml:11:61: url: expected an http://, https://, sftp://, ftp://, ftps:// or s3:// URL, found \"sftp:///exports/a.csv\"",
            "bad/file-drops.yaml:19:9: status: a file drop (sftp://) is judged by its file, not an HTTP status; leave `status` out",
            "bad/file-drops.yaml:20:9: json: a file drop (sftp://) has no JSON body to test; judge the file with `min_size` and `freshness: { file_time: true }`",
            "bad/file-drops.yaml:21:9: body_contains: a file drop (sftp://) has no body to search; judge the file with `min_size` and `freshness: { file_time: true }`",
            "bad/file-drops.yaml:22:19: min_size: must be at least 1B, found 0",
            "bad/file-drops.yaml:23:20: pointer: a file drop (sftp://) has no JSON body; `file_time: true` reads the file's modification time",
            "bad/file-drops.yaml:30:27: min_size: expected a size like 512KiB, 1MiB, 10MB or 1048576, found \"a lot\"",
            "bad/file-drops.yaml:31:20: header: a file drop (s3://) has no headers to read; `file_time: true` reads the file's modification time",
            "bad/file-drops.yaml:37:31: file_time: write `file_time: true` to read the file's modification time, or leave it out",
            "bad/file-drops.yaml:43:37: header: freshness reads one of `pointer`, `header` or `file_time`; `file_time` is already given",
            "bad/file-drops.yaml:49:18: `freshness` needs `pointer` (a timestamp in the JSON body), `header` (like Last-Modified) or `file_time: true` (a file's modification time)",
        ]),
        Case(file: "tls.yaml", errors: [
            "bad/tls.yaml:9:49: cert_file: a client certificate needs its `key_file` too",
            "bad/tls.yaml:9:88: ca_file: <fixtures>/bad/keys/ca.pem does not exist",
            "bad/tls.yaml:13:49: key_file: a client key needs its `cert_file` too",
            "bad/tls.yaml:13:78: required: only ftp:// checks take `required`, which makes the server switch to TLS (ftps:// always does)",
            "bad/tls.yaml:13:88: required: expected true or false, found \"maybe\"",
            "bad/tls.yaml:17:49: required: only ftp:// checks take `required`, which makes the server switch to TLS (ftps:// always does)",
            "bad/tls.yaml:21:59: tls: an sftp:// check uses SSH, not TLS; trust its server with `known_hosts` under `auth: { ssh: … }`",
            "bad/tls.yaml:25:51: certificate: only https:// checks have a server certificate to judge, not http://",
            "bad/tls.yaml:29:57: certificate: only https:// checks have a server certificate to judge, not ftps://",
            "bad/tls.yaml:37:17: certificate: the endpoint is http://, which has no server certificate to judge",
            "bad/tls.yaml:41:65: `certificate` needs `warn_before` (degraded), `error_before` (down), or both",
            "bad/tls.yaml:45:98: error_before: must be at most warn_before (7d), found 21d",
            "bad/tls.yaml:49:80: warn_before: expected a duration like 30s, 5m or 2h, found \"soon\"",
            "bad/tls.yaml:49:100: error_before: must be at least 1s, found 0s",
            "bad/tls.yaml:53:42: endpoint: only s3:// checks take an endpoint (an S3-compatible host such as MinIO)",
            "bad/tls.yaml:57:62: endpoint: expected an http:// or https:// URL, found \"minio:9000\"",
        ]),
    ])
    func reportsEveryError(_ test: Case) throws {
        let lines = try ConfigFixtures.load("bad/\(test.file)").errorLines
        let fixtures = try ConfigFixtures.path("")
        #expect(lines.count == test.errors.count, "got:\n\(lines.joined(separator: "\n"))")
        for (line, expected) in zip(lines, test.errors) {
            let expected = expected.replacingOccurrences(of: "<fixtures>/", with: fixtures + "/")
            #expect(line.contains(expected), "got: \(line)")
        }
    }

    /// A file with seven different mistakes reports all seven at once, not just the first.
    @Test func reportsAllErrorsAtOnce() throws {
        let lines = try ConfigFixtures.load("bad/many-errors.yaml").errorLines
        let expected = [
            "bad/many-errors.yaml:3:9: http: expected host:port",
            "bad/many-errors.yaml:5:13: interval: expected a duration like 30s, 5m or 2h, found \"soon\"",
            "bad/many-errors.yaml:6:3: unknown key `failur_threshold` in `defaults`; did you mean `failure_threshold`?",
            "bad/many-errors.yaml:10:22: type: unknown channel type `slak`",
            "bad/many-errors.yaml:14:12: owner: `crmm` is not a defined team; did you mean `crm`?",
            "bad/many-errors.yaml:15:15: journey: unknown stage `aquisition`",
            "bad/many-errors.yaml:17:26: availability: must be at most 100%, found 101%",
        ]
        #expect(lines.count == expected.count, "got:\n\(lines.joined(separator: "\n"))")
        for (line, expected) in zip(lines, expected) {
            #expect(line.contains(expected), "got: \(line)")
        }
    }

    /// `ConfigErrors.description` has one error per line, each `file:line:col: message`.
    @Test func descriptionHasOneErrorPerLine() throws {
        guard case .failure(let errors) = try ConfigFixtures.load("bad/cycle.yaml") else {
            Issue.record("cycle.yaml loaded")
            return
        }
        let path = try ConfigFixtures.path("bad/cycle.yaml")
        #expect(errors.description == """
            \(path):4:48: depends_on: dependency cycle a → b → c → a
            \(path):7:48: depends_on: an integration cannot depend on itself
            """)
        #expect(errors.errors.first?.location == SourceLocation(file: path, line: 4, column: 48))
    }
}
