import ArgumentParser
import BatonSim
import Dispatch
import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// `baton-sim`: serves simulated integration endpoints on loopback until SIGINT or SIGTERM.
@main
struct BatonSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baton-sim",
        abstract: "Simulate marketing integration health endpoints on loopback.",
        discussion: """
            Serves GET|HEAD /integrations/{name}/health per endpoint, and a control API: \
            GET /_sim/endpoints lists every behaviour; PUT /_sim/endpoints/{name} with a JSON \
            patch (e.g. {"status": 503} or {"last_sync_age_seconds": 11520}) changes one.

            Also an OAuth2 token endpoint (POST /oauth2/token; Salesforce, Marketo and Google \
            paths too) for client credentials and JWT-bearer assertions, a protected resource \
            (GET /protected/integrations/{name}/health), the vendor APIs the recipes watch, and \
            GET|PUT /_sim/auth, POST /_sim/auth/expire to see and change how tokens behave.

            And a path-style S3 store for file drops: GET /_s3/{bucket}?list-type=2 \
            (ListObjectsV2), HEAD|GET /_s3/{bucket}/{key}; requests must carry a SigV4 \
            Authorization and x-amz-content-sha256. Buckets come from the scenario's `buckets:`; \
            GET /_sim/buckets lists them, PUT|DELETE /_sim/buckets/{bucket}[/{key}] changes them \
            (e.g. {"age": "26h"} or {"size": 0} makes an export stale or empty).
            """
    )

    @Option(help: "Loopback address to listen on (127.0.0.1, ::1 or localhost).")
    var host = "127.0.0.1"

    @Option(help: "TCP port; 0 picks a free one.")
    var port = 9480

    @Option(help: "Scenario YAML: endpoints and an optional timeline of changes.")
    var scenario: String?

    @Option(help: "Also serve N healthy endpoints named 0 … N-1.")
    var count = 0

    @Option(help: "Service-account JSON key file to trust for JWT bearer; created with a fresh key (token_uri pointing here) when missing.")
    var serviceAccountKey: String?

    func validate() throws {
        guard Simulator.isLoopback(host) else {
            throw ValidationError("--host \(host) is not a loopback address: the simulator only listens on 127.0.0.1, ::1 or localhost")
        }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard count >= 0 else { throw ValidationError("--count must not be negative") }
    }

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        let logger = Logger(label: "baton-sim")

        var endpoints: [String: EndpointBehaviour] = [:]
        var timeline: [TimelineEvent] = []
        var auth = AuthSettings()
        var trustedKeys: [ServiceAccountKeyPair] = []
        var buckets: [String: [S3Object]] = [:]
        if let scenario {
            // A bad file is reported as "Error: FILE: at endpoints.x.status: …", exit 1.
            let loaded = try Scenario.load(path: scenario)
            endpoints = loaded.behaviours
            timeline = loaded.timeline
            auth = loaded.authSettings
            buckets = loaded.buckets
            let folder = URL(fileURLWithPath: scenario).deletingLastPathComponent()
            for path in loaded.auth.serviceAccountKeys {
                let resolved = path.hasPrefix("/") ? path : folder.appendingPathComponent(path).path
                trustedKeys.append(try ServiceAccountKeyPair.load(keyFile: resolved))
            }
        }
        for index in 0..<count where endpoints["\(index)"] == nil {
            endpoints["\(index)"] = EndpointBehaviour()
        }

        let simulator = Simulator(host: host, port: port, endpoints: endpoints, timeline: timeline, auth: auth, buckets: buckets, logger: logger)
        for key in trustedKeys { simulator.trust(key) }
        _ = try await simulator.start()
        if let serviceAccountKey {
            let key: ServiceAccountKeyPair
            if FileManager.default.fileExists(atPath: serviceAccountKey) {
                key = try ServiceAccountKeyPair.load(keyFile: serviceAccountKey)
            } else {
                key = try ServiceAccountKeyPair.generate()
                try key.writeKeyFile(to: serviceAccountKey, tokenURI: simulator.baseURL + "/token")
                logger.info("wrote a new service-account key to \(serviceAccountKey)")
            }
            simulator.trust(key)
            logger.info("trusting \(key)")
        }
        let timelineNote = timeline.isEmpty ? "" : " with \(timeline.count) timeline event\(timeline.count == 1 ? "" : "s")"
        let bucketNote = buckets.isEmpty ? "" : " and \(buckets.count) S3 bucket\(buckets.count == 1 ? "" : "s") under /_s3/"
        logger.info("serving \(endpoints.count) endpoint\(endpoints.count == 1 ? "" : "s")\(bucketNote)\(timelineNote) on \(simulator.baseURL)")
        print(simulator.baseURL)
        fflush(nil)  // all streams: `stdout` itself is not concurrency-safe to name in Swift 6

        let signal = await TerminationSignal.next()
        logger.info("stopping on \(signal == SIGINT ? "SIGINT" : "SIGTERM")")
        await simulator.stop()
    }
}

/// Waits for SIGINT or SIGTERM, delivered through Dispatch instead of an async-unsafe handler.
enum TerminationSignal {
    static func next() async -> Int32 {
        let (signals, continuation) = AsyncStream<Int32>.makeStream()
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            sources.append(source)
        }
        var received = SIGTERM
        for await number in signals {
            received = number
            break
        }
        for source in sources { source.cancel() }
        return received
    }
}
