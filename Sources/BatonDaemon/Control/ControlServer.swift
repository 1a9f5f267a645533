import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The control socket: HTTP/1.1 + JSON on a Unix socket, mode 0660.
enum ControlServer {
    /// Builds the server as a service; `onListening` runs once the socket accepts connections.
    static func make(
        socketPath: String, routes: ControlRoutes, logger: Logger, onListening: @escaping @Sendable () async -> Void
    ) throws -> some Service {
        try prepareSocketPath(socketPath)
        let router = Router(context: ControlContext.self)
        routes.register(on: router)
        var serverLogger = logger
        serverLogger.logLevel = max(logger.logLevel, .notice)  // one line per request would drown the journal
        return Application(
            router: router,
            configuration: .init(address: .unixDomainSocket(path: socketPath), serverName: "batond"),
            onServerRunning: { _ in
                // The socket file gets the process umask: set the contract's mode explicitly.
                chmod(socketPath, 0o660)
                logger.info("control socket listening on \(socketPath)")
                await onListening()
            },
            logger: serverLogger
        )
    }

    /// Creates the socket's folder, and refuses to take over a socket another daemon still serves.
    static func prepareSocketPath(_ path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        }
        guard FileManager.default.fileExists(atPath: path) else { return }
        if SocketProbe.accepts(path) {
            throw DaemonError.socketInUse(path)
        }
        // A leftover of a daemon that died: nobody listens on it.
        try? FileManager.default.removeItem(atPath: path)
    }
}
