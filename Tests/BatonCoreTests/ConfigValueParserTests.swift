@testable import BatonCore
import Testing

@Suite("Config value syntax")
struct ConfigValueParserTests {
    /// Sizes in bytes, with decimal and binary units.
    @Test(arguments: [
        ("1048576", 1_048_576), ("512KiB", 524_288), ("1MiB", 1_048_576), ("10MB", 10_000_000),
        ("64kB", 64_000), ("2GiB", 2_147_483_648), ("100B", 100), ("1 MiB", 1_048_576),
    ])
    func readsSizes(text: String, bytes: Int) {
        #expect(ByteSizeParser.parse(text) == bytes)
    }

    /// Not sizes: missing number, fractions, unknown or wrongly-cased units.
    @Test(arguments: ["", "MiB", "1.5MiB", "1mib", "ten", "-1", "1 pages"])
    func rejectsNonSizes(text: String) {
        #expect(ByteSizeParser.parse(text) == nil)
    }

    /// Sizes in the right form whose byte count does not fit `Int` are `tooLarge`, never a trap.
    @Test(arguments: [
        String(repeating: "9", count: 400), String(repeating: "9", count: 400) + "TiB", "9223372036854775808", "8388608TiB", "9223372036854776GB",
    ])
    func tooLargeSizesAreToldApart(text: String) {
        #expect(ByteSizeParser.read(text) == .tooLarge)
        #expect(ByteSizeParser.parse(text) == nil)
    }

    /// The largest sizes that fit are read; a bad unit stays "not a size" however long the number.
    @Test func sizeLimits() {
        #expect(ByteSizeParser.read("9223372036854775807") == .size(.max))
        #expect(ByteSizeParser.read("8388607TiB") == .size(8_388_607 << 40))
        #expect(ByteSizeParser.read("1TiB") == .size(1 << 40) && ByteSizeParser.read("2TB") == .size(2_000_000_000_000))
        #expect(ByteSizeParser.read(String(repeating: "9", count: 400) + "XB") == .notASize)
    }

    /// Percentages need the `%` sign.
    @Test(arguments: [("99.5%", 99.5 as Double?), ("100%", 100), ("0.1%", 0.1), ("99.5", nil), ("%", nil), ("abc%", nil), ("-1%", nil)])
    func readsPercentages(text: String, value: Double?) {
        #expect(PercentageParser.parse(text) == value)
    }

    /// Listen addresses: IPv4, names, bracketed IPv6 with an optional zone.
    @Test(arguments: [
        ("127.0.0.1:9470", "127.0.0.1", 9470), ("[::1]:9470", "::1", 9470), ("localhost:80", "localhost", 80),
        ("0.0.0.0:65535", "0.0.0.0", 65535), ("[fe80::1%eth0]:1", "fe80::1%eth0", 1),
    ])
    func readsListenAddresses(text: String, host: String, port: Int) throws {
        let address = try ListenAddressParser.parse(text).get()
        #expect(address == ListenAddress(host: host, port: port))
    }

    /// Each bad listen address is rejected with a reason.
    @Test(arguments: [
        ("localhost", "expected host:port"), ("::1:9470", "IPv6 address in brackets"), (":9470", "expected a host"),
        ("127.0.0.1:0", "port from 1 to 65535"), ("127.0.0.1:70000", "port from 1 to 65535"), ("[::1]9470", "expected `:port`"),
        ("[::1:9470", "unclosed `[`"), ("bad host:80", "not a host name"), ("[zz]:80", "not an IPv6 address"),
    ])
    func rejectsBadListenAddresses(text: String, reason: String) {
        guard case .failure(let problem) = ListenAddressParser.parse(text) else {
            Issue.record("\(text) was accepted")
            return
        }
        #expect(problem.message.contains(reason))
    }
}

/// YAML core-schema numbers are recognised by hand, the same as the grammar says.
@Test(arguments: [
    ("5", true), ("-3", true), ("+2.5", true), (".5", true), ("1.", true), ("2e3", true), ("1.5E-2", true),
    ("", false), ("-", false), (".", false), ("1e", false), ("e3", false), ("1.2.3", false), ("ok", false), ("5s", false),
])
func coreSchemaNumbers(text: String, isNumber: Bool) {
    #expect((CoreSchemaNumber.parse(text) != nil) == isNumber)
}
