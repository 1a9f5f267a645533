import BatonCore
@testable import BatonDaemon
import BatonStore
import Foundation
import Logging
import Synchronization
import TestSupport
import Testing

/// The state writer: one writer, in the order things were recorded, that never drops a batch.
struct StateWriterTests {
    static let at = Date(timeIntervalSince1970: 1_796_000_000)

    static func transition(_ reason: String, _ id: String = "crm-leads") -> StateBatch {
        var batch = StateBatch()
        batch.transitions = [TransitionRecord(integrationID: id, at: at, from: .healthy, to: .down, reason: .text(reason))]
        return batch
    }

    static func folder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("baton-writer-\(UUID().uuidString)").path
    }

    /// Runs the writer's service loop while `body` runs, then stops it (its last write included).
    static func running<T>(_ writer: StateWriter, _ body: () async throws -> T) async rethrows -> T {
        let loop = Task { try await writer.run() }
        defer { loop.cancel() }
        return try await body()
    }

    /// Batches recorded from many tasks at once are committed in the order their sequence numbers
    /// say they were recorded: the stored transitions never go backwards.
    @Test func concurrentRecordsAreStoredInRecordedOrder() async throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try StateStore(directory: folder)
        let writer = StateWriter(store: store, logger: Logger(label: "test"))
        let sequences = SequenceLog()
        try await Self.running(writer) {
            await withTaskGroup(of: Void.self) { group in
                for task in 0..<8 {
                    group.addTask {
                        for index in 0..<60 {
                            let reason = "t\(task)-\(index)"
                            let sequence = writer.record(Self.transition(reason))
                            sequences.map.withLock { $0[reason] = sequence }
                            if index % 7 == 0 { await Task.yield() }
                        }
                    }
                }
            }
            #expect(await writer.sync(timeout: .seconds(10)))
            let stored = try await store.transitions(from: Self.at, to: Self.at.addingTimeInterval(1))
            #expect(stored.count == 480)
            let order = sequences.map.withLock { map in stored.compactMap { map[$0.reason.compact] } }
            #expect(order == order.sorted(), "stored out of recorded order")
        }
    }

    /// While another process holds the database's write lock, writes fail: the writer reports the
    /// failure, keeps every transition and notice queued in order, thins old probe rows to stay
    /// bounded, answers `sync` with false; when the lock is released everything is stored.
    @Test func aLockedDatabaseIsRetriedAndNothingIsLost() async throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try StateStore(path: folder + ".db", busyTimeout: 0.02)
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: folder + ".db" + suffix) } }
        let writer = StateWriter(store: store, logger: Logger(label: "test"), probeRowLimit: 50, maxBackoff: .milliseconds(50))
        try await Self.running(writer) {
            let lock = try WriteLock(database: folder + ".db")
            var probes = StateBatch()
            for seq in 1...200 {
                probes.probes.append(ProbeRecord(
                    integrationID: "probe-\(seq % 4)", seq: Int64(seq), at: Self.at, level: .pass, httpStatus: 200, latencyMs: 1,
                    reason: .text("HTTP 200"), errorKind: nil
                ))
            }
            writer.record(probes)
            for index in 0..<30 { writer.record(Self.transition("while-locked-\(index)")) }
            #expect(await writer.sync(timeout: .milliseconds(300)) == false)
            let failing = await eventually { writer.failure != nil }
            #expect(failing)
            #expect(writer.failure?.message.contains("locked") == true, "\(String(describing: writer.failure))")
            let backlog = writer.backlog
            #expect(backlog.transitions == 30)
            #expect(backlog.probes == 4, "thinned to the newest probe of each integration: \(backlog)")

            lock.release()
            #expect(await writer.sync(timeout: .seconds(10)))
            #expect(writer.failure == nil)
            let stored = try await store.transitions(from: Self.at, to: Self.at.addingTimeInterval(1))
            #expect(stored.map(\.reason.compact) == (0..<30).map { "while-locked-\($0)" })
            #expect(try await store.recentProbes(of: "probe-0").map(\.seq) == [200])
        }
    }

    /// The deliverer is told as soon as a write stored new notices, and only then: a notice is due
    /// at once, and must not wait for the deliverer's next poll.
    @Test func aWriteThatStoredNoticesTellsItsListeners() async throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try StateStore(directory: folder)
        let writer = StateWriter(store: store, logger: Logger(label: "test"))
        let told = Mutex(0)
        writer.onNoticesStored { told.withLock { $0 += 1 } }

        writer.record(Self.transition("no notice"))
        await writer.writeQueued()
        #expect(told.withLock { $0 } == 0)

        var batch = Self.transition("with a notice")
        batch.notices = [Notice(key: "msg_7_1_hook", kind: .opened, channelID: "hook", incidentID: 7, createdAt: Self.at, content: NoticeContent(
            headline: "Lead sync is down: HTTP 503", integrationID: "crm-leads", integrationName: "Lead sync", tools: [],
            owner: TeamRef(id: "mops", name: "Marketing Operations"), accountable: nil, state: "down", reason: .text("HTTP 503"), since: Self.at,
            incidentID: 7, step: 1, steps: 1, acknowledgeCommand: nil, acknowledgedBy: nil, note: nil, durationSeconds: nil, blocks: [],
            slaTarget: nil, link: nil
        ))]
        writer.record(batch)
        #expect(told.withLock { $0 } == 0, "told only once the notice is stored")
        await writer.writeQueued()
        #expect(told.withLock { $0 } == 1)
        #expect(try await store.dueNotices(at: Self.at).map(\.channelID) == ["hook"], "stored before the listener was told")
    }

    /// Incident ids are never used twice, even when the newest incidents were pruned.
    @Test func incidentIDsSurvivePruning() async throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try StateStore(directory: folder)
        var batch = StateBatch()
        batch.incidents[41] = Incident(id: 41, integrationID: "crm-leads", policyID: nil, status: .resolved, openedAt: Self.at,
                                       openingState: .down, openingReason: .text("HTTP 503"), resolvedAt: Self.at.addingTimeInterval(60))
        try await store.write(batch)
        #expect(try await store.nextIncidentID() == 42)
        try await store.prune(before: Self.at.addingTimeInterval(86_400))
        #expect(try await store.rowCounts()["incident"] == 0)
        #expect(try await store.nextIncidentID() == 42)
    }
}

/// Which sequence number each recorded reason got.
final class SequenceLog: Sendable {
    let map = Mutex<[String: UInt64]>([:])
}

/// Another process holding a SQLite database's write lock (`BEGIN IMMEDIATE`) until released.
final class WriteLock {
    private let process: SpawnedProcess

    init(database: String) throws {
        process = try SpawnCommand("/usr/bin/python3", ["-c", """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute('BEGIN IMMEDIATE')
            print('locked', flush=True)
            sys.stdin.read()
            """, database], standardInput: .pipe, standardOutput: .pipe).spawn()
        // Returns once the lock is held: the first line says so.
        _ = try process.standardOutput?.read()
    }

    /// Ends the holder (closing its stdin) and waits for it: the lock is free when this returns.
    func release() {
        process.standardInput?.close()
        process.waitUntilExit()
    }

    deinit {
        process.signal(SIGKILL)
    }
}
