import BatonAuth
import BatonCore
import BatonSim
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Service-account key files")
struct KeyFileTests {
    enum Problem: String, CaseIterable, CustomTestStringConvertible {
        case missing, folder, notJSON, userCredentials, noEmail, noPrivateKey, badPEM, smallKey, tooLarge, unreadable
        var testDescription: String { rawValue }
    }

    /// A key file that cannot be used is a sentence naming the path and the problem, never
    /// the key material, and no token request is made.
    @Test(arguments: Problem.allCases)
    func unusableKeyFile(_ problem: Problem) async throws {
        // root reads any file whatever its mode: the unreadable case needs an ordinary user.
        guard problem != .unreadable || getuid() != 0 else { return }
        try await AuthFixture.with { fixture in
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            let key = try TestKeys.pair("trusted")
            let valid = key.keyFileJSON(tokenURI: fixture.baseURL + "/token")
            var path = folder.file("sa.json")
            let expected: String
            switch problem {
            case .missing:
                expected = "no such file"
            case .folder:
                path = folder.path
                expected = "is not a regular file"
            case .notJSON:
                path = try folder.write("sa.json", "-----BEGIN PRIVATE KEY-----\nMIIEvQ\n")
                expected = "is not a JSON object"
            case .userCredentials:
                path = try folder.write("sa.json", #"{"type":"authorized_user","client_id":"x","client_secret":"canary-user-secret","refresh_token":"1//canary"}"#)
                expected = "is not a service-account key (type authorized_user)"
            case .noEmail:
                path = try folder.write("sa.json", valid.replacingOccurrences(of: "\"client_email\"", with: "\"email\""))
                expected = "has no client_email"
            case .noPrivateKey:
                path = try folder.write("sa.json", valid.replacingOccurrences(of: "\"private_key\"", with: "\"key\""))
                expected = "has no private_key"
            case .badPEM:
                path = try folder.write("sa.json", valid.replacingOccurrences(of: "MII", with: "XII"))
                expected = "has no usable private_key (expected an RSA key of 2048 bits or more, PEM)"
            case .smallKey:
                path = try folder.write("sa.json", #"{"type":"service_account","client_email":"a@b","private_key":"-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----\n"}"#)
                expected = "has no usable private_key (expected an RSA key of 2048 bits or more, PEM)"
            case .tooLarge:
                path = try folder.write("sa.json", String(repeating: " ", count: 70_000) + valid)
                expected = "is larger than 64 KiB: not a service-account key"
            case .unreadable:
                path = try folder.write("sa.json", valid)
                chmod(path, 0)
                expected = "cannot be read (permission denied)"
            }
            let credential = OAuth2Credential(grant: .jwtBearer, tokenURL: SecretText(literal: fixture.baseURL + "/token"), scopes: ["s"], keyFile: path)

            let result = await attempt { () async throws(TokenError) in try await fixture.cache.token(for: credential) }

            let description = try #require(result.failure?.description)
            #expect(description == "key file \(path) \(expected)")
            for material in ["MII", "BEGIN", "canary", key.keyID] {
                #expect(!description.contains(material))
            }
            #expect(fixture.simulator.tokenRequestCount() == 0)
        }
    }

    /// A jwt_bearer credential without a key file says so.
    @Test func noKeyFile() async throws {
        try await AuthFixture.with { fixture in
            let credential = OAuth2Credential(grant: .jwtBearer, tokenURL: SecretText(literal: fixture.baseURL + "/token"))

            let result = await attempt { () async throws(TokenError) in try await fixture.cache.token(for: credential) }

            #expect(result.failure?.description == "oauth2 jwt_bearer needs a key_file")
        }
    }
}
