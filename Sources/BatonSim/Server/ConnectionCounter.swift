import NIOCore

/// Counts accepted connections (tests check that clients reuse them); passes all data through.
final class ConnectionCounter: ChannelInboundHandler, RemovableChannelHandler {
    /// Never unwrapped: the default `channelRead` forwards whatever the HTTP decoder produced.
    typealias InboundIn = Any

    private let onConnection: @Sendable () -> Void

    init(onConnection: @escaping @Sendable () -> Void) {
        self.onConnection = onConnection
    }

    func handlerAdded(context: ChannelHandlerContext) {
        onConnection()
    }
}
