import Hummingbird
import Logging
import Synchronization

/// A loopback HTTP server pretending to be integration endpoints, healthy or not.
///
/// Serves `GET|HEAD /integrations/{name}/health` per each endpoint's ``EndpointBehaviour``,
/// and a control API (`GET /_sim/endpoints`, `PUT /_sim/endpoints/{name}`) to change them
/// while it runs. Also an OAuth2 authorization server (client credentials and JWT bearer),
/// resources behind its tokens, and the vendor APIs Baton's recipes watch, their freshness
/// taken from the endpoint of the vendor's name (`salesforce`, `marketo`, …). Used by the
/// demo, the end-to-end tests and the HTTP engine's and auth tests.
public final class Simulator: Sendable {
    /// Where the simulator listens.
    public enum Address: Sendable, Equatable {
        /// A loopback host (`127.0.0.1`, `::1`, `localhost`); port 0 picks a free one.
        case tcp(host: String, port: Int)
        case unixSocket(path: String)
    }

    struct State {
        var endpoints: [String: EndpointBehaviour]
        var buckets: [String: [S3Object]] = [:]
        var s3Requests: [S3RequestRecord] = []
        var hits: [String: Int] = [:]
        var hitWaiters: [HitWaiter] = []
        var run: Task<Void, Never>?
        var timeline: Task<Void, Never>?
        var port: Int?
        var isStopped = false
    }

    struct HitWaiter {
        var name: String
        var count: Int
        var continuation: CheckedContinuation<Void, Never>
    }

    public let address: Address
    let logger: Logger
    private let timeline: [TimelineEvent]
    let state: Mutex<State>
    private let connections = Atomic<Int>(0)
    let receiver: NoticeReceiver
    let issuer: TokenIssuer

    /// - Parameters:
    ///   - endpoints: The endpoints served from the start.
    ///   - timeline: Changes applied by themselves at their offsets after ``start()``.
    ///   - auth: How the token endpoints and protected resources behave.
    ///   - buckets: The S3 buckets served under `/_s3/`, each with its objects.
    ///   - logger: Gets one `info` line per behaviour change.
    public convenience init(
        host: String = "127.0.0.1",
        port: Int = 0,
        endpoints: [String: EndpointBehaviour] = [:],
        timeline: [TimelineEvent] = [],
        auth: AuthSettings = AuthSettings(),
        buckets: [String: [S3Object]] = [:],
        logger: Logger = Logger(label: "baton-sim")
    ) {
        self.init(
            address: .tcp(host: host, port: port), endpoints: endpoints, timeline: timeline, auth: auth, buckets: buckets, logger: logger
        )
    }

    public init(
        address: Address,
        endpoints: [String: EndpointBehaviour] = [:],
        timeline: [TimelineEvent] = [],
        auth: AuthSettings = AuthSettings(),
        buckets: [String: [S3Object]] = [:],
        logger: Logger = Logger(label: "baton-sim")
    ) {
        self.address = address
        self.timeline = timeline.sorted { $0.after < $1.after }
        self.logger = logger
        state = Mutex(State(endpoints: endpoints, buckets: buckets))
        receiver = NoticeReceiver(logger: logger)
        issuer = TokenIssuer(settings: auth)
    }

    // MARK: Endpoints

    /// Replaces an endpoint's behaviour, creating the endpoint if it is new.
    public func set(_ name: String, _ behaviour: EndpointBehaviour) {
        change(name, reason: "set") { $0 = behaviour }
    }

    /// Merges a partial change into an endpoint (a new one starts from the defaults).
    @discardableResult
    public func update(_ name: String, _ patch: EndpointPatch) -> EndpointBehaviour {
        change(name, reason: "update") { patch.apply(to: &$0) }
    }

    @discardableResult
    func change(_ name: String, reason: String, _ edit: (inout EndpointBehaviour) -> Void) -> EndpointBehaviour {
        let (old, new) = state.withLock { state in
            let old = state.endpoints[name]
            var new = old ?? EndpointBehaviour()
            edit(&new)
            state.endpoints[name] = new
            return (old, new)
        }
        let changes = new.changes(from: old)
        if !changes.isEmpty {
            logger.info("\(name): \(changes.joined(separator: ", ")) (\(reason))")
        }
        return new
    }

    public func behaviour(_ name: String) -> EndpointBehaviour? {
        state.withLock { $0.endpoints[name] }
    }

    public var behaviours: [String: EndpointBehaviour] {
        state.withLock { $0.endpoints }
    }

    // MARK: Observations

    /// Requests served so far by an endpoint.
    public func hits(_ name: String) -> Int {
        state.withLock { $0.hits[name, default: 0] }
    }

    /// TCP (or Unix socket) connections accepted since the simulator was created.
    public var connectionsAccepted: Int {
        connections.load(ordering: .relaxed)
    }

    /// Returns once `name` has served at least `count` requests (or the simulator stopped).
    public func waitForHits(_ name: String, atLeast count: Int) async {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Bool in
                if state.isStopped || state.hits[name, default: 0] >= count { return true }
                state.hitWaiters.append(HitWaiter(name: name, count: count, continuation: continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Counts a request for `name` and returns how to answer it; nil for an unknown endpoint,
    /// unless `creating` it with the default behaviour (the vendor APIs exist whether or not a scenario names them).
    func recordHit(_ name: String, creating: Bool = false) -> EndpointBehaviour? {
        let (behaviour, satisfied) = state.withLock { state -> (EndpointBehaviour?, [HitWaiter]) in
            if creating && state.endpoints[name] == nil { state.endpoints[name] = EndpointBehaviour() }
            guard let behaviour = state.endpoints[name] else { return (nil, []) }
            let hits = state.hits[name, default: 0] + 1
            state.hits[name] = hits
            var satisfied: [HitWaiter] = []
            state.hitWaiters.removeAll { waiter in
                guard waiter.name == name && waiter.count <= hits else { return false }
                satisfied.append(waiter)
                return true
            }
            return (behaviour, satisfied)
        }
        for waiter in satisfied { waiter.continuation.resume() }
        return behaviour
    }

    func connectionAccepted() {
        connections.wrappingAdd(1, ordering: .relaxed)
    }

    // MARK: Lifecycle

    /// Whether `host` is a loopback address the simulator agrees to listen on.
    public static func isLoopback(_ host: String) -> Bool {
        LoopbackAddress.isLoopback(host)
    }

    /// The bound TCP port after ``start()``; nil before, or on a Unix socket.
    public var port: Int? {
        state.withLock { $0.port }
    }

    /// `http://127.0.0.1:9480` after ``start()``; for a Unix socket, `http://localhost`.
    public var baseURL: String {
        switch address {
        case .tcp(let host, let configured):
            let shownHost = host.contains(":") ? "[\(host)]" : host
            return "http://\(shownHost):\(port ?? configured)"
        case .unixSocket:
            return "http://localhost"
        }
    }

    /// Starts listening; returns the bound port (0 on a Unix socket).
    public func start() async throws -> Int {
        let bindAddress: BindAddress
        switch address {
        case .tcp(let host, let port):
            guard LoopbackAddress.isLoopback(host) else { throw SimulatorError.notLoopback(host) }
            bindAddress = .hostname(host, port: port)
        case .unixSocket(let path):
            bindAddress = .unixDomainSocket(path: path)
        }
        let alreadyStarted = state.withLock { $0.run != nil }
        guard !alreadyStarted else { throw SimulatorError.alreadyStarted }

        let (started, startedContinuation) = AsyncStream<Result<Int, any Error>>.makeStream()
        // Hummingbird logs the cancellation that stop() uses as an error; failures that matter
        // (a port in use, say) are thrown from here instead.
        var serverLogger = logger
        serverLogger.logLevel = .critical
        let app = Application(
            router: makeRouter(),
            server: .http1(configuration: .init(additionalChannelHandlers: [ConnectionCounter { [self] in connectionAccepted() }])),
            configuration: .init(address: bindAddress, serverName: nil),
            onServerRunning: { channel in
                startedContinuation.yield(.success(channel.localAddress?.port ?? 0))
            },
            logger: serverLogger
        )
        let run = Task {
            do {
                try await app.run()
                startedContinuation.yield(.failure(SimulatorError.stoppedBeforeListening))
            } catch {
                startedContinuation.yield(.failure(error))
            }
            startedContinuation.finish()
        }
        state.withLock { $0.run = run }

        var outcome: Result<Int, any Error> = .failure(SimulatorError.stoppedBeforeListening)
        for await first in started {
            outcome = first
            break
        }
        let port = try outcome.get()
        state.withLock { $0.port = port }
        startTimeline()
        return port
    }

    private func startTimeline() {
        guard !timeline.isEmpty else { return }
        let startedAt = ContinuousClock.now
        let events = timeline
        let task = Task { [self] in
            for event in events {
                do {
                    try await Task.sleep(until: startedAt.advanced(by: event.after), clock: .continuous)
                } catch {
                    return
                }
                apply(event.change, reason: "timeline +\(HumanDuration.describe(seconds: Double(event.after.components.seconds)))")
            }
        }
        state.withLock { $0.timeline = task }
    }

    /// Returns once every timeline event has been applied (at once without a timeline).
    public func timelineFinished() async {
        let task = state.withLock { $0.timeline }
        await task?.value
    }

    /// Stops listening, drops open connections and releases anyone waiting for hits.
    public func stop() async {
        let (run, timeline, waiters) = state.withLock { state in
            state.isStopped = true
            defer {
                state.run = nil
                state.timeline = nil
                state.hitWaiters = []
            }
            return (state.run, state.timeline, state.hitWaiters)
        }
        for waiter in waiters { waiter.continuation.resume() }
        timeline?.cancel()
        run?.cancel()
        await run?.value
    }
}

/// Why the simulator could not start.
public enum SimulatorError: Error, Sendable, CustomStringConvertible {
    case notLoopback(String)
    case alreadyStarted
    case stoppedBeforeListening

    public var description: String {
        switch self {
        case .notLoopback(let host):
            "refusing to listen on \(host): the simulator only binds loopback addresses (127.0.0.1, ::1, localhost)"
        case .alreadyStarted:
            "the simulator is already running"
        case .stoppedBeforeListening:
            "the simulator stopped before it was listening"
        }
    }
}
