import BatonAPI
import Foundation
import Hummingbird
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Sits between the HTTP/1 codec and Hummingbird on every control-socket connection: closes a
/// connection that has not sent a whole request head in time, and turns Hummingbird's bare
/// 400 for an unparsable request into the API's JSON error (or drops it when the request was
/// already answered). Decisions come from ``ControlConnectionState``.
final class ControlConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var state: ControlConnectionState
    private var timer: Scheduled<Void>?

    init(headerTimeout: Duration) {
        state = ControlConnectionState(headerTimeout: headerTimeout)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { perform(state.opened(at: .now), context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        perform(state.opened(at: .now), context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): perform(state.receivedHead(tunnels: head.method == .connect), context)
        case .body: break
        case .end: state.receivedEnd()
        }
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let parserError = error as? HTTPParserError { state.parseFailed(ProtocolProblem(parserError)) }
        context.fireErrorCaught(error)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let part = unwrapOutboundIn(data)
        switch part {
        case .head(let head):
            let isEmpty = head.headerFields[.contentLength] == "0"
            switch state.answerStarts(status: head.status.code, isEmpty: isEmpty) {
            case .send where state.closesAfterAnswer:
                var answer = head
                answer.headerFields[.connection] = "close"
                context.write(wrapOutboundOut(.head(answer)), promise: promise)
            case .send:
                context.write(data, promise: promise)
            case .replace(let problem):
                replace(head, with: problem, context: context, promise: promise)
            case .drop:
                promise?.succeed()
            }
        case .body, .end:
            let isEnd = if case .end = part { true } else { false }
            if state.dropsPart(isEnd: isEnd) {
                promise?.succeed()
                if isEnd { context.close(promise: nil) }
                return
            }
            guard isEnd else {
                context.write(data, promise: promise)
                return
            }
            let action = state.answerEnded(at: .now)
            guard action == .close else {
                context.write(data, promise: promise)
                perform(action, context)
                return
            }
            // Close once the answer is out, not before: the end is not flushed yet.
            let written = context.eventLoop.makePromise(of: Void.self)
            written.futureResult.assumeIsolated().whenComplete { result in
                promise?.completeWith(result)
                self.timer?.cancel()
                self.timer = nil
                context.close(promise: nil)
            }
            context.write(data, promise: written)
        }
    }

    /// The API's error body in place of Hummingbird's empty one; its `.end` follows as written.
    private func replace(_ head: HTTPResponse, with problem: ProtocolProblem, context: ChannelHandlerContext, promise: EventLoopPromise<Void>?) {
        let body = (try? WireFormat.encoder().encode(APIErrorBody(code: problem.code, message: problem.message))) ?? Data()
        var buffer = context.channel.allocator.buffer(capacity: body.count + 1)
        buffer.writeBytes(body)
        buffer.writeString("\n")
        var answer = head
        answer.status = problem.status
        answer.headerFields[.contentType] = "application/json"
        answer.headerFields[.contentLength] = String(buffer.readableBytes)
        answer.headerFields[.connection] = "close"
        context.write(wrapOutboundOut(.head(answer)), promise: nil)
        context.write(wrapOutboundOut(.body(buffer)), promise: promise)
    }

    private func perform(_ action: ControlConnectionState.TimerAction, _ context: ChannelHandlerContext) {
        switch action {
        case .none:
            break
        case .cancel:
            timer?.cancel()
            timer = nil
        case .close:
            timer = nil
            context.close(promise: nil)
        case .schedule(let deadline):
            timer?.cancel()
            let loop = context.eventLoop.assumeIsolated()
            timer = loop.scheduleTask(in: TimeAmount(max(.zero, deadline - .now))) { [self] in
                timer = nil
                perform(state.timerFired(at: .now), context)
            }
        }
    }
}

@available(*, unavailable)
extension ControlConnectionGuard: Sendable {}
