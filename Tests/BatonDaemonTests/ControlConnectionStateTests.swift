@testable import BatonDaemon
import Testing

/// The control socket's per-connection state machine, driven with made-up instants: when the header
/// deadline is set, moved and cancelled, and what becomes of Hummingbird's bare 400 after a parse error.
struct ControlConnectionStateTests {
    static let start = ContinuousClock.now

    static func at(_ milliseconds: Int) -> ContinuousClock.Instant {
        start.advanced(by: .milliseconds(milliseconds))
    }

    /// A connection must send a whole head within the timeout from opening; a head cancels the deadline.
    @Test func headCancelsTheDeadline() {
        var state = ControlConnectionState(headerTimeout: .seconds(10))
        #expect(state.opened(at: Self.at(0)) == .schedule(Self.at(10_000)))
        #expect(state.timerFired(at: Self.at(4_000)) == .schedule(Self.at(10_000)))
        #expect(state.receivedHead() == .cancel)
        #expect(state.timerFired(at: Self.at(20_000)) == .none)
    }

    /// Without a head, the deadline closes the connection, however many bytes trickled in meanwhile.
    @Test func noHeadCloses() {
        var state = ControlConnectionState(headerTimeout: .seconds(10))
        _ = state.opened(at: Self.at(0))
        #expect(state.timerFired(at: Self.at(10_000)) == .close)
    }

    /// After an answer ends, the next head is due within the timeout again; not while a request is pending.
    @Test func answerRestartsTheDeadline() {
        var state = ControlConnectionState(headerTimeout: .seconds(10))
        _ = state.opened(at: Self.at(0))
        _ = state.receivedHead()
        _ = state.receivedHead()  // pipelined
        state.receivedEnd()
        #expect(state.answerEnded(at: Self.at(1_000)) == .none)
        #expect(state.answerEnded(at: Self.at(2_000)) == .schedule(Self.at(12_000)))
        #expect(state.timerFired(at: Self.at(12_000)) == .close)
    }

    /// A CONNECT closes the connection once its answer ends: the API has no tunnels.
    @Test func connectClosesAfterItsAnswer() {
        var state = ControlConnectionState(headerTimeout: .seconds(10))
        _ = state.opened(at: Self.at(0))
        #expect(state.receivedHead(tunnels: true) == .cancel)
        state.receivedEnd()
        #expect(state.closesAfterAnswer)
        #expect(state.answerEnded(at: Self.at(100)) == .close)
    }

    /// While a request's body is still arriving, an early answer does not start the header deadline.
    @Test func earlyAnswerDuringBodyWaits() {
        var state = ControlConnectionState(headerTimeout: .seconds(10))
        _ = state.opened(at: Self.at(0))
        _ = state.receivedHead()
        #expect(state.answerEnded(at: Self.at(500)) == .none)
    }

    /// Answers of the API's own always go out, even a 400 after a parse error (it has a body).
    @Test func ownAnswersAreSent() {
        var state = ControlConnectionState(headerTimeout: .seconds(10))
        #expect(state.answerStarts(status: 400, isEmpty: true) == .send)
        _ = state.receivedHead()
        state.parseFailed(.badChunkedBody)
        #expect(state.answerStarts(status: 400, isEmpty: false) == .send)
        #expect(state.answerStarts(status: 200, isEmpty: true) == .send)
    }

    /// A head the parser refused: Hummingbird's empty 400 becomes the API's JSON error for it.
    @Test func refusedHeadGetsJSON() {
        var state = ControlConnectionState(headerTimeout: .seconds(10))
        _ = state.opened(at: Self.at(0))
        state.parseFailed(.headersTooLarge)
        #expect(state.answerStarts(status: 400, isEmpty: true) == .replace(.headersTooLarge))
        let dropped = state.dropsPart(isEnd: true)
        #expect(!dropped)
    }

    /// A body the parser refused was answered already: Hummingbird's extra empty 400 is dropped, to its end.
    @Test func refusedBodyDropsTheExtraAnswer() {
        var state = ControlConnectionState(headerTimeout: .seconds(10))
        _ = state.opened(at: Self.at(0))
        _ = state.receivedHead()
        state.parseFailed(.badChunkedBody)
        #expect(state.answerStarts(status: 400, isEmpty: true) == .drop)
        let body = state.dropsPart(isEnd: false)
        let end = state.dropsPart(isEnd: true)
        let next = state.dropsPart(isEnd: true)
        #expect(body && end && !next)
    }
}
