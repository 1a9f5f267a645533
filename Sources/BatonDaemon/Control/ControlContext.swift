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

    /// The Unix user calling, from the socket's peer credentials.
    func caller() async throws -> String {
        guard let user = await PeerIdentity.user(of: channel) else {
            throw APIFailure(status: .forbidden, code: "forbidden", message: "the caller's identity could not be read from the socket")
        }
        return user
    }
}
