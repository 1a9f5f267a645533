import BatonAuth
import BatonCore
import BatonHTTP
import Foundation

/// Turns what the engine answered into what the judgement reads.
enum ProbeRequest {
    /// The observation of one transfer made for `plan`; `nil` when it was cancelled (shutdown).
    static func observation(from result: Result<HTTPResponse, TransferError>, plan: ProbePlan, at time: Date) -> ProbeObservation? {
        switch result {
        case .success(let response):
            return ProbeObservation(result: answer(response, plan: plan), latency: response.totalTime, observedAt: time)
        case .failure(let error):
            guard error.kind != .cancelled else { return nil }
            // An exact file that is not there is a missing file, named as the config names it.
            if error.kind == .fileNotFound, let name = plan.fileName, case .direct = plan.steps {
                return ProbeObservation(result: .noFile(.missing(name: name)), latency: error.elapsed, observedAt: time)
            }
            return ProbeObservation(result: .failed(error.failure), latency: error.elapsed, observedAt: time)
        }
    }

    /// An answer, with the file it describes for file drops (and `Last-Modified` over HTTP).
    static func answer(_ response: HTTPResponse, plan: ProbePlan) -> ProbeObservation.Result {
        let certificate = response.certificate.map {
            CertificateSummary(subject: $0.subject, issuer: $0.issuer, notBefore: $0.notBefore, notAfter: $0.notAfter)
        }
        var answer = HTTPAnswer(status: response.status, headers: response.headers, body: response.body, certificate: certificate)
        switch plan.target {
        case .http:
            if let modified = response.headers["last-modified"].flatMap(Timestamp.parse) ?? response.fileTime {
                answer.file = FileFacts(name: plan.fileName ?? "file", modified: modified, size: response.contentLength ?? response.body.count)
            }
        case .sftp, .ftp:
            answer.file = FileFacts(name: plan.fileName ?? "file", modified: response.fileTime, size: response.contentLength)
        case .s3:
            let name = plan.fileName ?? "object"
            switch response.status {
            case 200..<300:
                answer.file = FileFacts(name: name, modified: response.fileTime, size: response.contentLength)
            case 404:
                return .noFile(.missing(name: name))
            default:
                return .failed(s3Refusal(response.status, name: name))
            }
        }
        return .answered(answer)
    }

    /// S3 answered but gave nothing: permission (403) or any other error status.
    static func s3Refusal(_ status: Int, name: String) -> TransferFailure {
        status == 403
            ? .remoteFile(.accessDenied, "S3 refused access to \(name) (HTTP 403: check the key and the bucket policy)")
            : .remoteFile(.notFound, "S3 answered HTTP \(status) for \(name)")
    }

    /// What an OAuth2-authorised transfer came to.
    static func observation(from outcome: AuthorizedOutcome, plan: ProbePlan, latency: Duration, at time: Date) -> ProbeObservation? {
        switch outcome {
        case .response(let response):
            return observation(from: .success(response), plan: plan, at: time)
        case .transferFailed(let error):
            return observation(from: .failure(error), plan: plan, at: time)
        case .tokenFailed(let error):
            guard let problem = tokenProblem(error) else { return nil }
            return ProbeObservation(result: .tokenFailed(problem), latency: latency, observedAt: time)
        }
    }

    /// The token failure as a reason; `nil` for a cancelled request (shutdown).
    static func tokenProblem(_ error: TokenError) -> TokenEndpointProblem? {
        switch error {
        case .rejected(let status, let oauthError): .answered(status: status, oauthError: oauthError)
        case .notJSON(let status): .notJSON(status: status)
        case .noAccessToken: .noAccessToken
        case .cancelled: nil
        case .transfer, .unusableAccessToken, .keyFile, .signingFailed, .incompleteCredential, .rejectedTwice: .other(error.description)
        }
    }
}
