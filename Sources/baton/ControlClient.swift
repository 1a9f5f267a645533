import BatonAPI
import Foundation

/// A client of the daemon's control API: HTTP/1.1 over its Unix socket, one request per connection.
///
/// Local IPC with our own daemon, not outbound traffic, so not through libcurl as the probes and
/// webhooks are: linking libcurl loads about 30 shared libraries at every start (gnutls, krb5,
/// ldap, ssh2…), which cost 7 ms of each `baton` command, a quarter of a 10,000-line
/// `baton status`. The answer is read by ``ControlAnswer/Reader``, which checks every byte it is given.
struct ControlClient {
    let socketPath: String

    /// Largest answer body accepted (a `baton report --format json` over a year stays far below).
    static let maxBodyBytes = 64 << 20

    /// Why a call to the daemon failed.
    enum Failure: Error {
        /// Nobody answered on the socket.
        case unreachable(String)
        /// The daemon answered with an error body.
        case api(status: Int, code: String, message: String)
        /// The answer could not be read.
        case malformed(String)
    }

    /// Sends a request and returns the raw JSON body of a 2xx answer.
    func call(_ method: String, _ path: String, body: Data? = nil, timeout: Duration = .seconds(15)) async throws(Failure) -> Data {
        Data(try await callBytes(method, path, body: body, timeout: timeout))
    }

    /// ``call(_:_:body:timeout:)``'s body as received: `baton status --json` hands 3.4 MB at
    /// 10,000 integrations straight to standard output, without a copy into `Data`.
    func callBytes(_ method: String, _ path: String, body: Data? = nil, timeout: Duration = .seconds(15)) async throws(Failure) -> [UInt8] {
        try await callAnswer(method, path, body: body, timeout: timeout).body
    }

    /// A 2xx answer whole: status, headers and body.
    func callAnswer(_ method: String, _ path: String, body: Data? = nil, timeout: Duration = .seconds(15)) async throws(Failure) -> ControlAnswer {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\nUser-Agent: baton\r\nAccept: application/json\r\nConnection: close\r\n"
        if let body {
            head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n"
        }
        head += "\r\n"
        let request = Array(head.utf8) + (body.map { Array($0) } ?? [])
        let answer: ControlAnswer
        switch ControlSocket.exchange(path: socketPath, request: request, maxBodyBytes: Self.maxBodyBytes, timeout: timeout) {
        case .success(let received):
            answer = received
        case .failure(.connect(let code)):
            throw .unreachable("cannot reach batond at \(socketPath): \(plain(connectError: code)) (is batond running? start it, or point --socket or $BATON_SOCKET at its socket)")
        case .failure(.pathTooLong):
            throw .unreachable("cannot reach batond at \(socketPath): the path is longer than the \(ControlSocket.maxPathBytes) bytes a socket path can have")
        case .failure(.timedOut):
            throw .unreachable("cannot reach batond at \(socketPath): no answer within \(timeout.compactSeconds)")
        case .failure(.io(let code)):
            throw .unreachable("cannot reach batond at \(socketPath): the connection failed (\(String(cString: strerror(code))))")
        case .failure(.malformed(let problem)):
            throw .malformed("batond's answer to \(path) could not be read: \(problem)")
        }
        guard (200..<300).contains(answer.status) else {
            if let error = try? WireFormat.decoder().decode(APIErrorBody.self, from: Data(answer.body)) {
                throw .api(status: answer.status, code: error.error.code, message: error.error.message)
            }
            throw .api(status: answer.status, code: "http_\(answer.status)", message: "batond answered HTTP \(answer.status)")
        }
        return answer
    }

    /// Decodes a typed answer.
    func get<T: Decodable>(_ type: T.Type, _ path: String, method: String = "GET", timeout: Duration = .seconds(15)) async throws(Failure) -> (T, Data) {
        let data = try await call(method, path, timeout: timeout)
        return (try decode(T.self, from: data, path: path), data)
    }

    /// Decodes an answer already received from `path`.
    func decode<T: Decodable>(_ type: T.Type, from data: Data, path: String) throws(Failure) -> T {
        do {
            return try WireFormat.decoder().decode(T.self, from: data)
        } catch {
            throw .malformed("batond's answer to \(path) could not be read: \(error)")
        }
    }

    /// Says why the socket could not be connected to, in the operator's terms.
    func plain(connectError code: Int32) -> String {
        var info = stat()
        guard stat(socketPath, &info) == 0 else { return "no such socket file" }
        guard (info.st_mode & S_IFMT) == S_IFSOCK else { return "not a socket" }
        if code == EACCES || access(socketPath, R_OK | W_OK) != 0 { return "permission denied (ask to be added to the socket's group)" }
        return "nobody is listening on it"
    }
}

extension Duration {
    /// `15s`, `300s`: a timeout as the error names it.
    fileprivate var compactSeconds: String { "\(components.seconds)s" }
}
