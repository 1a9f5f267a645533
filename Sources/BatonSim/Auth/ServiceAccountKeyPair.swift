import Foundation
import _CryptoExtras

/// A throwaway Google-style service account: an RSA key pair and the JSON key file Google would hand out.
///
/// For tests and demos: ``generate(clientEmail:)`` makes a fresh 2048-bit key,
/// ``writeKeyFile(to:tokenURI:)`` writes the file Baton's `key_file` reads, and
/// ``Simulator/trust(_:)`` lets the simulator's JWT-bearer endpoint verify its assertions.
public struct ServiceAccountKeyPair: Sendable, CustomStringConvertible {
    public let clientEmail: String
    /// `private_key_id`, sent as the assertion's `kid`.
    public let keyID: String
    let privateKey: _RSA.Signing.PrivateKey
    public var publicKey: _RSA.Signing.PublicKey { privateKey.publicKey }
    /// The private key as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), as Google writes it.
    public var privateKeyPEM: String { privateKey.pkcs8PEMRepresentation }
    public var publicKeyPEM: String { publicKey.pemRepresentation }

    public static let defaultClientEmail = "baton-sim@baton-sim.iam.gserviceaccount.com"

    /// A fresh 2048-bit key pair.
    public static func generate(clientEmail: String = defaultClientEmail) throws -> ServiceAccountKeyPair {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        var random = SystemRandomNumberGenerator()
        let keyID = (0..<20).map { _ in String(format: "%02x", random.next() as UInt8) }.joined()
        return ServiceAccountKeyPair(clientEmail: clientEmail, keyID: keyID, privateKey: key)
    }

    /// Reads a service-account JSON key file.
    public static func load(keyFile path: String) throws -> ServiceAccountKeyPair {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let email = object["client_email"] as? String, let pem = object["private_key"] as? String else {
            throw KeyFileError(path: path)
        }
        let key = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
        return ServiceAccountKeyPair(clientEmail: email, keyID: object["private_key_id"] as? String ?? "", privateKey: key)
    }

    /// The key file's JSON, shaped like the one the Google Cloud console downloads.
    public func keyFileJSON(tokenURI: String, projectID: String = "baton-sim") -> String {
        let fields: [(String, String)] = [
            ("type", "service_account"),
            ("project_id", projectID),
            ("private_key_id", keyID),
            ("private_key", privateKeyPEM + "\n"),
            ("client_email", clientEmail),
            ("client_id", "100000000000000000001"),
            ("auth_uri", "https://accounts.google.com/o/oauth2/auth"),
            ("token_uri", tokenURI),
        ]
        return "{\n" + fields.map { "  \(HealthDocument.jsonString($0.0)): \(HealthDocument.jsonString($0.1))" }.joined(separator: ",\n") + "\n}\n"
    }

    /// Writes the key file, readable by its owner only (as a real key should be).
    public func writeKeyFile(to path: String, tokenURI: String) throws {
        let created = FileManager.default.createFile(
            atPath: path, contents: Data(keyFileJSON(tokenURI: tokenURI).utf8), attributes: [.posixPermissions: 0o600]
        )
        guard created else { throw KeyFileError(path: path) }
    }

    public var description: String { "service account \(clientEmail) (key \(keyID))" }

    /// A key file that could not be read or written.
    public struct KeyFileError: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "\(path): not a readable service-account key file" }
    }
}
