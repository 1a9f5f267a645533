import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The control socket: HTTP/1.1 + JSON on a Unix socket, mode 0660.
enum ControlServer {
    /// How long a connection may take; see docs/operations.md.
    struct Timeouts: Sendable {
        /// From a connection's start, or the end of its last answer, until a whole request head
        /// has arrived. Bytes that never complete a head do not extend it.
        var header: Duration = .seconds(10)
        /// No part of a request for this long closes the connection: a body that stalls, or a
        /// request that never starts (Hummingbird's idle timer, which also covers keep-alive).
        var idle: Duration = .seconds(30)
    }

    /// Builds the server as a service; `onListening` runs once the socket accepts connections.
    static func make(
        socketPath: String, routes: ControlRoutes, logger: Logger, timeouts: Timeouts = Timeouts(),
        onListening: @escaping @Sendable () async -> Void
    ) throws -> some Service {
        let router = Router(context: ControlContext.self)
        routes.register(on: router)
        return try make(socketPath: socketPath, router: router, logger: logger, timeouts: timeouts, onListening: onListening)
    }

    /// The server for any router of the control API's context (tests register their own routes).
    static func make(
        socketPath: String, router: Router<ControlContext>, logger: Logger, timeouts: Timeouts,
        onListening: @escaping @Sendable () async -> Void
    ) throws -> some Service {
        try prepareSocketPath(socketPath)
        var serverLogger = logger
        serverLogger.logLevel = max(logger.logLevel, .notice)  // one line per request would drown the journal
        let header = timeouts.header
        return Application(
            router: router,
            server: .http1(configuration: .init(
                additionalChannelHandlers: [ControlConnectionGuard(headerTimeout: header)],
                idleTimeout: TimeAmount(timeouts.idle)
            )),
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
