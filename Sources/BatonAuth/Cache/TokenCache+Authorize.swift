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
        await perform(request, with: TokenCredential(credential), engine: engine)
    }

    /// ``perform(_:with:engine:)`` with the cache key worked out beforehand.
    ///
    /// - Parameter rejected: A token the resource already answered 401 to for this request (sent
    ///   without this method): it is dropped, and only one more attempt is made, with a fresh token.
    public func perform(
        _ request: HTTPRequest, with credential: TokenCredential, engine: HTTPEngine, rejected: AccessToken? = nil
    ) async -> AuthorizedOutcome {
        var retried = false
        if let rejected {
            invalidate(after401: rejected)
            retried = true
        }
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
        request.headers.removeAll { Self.isAuthorization($0.name) }
        request.headers.append(token.authorizationHeader)
        return request
    }

    /// `Authorization` in any case, compared byte by byte (no lowercased copy per header per probe).
    static func isAuthorization(_ name: String) -> Bool {
        let expected = "authorization".utf8
        guard name.utf8.count == expected.count else { return false }
        // ASCII letters only in `expected`: setting bit 5 lowercases a letter and leaves no other byte equal to one.
        return zip(name.utf8, expected).allSatisfy { $0 | 0x20 == $1 }
    }
}
