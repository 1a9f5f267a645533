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
            guard error.kind != .cancelled else { return nil }
            return ProbeObservation(result: .failed(error.failure), latency: error.elapsed, observedAt: time)
        }
    }
}
