import BatonAuth
import BatonCore
import BatonHTTP
import Foundation

/// Runs the probes that take more than one transfer, off the engine's thread: an OAuth2 token
/// first (shared by every check with the same credential), or a listing before the newest file
/// of a glob is looked at.
struct ProbeRunner: Sendable {
    let engine: HTTPEngine
    let tokens: TokenCache
    /// A glob's matches looked at, at most: the newest by name first.
    static let candidatesLooked = 50
    /// S3 listing pages read, at most (1,000 keys each).
    static let pagesRead = 10

    /// The observation of one probe; `nil` when it was cancelled (shutdown).
    func observe(_ plan: ProbePlan, clock: @Sendable () -> Date) async -> ProbeObservation? {
        let started = ContinuousClock.now
        switch plan.steps {
        case .direct:
            return ProbeRequest.observation(from: await engine.perform(plan.request), plan: plan, at: clock())
        case .authorized(let credential):
            let outcome = await tokens.perform(plan.request, with: credential, engine: engine)
            return ProbeRequest.observation(from: outcome, plan: plan, latency: ContinuousClock.now - started, at: clock())
        case .newestInFolder(let glob, let folder):
            let result = await newestInFolder(plan, glob: glob, folder: folder)
            return Self.observation(result, plan: plan, glob: glob, latency: ContinuousClock.now - started, at: clock())
        case .newestInBucket(let glob):
            let result = await newestInBucket(plan, glob: glob)
            return Self.observation(result, plan: plan, glob: glob, latency: ContinuousClock.now - started, at: clock())
        }
    }

    /// The rest of an OAuth2 probe whose request, sent with the cached `token`, was answered
    /// `first`, a 401: the token is dropped and the request sent once more with a fresh one.
    func observe(
        _ plan: ProbePlan, credential: TokenCredential, rejected token: AccessToken, first: HTTPResponse, clock: @Sendable () -> Date
    ) async -> ProbeObservation? {
        let started = ContinuousClock.now
        let outcome = await tokens.perform(plan.request, with: credential, engine: engine, rejected: token)
        return ProbeRequest.observation(from: outcome, plan: plan, latency: first.totalTime + (ContinuousClock.now - started), at: clock())
    }

    /// What looking for the newest match came to.
    enum Search {
        case found(FileFacts, certificate: ServerCertificate?)
        case none
        case failed(TransferError)
        case refused(TransferFailure)
    }

    static func observation(_ search: Search, plan: ProbePlan, glob: FileDropName, latency: Duration, at time: Date) -> ProbeObservation? {
        let result: ProbeObservation.Result
        switch search {
        case .found(let file, let certificate):
            let summary = certificate.map { CertificateSummary(subject: $0.subject, issuer: $0.issuer, notBefore: $0.notBefore, notAfter: $0.notAfter) }
            result = .answered(HTTPAnswer(status: 200, certificate: summary, file: file))
        case .none:
            result = .noFile(.noMatch(pattern: glob.pattern))
        case .failed(let error):
            guard error.kind != .cancelled else { return nil }
            result = .failed(error.failure)
        case .refused(let failure):
            result = .failed(failure)
        }
        return ProbeObservation(result: result, latency: latency, observedAt: time)
    }

    /// sftp / ftp: list the folder, then stat the newest-named matches and keep the newest by time.
    private func newestInFolder(_ plan: ProbePlan, glob: FileDropName, folder: String) async -> Search {
        let listing: HTTPResponse
        switch await engine.perform(plan.request) {
        case .success(let response): listing = response
        case .failure(let error): return .failed(error)
        }
        let matches = listing.names.filter(glob.matches).sorted(by: >).prefix(Self.candidatesLooked)
        guard !matches.isEmpty else { return .none }
        var newest: FileFacts?
        var firstError: TransferError?
        await withTaskGroup(of: (String, Result<HTTPResponse, TransferError>).self) { group in
            for name in matches {
                group.addTask { (name, await engine.perform(plan.fileInfo(named: name, in: folder))) }
            }
            for await (name, result) in group {
                switch result {
                case .success(let response):
                    let file = FileFacts(name: name, modified: response.fileTime, size: response.contentLength)
                    if newest == nil || Self.isNewer(file, than: newest) { newest = file }
                case .failure(let error):
                    firstError = firstError ?? error
                }
            }
        }
        if let newest { return .found(newest, certificate: nil) }
        return firstError.map(Search.failed) ?? .none
    }

    /// S3: list the keys under the glob's literal prefix (page by page), keep the newest match.
    private func newestInBucket(_ plan: ProbePlan, glob: FileDropName) async -> Search {
        var request = plan.request
        var newest: FileFacts?
        var certificate: ServerCertificate?
        let folderPrefix = Self.folderPrefix(of: request.url)
        for _ in 0..<Self.pagesRead {
            let response: HTTPResponse
            switch await engine.perform(request) {
            case .success(let answer): response = answer
            case .failure(let error): return .failed(error)
            }
            certificate = certificate ?? response.certificate
            guard (200..<300).contains(response.status) else {
                return .refused(ProbeRequest.s3Refusal(response.status, name: glob.pattern))
            }
            let page = S3Listing.parse(response.body)
            for object in page.objects {
                let name = object.key.hasPrefix(folderPrefix) ? String(object.key.dropFirst(folderPrefix.count)) : object.key
                guard !name.contains("/"), glob.matches(name) else { continue }
                let file = FileFacts(name: name, modified: object.modified, size: object.size)
                if newest == nil || Self.isNewer(file, than: newest) { newest = file }
            }
            guard let token = page.continuationToken else { break }
            request.url = Self.replacingContinuation(in: plan.request.url, with: token)
        }
        return newest.map { .found($0, certificate: certificate) } ?? .none
    }

    /// Newer by modification time; a file without one is never the newest, and ties go to the later name.
    static func isNewer(_ file: FileFacts, than other: FileFacts?) -> Bool {
        guard let other else { return true }
        switch (file.modified, other.modified) {
        case let (mine?, theirs?): return mine > theirs || (mine == theirs && file.name > other.name)
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return file.name > other.name
        }
    }

    /// The key folder the listing's `prefix=` starts with (`exports/` of `exports/leads_`).
    static func folderPrefix(of listingURL: String) -> String {
        guard let range = listingURL.range(of: "prefix=") else { return "" }
        let encoded = listingURL[range.upperBound...].prefix { $0 != "&" }
        let prefix = String(encoded).removingPercentEncoding ?? String(encoded)
        return prefix.lastIndex(of: "/").map { String(prefix[...$0]) } ?? ""
    }

    static func replacingContinuation(in url: String, with token: String) -> String {
        url + "&continuation-token=" + S3Location.queryEncoded(token)
    }
}
