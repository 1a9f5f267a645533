import BatonHTTP

/// Collects `submit` completions (which run on the engine thread) for a test to await in order.
final class Completions: Sendable {
    typealias Outcome = (label: String, result: Result<HTTPResponse, TransferError>)

    private let stream: AsyncStream<Outcome>
    private let continuation: AsyncStream<Outcome>.Continuation

    init() {
        (stream, continuation) = AsyncStream<Outcome>.makeStream()
    }

    /// A completion handler that records its outcome under `label`.
    func handler(_ label: String) -> @Sendable (Result<HTTPResponse, TransferError>) -> Void {
        let continuation = continuation
        return { continuation.yield((label, $0)) }
    }

    /// The next `count` outcomes, in completion order.
    func next(_ count: Int) async -> [Outcome] {
        var outcomes: [Outcome] = []
        for await outcome in stream {
            outcomes.append(outcome)
            if outcomes.count == count { break }
        }
        return outcomes
    }
}
