import BatonCore
import _CryptoExtras

#if canImport(Glibc)
import Glibc
#endif

/// A Google service-account key file: who signs, with what, and where to exchange the assertion.
///
/// The JSON Google hands out (`type`, `client_email`, `private_key`, `private_key_id`,
/// `token_uri`, …). Read at every token fetch, so a rotated key file takes effect at
/// the next refresh.
struct ServiceAccountKey: Sendable {
    var clientEmail: String
    var privateKey: _RSA.Signing.PrivateKey
    /// The `kid` of the assertion header, when the file names its key.
    var keyID: String?
    var tokenURI: String?

    /// Key files are a few KiB; anything far bigger is the wrong file.
    static let sizeLimit = 64 * 1024

    static func load(path: String) throws(TokenError) -> ServiceAccountKey {
        let bytes: [UInt8]
        do {
            bytes = try readFile(path)
        } catch {
            throw .keyFile(path: path, problem: error)
        }
        return try parse(bytes, path: path)
    }

    static func parse(_ bytes: [UInt8], path: String) throws(TokenError) -> ServiceAccountKey {
        guard case .object(let members)? = try? JSONParser.parse(bytes) else {
            throw .keyFile(path: path, problem: .notJSON)
        }
        func text(_ name: String) -> String? {
            if case .string(let value)? = members[JSONKey(name)], !value.isEmpty { return value }
            return nil
        }
        if let type = text("type"), type != "service_account" {
            throw .keyFile(path: path, problem: .notServiceAccount(type: String(type.prefix(40))))
        }
        guard let clientEmail = text("client_email") else { throw .keyFile(path: path, problem: .missingField("client_email")) }
        guard let pem = text("private_key") else { throw .keyFile(path: path, problem: .missingField("private_key")) }
        let privateKey: _RSA.Signing.PrivateKey
        do {
            privateKey = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
        } catch {
            throw .keyFile(path: path, problem: .badPrivateKey)
        }
        return ServiceAccountKey(clientEmail: clientEmail, privateKey: privateKey, keyID: text("private_key_id"), tokenURI: text("token_uri"))
    }

    /// The whole file, refusing folders, devices and anything over ``sizeLimit``.
    private static func readFile(_ path: String) throws(TokenError.KeyFileProblem) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .missing }
            throw .unreadable(String(cString: strerror(code)).lowercased())
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(String(cString: strerror(errno)).lowercased()) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notAFile }
        guard info.st_size <= sizeLimit else { throw .tooLarge(limit: sizeLimit) }
        var bytes = [UInt8](repeating: 0, count: sizeLimit + 1)
        var count = 0
        while count < bytes.count {
            let read = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(fd, buffer.baseAddress.map { $0 + count }, buffer.count - count)
            }
            if read < 0 {
                if errno == EINTR { continue }
                throw .unreadable(String(cString: strerror(errno)).lowercased())
            }
            if read == 0 { break }
            count += read
        }
        guard count <= sizeLimit else { throw .tooLarge(limit: sizeLimit) }
        return Array(bytes[..<count])
    }
}
