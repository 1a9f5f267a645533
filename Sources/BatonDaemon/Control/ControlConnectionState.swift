/// One control-socket connection over time: when it must have sent a request head, and what
/// becomes of the answer Hummingbird writes after a parse error.
///
/// A state machine that returns actions for ``ControlConnectionGuard`` to perform, so it is
/// tested with made-up instants and no socket. The header deadline runs from the connection's
/// start, or from the end of its last answer, until a whole request head has arrived: bytes
/// that trickle in without completing a head do not extend it (slowloris).
struct ControlConnectionState {
    let headerTimeout: Duration
    /// Between requests: no head since the connection opened or the last answer ended.
    private var awaitingHead = true
    private var deadline: ContinuousClock.Instant?
    /// A request's head arrived and its `.end` has not.
    private var readingBody = false
    /// Requests whose answer has not ended yet.
    private var unanswered = 0
    /// The parser's last refusal, and whether it came in the middle of a body.
    private var problem: ProtocolProblem?
    private var problemInBody = false
    /// Parts of a superfluous answer being dropped until its `.end`.
    private var dropping = false
    /// A CONNECT arrived: the connection closes once its answer has gone out. The control API
    /// has no tunnels, and NIO frames no body for any answer to CONNECT, so without a close the
    /// client could not tell where the answer ends, and the parser would take what follows for
    /// tunnel bytes.
    private(set) var closesAfterAnswer = false

    init(headerTimeout: Duration) {
        self.headerTimeout = headerTimeout
    }

    enum TimerAction: Equatable {
        case none
        case schedule(ContinuousClock.Instant)
        case cancel
        case close
    }

    mutating func opened(at now: ContinuousClock.Instant) -> TimerAction {
        awaitingHead = true
        let deadline = now.advanced(by: headerTimeout)
        self.deadline = deadline
        return .schedule(deadline)
    }

    /// A request head arrived; `tunnels` when its method is CONNECT.
    mutating func receivedHead(tunnels: Bool = false) -> TimerAction {
        if tunnels { closesAfterAnswer = true }
        awaitingHead = false
        readingBody = true
        unanswered += 1
        deadline = nil
        return .cancel
    }

    mutating func receivedEnd() {
        readingBody = false
    }

    /// An answer ended; once none is pending, the next head is due within the timeout (or, after
    /// a CONNECT, the connection closes).
    mutating func answerEnded(at now: ContinuousClock.Instant) -> TimerAction {
        unanswered = max(0, unanswered - 1)
        if closesAfterAnswer { return .close }
        guard unanswered == 0, !readingBody else { return .none }
        return opened(at: now)
    }

    mutating func timerFired(at now: ContinuousClock.Instant) -> TimerAction {
        guard awaitingHead, let deadline else { return .none }
        return now >= deadline ? .close : .schedule(deadline)
    }

    /// The parser refused the bytes; the error still travels on to whoever reads the request.
    mutating func parseFailed(_ problem: ProtocolProblem) {
        self.problem = problem
        problemInBody = readingBody
    }

    enum AnswerAction: Equatable {
        /// An answer of the API's own: send it as it is.
        case send
        /// Hummingbird's bare 400 for a request whose head was refused: send this JSON error instead.
        case replace(ProtocolProblem)
        /// Hummingbird's bare 400 after a body error, for a request that was already answered
        /// (by the route, or by ``APIErrorMiddleware`` from the same error): drop it, then close.
        case drop
    }

    /// Decides about an answer's head; Hummingbird answers a parse error with an empty 400.
    mutating func answerStarts(status: Int, isEmpty: Bool) -> AnswerAction {
        guard let problem, status == 400, isEmpty else { return .send }
        guard problemInBody else { return .replace(problem) }
        dropping = true
        return .drop
    }

    /// Whether a body or end part belongs to an answer being dropped; its `.end` ends the drop.
    mutating func dropsPart(isEnd: Bool) -> Bool {
        guard dropping else { return false }
        if isEnd { dropping = false }
        return true
    }
}
