import Testing
@testable import BatonCore

/// The file a file-drop URL names, and how a glob in it matches file names.
struct FileDropNameTests {
    /// The last path segment is the name (percent-decoded); a path that ends in `/` names none.
    @Test(arguments: [
        ("sftp://h.example.com/exports/leads_*.csv", "leads_*.csv", true),
        ("s3://bucket/daily/leads.csv", "leads.csv", false),
        ("ftp://h.example.com/out/lead%20list.csv", "lead list.csv", false),
        ("ftps://[::1]:2121/out/[0-9]*.csv", "[0-9]*.csv", true),
        ("sftp://h.example.com/out/report?.csv", "report?.csv", true),
        ("sftp://h.example.com/out/a]b[c.csv", "a]b[c.csv", false),
    ])
    func names(url: String, pattern: String, isGlob: Bool) throws {
        let name = try #require(FileDropName(url: url))
        #expect(name.pattern == pattern && name.isGlob == isGlob)
    }

    /// A URL without a file name names nothing.
    @Test(arguments: ["sftp://h.example.com", "sftp://h.example.com/", "s3://bucket/daily/", "not a url"])
    func namesNothing(url: String) {
        #expect(FileDropName(url: url) == nil)
    }

    /// Globs match as in a shell: `*` any run, `?` one character, `[…]` one of a set, `[!…]` none of it.
    @Test(arguments: [
        ("leads_*.csv", "leads_20261201.csv", true),
        ("leads_*.csv", "leads_.csv", true),
        ("leads_*.csv", "leads_20261201.csv.tmp", false),
        ("leads_*.csv", "Leads_1.csv", false),
        ("*", "anything", true),
        ("*.*.gz", "a.b.gz", true),
        ("*a*a*a*b", String(repeating: "a", count: 200), false),
        ("report?.csv", "report1.csv", true),
        ("report?.csv", "report12.csv", false),
        ("[0-9]*.csv", "7days.csv", true),
        ("[0-9]*.csv", "days.csv", false),
        ("[!.]*", ".hidden", false),
        ("[^.]*", "visible", true),
        ("[]a]x", "]x", true),
        ("[a-", "[a-", true),
        ("exports_é*.csv", "exports_été.csv", true),
    ])
    func globs(pattern: String, name: String, matches: Bool) throws {
        let drop = try #require(FileDropName(url: "sftp://h.example.com/" + pattern))
        #expect(drop.matches(name) == matches)
    }
}
