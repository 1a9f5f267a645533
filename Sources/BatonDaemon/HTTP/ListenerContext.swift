import Hummingbird
import NIOCore

/// The HTTP listener's request context: Hummingbird's basics plus where the request came from,
/// for the `/ping` rate limit.
struct ListenerContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// ``PingSource/key(ipAddress:)`` of the peer.
    let source: String

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        self.source = PingSource.key(ipAddress: source.channel.remoteAddress?.ipAddress)
    }
}
