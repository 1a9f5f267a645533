import Hummingbird
import NIOCore

/// The request context of the simulator's routes: the basics plus the connection, so an
/// endpoint can hang on it or close it without answering.
struct SimulatorContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
