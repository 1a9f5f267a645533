import Hummingbird
import NIOCore

/// The request context of the control socket: Hummingbird's basics plus the connection,
/// whose peer credentials say which Unix user is calling.
struct ControlContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
