import BatonCore
import BatonHTTP

/// What came of a request sent with an OAuth2 token.
public enum AuthorizedOutcome: Sendable {
    /// The resource answered (any status but a second 401).
    case response(HTTPResponse)
    /// The resource could not be reached.
    case transferFailed(TransferError)
    /// No token could be had, or the resource refused a fresh one too.
    case tokenFailed(TokenError)
}

extension TokenCache {
    /// Sends `request` with a token for `credential`; after a 401 it drops that token,
    /// fetches one more and sends again once. A second 401 is ``TokenError/rejectedTwice(status:)``.
    ///
    /// Any `Authorization` header in `request` is replaced.
    public func perform(_ request: HTTPRequest, with credential: OAuth2Credential, engine: HTTPEngine) async -> AuthorizedOutcome {
        var retried = false
        while true {
            let token: AccessToken
            do {
                token = try await self.token(for: credential)
            } catch {
                return .tokenFailed(error)
            }
            switch await engine.perform(request.authorized(by: token)) {
            case .failure(let error):
                return .transferFailed(error)
            case .success(let response) where response.status == 401:
                if retried { return .tokenFailed(.rejectedTwice(status: 401)) }
                invalidate(after401: token)
                retried = true
            case .success(let response):
                return .response(response)
            }
        }
    }
}

extension HTTPRequest {
    /// This request with `token` as its only `Authorization` header.
    public func authorized(by token: AccessToken) -> HTTPRequest {
        var request = self
        request.headers.removeAll { $0.name.lowercased() == "authorization" }
        request.headers.append(token.authorizationHeader)
        return request
    }
}
