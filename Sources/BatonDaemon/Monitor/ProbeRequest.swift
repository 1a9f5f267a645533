import BatonCore
import BatonHTTP
import Foundation

/// Turns a configured check into the engine's request, and the engine's answer into an observation.
enum ProbeRequest {
    static func make(for check: HTTPCheck) -> HTTPRequest {
        var capture: [String] = []
        if case .header(let name) = check.freshness?.source { capture.append(name.lowercased()) }
        return HTTPRequest(
            url: check.url.revealed,
            method: check.method,
            headers: check.headers.map { HTTPRequest.Header(name: $0.name, value: $0.value.revealed) },
            timeout: check.timeout,
            maxBodyBytes: check.maxBodyBytes,
            followRedirects: true,
            maxRedirects: 5,
            captureHeaders: capture
        )
    }

    /// `nil` when the transfer was cancelled (shutdown): nothing was observed.
    static func observation(from result: Result<HTTPResponse, TransferError>, at time: Date) -> ProbeObservation? {
        switch result {
        case .success(let response):
            return ProbeObservation(
                result: .answered(HTTPAnswer(status: response.status, headers: response.headers, body: response.body)),
                latency: response.totalTime, observedAt: time
            )
        case .failure(let error):
            guard let kind = errorKind(error.kind) else { return nil }
            return ProbeObservation(result: .failed(kind, reason: error.message), latency: error.elapsed, observedAt: time)
        }
    }

    static func errorKind(_ kind: TransferError.Kind) -> ProbeErrorKind? {
        switch kind {
        case .connect: .connect
        case .timeout: .timeout
        case .tls: .tls
        case .dns: .dns
        case .redirects: .redirects
        case .bodyTooLarge: .bodyTooLarge
        case .protocol: .protocol
        case .other: .other
        // New in BatonHTTP for file drops; the judgement's own kinds for them come with issue 9's wiring.
        case .fileNotFound, .accessDenied, .loginDenied, .hostKeyRejected: .other
        case .cancelled: nil
        }
    }
}
