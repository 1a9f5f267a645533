import BatonAPI
import BatonHTTP
import Foundation

/// A client of the daemon's control API over its Unix socket, on the same libcurl engine as the probes.
struct ControlClient {
    let socketPath: String
    let engine = HTTPEngine(maxConcurrency: 2, name: "baton-cli")

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

    /// ``call(_:_:body:timeout:)``'s body as the engine received it: `baton status --json` hands
    /// 3.4 MB at 10,000 integrations straight to standard output, without a copy into `Data`.
    func callBytes(_ method: String, _ path: String, body: Data? = nil, timeout: Duration = .seconds(15)) async throws(Failure) -> [UInt8] {
        defer { engine.shutdown() }
        let request = HTTPRequest(
            url: "http://localhost" + path,
            method: method,
            headers: body == nil ? [] : [.init(name: "Content-Type", value: "application/json")],
            body: body.map { Array($0) },
            timeout: timeout,
            maxBodyBytes: 64 << 20,
            followRedirects: false,
            unixSocketPath: socketPath
        )
        switch await engine.perform(request) {
        case .failure(let error):
            let hint = error.kind == .connect ? " (is batond running? start it, or point --socket or $BATON_SOCKET at its socket)" : ""
            throw .unreachable("cannot reach batond at \(socketPath): \(plain(error))\(hint)")
        case .success(let response):
            guard (200..<300).contains(response.status) else {
                if let error = try? WireFormat.decoder().decode(APIErrorBody.self, from: Data(response.body)) {
                    throw .api(status: response.status, code: error.error.code, message: error.error.message)
                }
                throw .api(status: response.status, code: "http_\(response.status)", message: "batond answered HTTP \(response.status)")
            }
            return response.body
        }
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

    /// Says what went wrong in the socket's terms, not curl's (which talks of "localhost port 80").
    func plain(_ error: TransferError) -> String {
        guard error.kind == .connect else { return error.message }
        var info = stat()
        guard stat(socketPath, &info) == 0 else { return "no such socket file" }
        guard (info.st_mode & S_IFMT) == S_IFSOCK else { return "not a socket" }
        if access(socketPath, R_OK | W_OK) != 0 { return "permission denied (ask to be added to the socket's group)" }
        return "nobody is listening on it"
    }
}
