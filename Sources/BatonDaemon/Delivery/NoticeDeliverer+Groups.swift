import BatonCore
import BatonHTTP
import BatonNotices
import BatonStore
import Foundation

/// Grouped notices (`group_wait`): notices for one channel that become due within the channel's
/// `group_wait` of each other go out as one message. A group is stored (members, "and N more")
/// before it is sent, so a retry, or a new leader after a failover, sends the very same message
/// under the same `webhook-id`.
extension NoticeDeliverer {
    /// What one send carries.
    enum Unit {
        /// One notice, as it always went.
        case single(DueNotice)
        /// A stored group, sent (again).
        case group(key: String, channelID: String, ids: [Int64])
        /// Notices to form a group from, then send.
        case form(channelID: String, ids: [Int64])

        var channelID: String {
            switch self {
            case .single(let notice): notice.channelID
            case .group(_, let channelID, _), .form(let channelID, _): channelID
            }
        }

        var ids: [Int64] {
            switch self {
            case .single(let notice): [notice.id]
            case .group(_, _, let ids), .form(_, let ids): ids
            }
        }
    }

    /// The sends to start now, per channel in the order their notices came due. A channel with a
    /// `group_wait` holds its ungrouped notices until that long after the first of them was seen.
    func units(from due: [DueNotice], config: Config, now: Date) -> [Unit] {
        var order: [String] = []
        var byChannel: [String: [DueNotice]] = [:]
        for item in due {
            if byChannel[item.channelID] == nil { order.append(item.channelID) }
            byChannel[item.channelID, default: []].append(item)
        }
        var units: [Unit] = []
        for channelID in order {
            let items = byChannel[channelID] ?? []
            var groups: [String] = []
            for item in items {
                if let key = item.groupKey, !groups.contains(key) { groups.append(key) }
            }
            for key in groups {
                units.append(.group(key: key, channelID: channelID, ids: items.filter { $0.groupKey == key }.map(\.id)))
            }
            let loose = items.filter { $0.groupKey == nil }
            let wait = config.channel(channelID)?.groupWait ?? .zero
            guard !loose.isEmpty, wait > .zero else {
                units += loose.map(Unit.single)
                state.withLock { _ = $0.windowOpened.removeValue(forKey: channelID) }
                continue
            }
            let opened = state.withLock { state in
                if let opened = state.windowOpened[channelID] { return opened }
                state.windowOpened[channelID] = now
                return now
            }
            guard now.timeIntervalSince(opened) >= wait.seconds else { continue }
            units.append(loose.count == 1 ? .single(loose[0]) : .form(channelID: channelID, ids: loose.map(\.id)))
            // Notices left out of this message have waited their window: the next one may go at once.
            state.withLock { $0.windowOpened[channelID] = now.addingTimeInterval(-wait.seconds) }
        }
        return units
    }

    /// Forms a group from due notices (as many as one message of the channel's type holds),
    /// stores it, then sends it.
    func formAndDeliver(_ ids: [Int64], channelID: String, to channel: Channel?, config: Config) async {
        guard let listed = try? await store.notices(ids) else { return }
        let now = monitor.clock()
        let maxAge = channel?.maxAge.seconds ?? .infinity
        // Too old to send, or a test: each goes its own way (a dead letter, or alone).
        for stored in listed where stored.status == .pending && (!stored.notice.groupable || now.timeIntervalSince(stored.notice.createdAt) > maxAge) {
            await deliver(stored, to: channel, config: config)
        }
        let pending = listed.filter { $0.status == .pending && $0.notice.groupable && now.timeIntervalSince($0.notice.createdAt) <= maxAge }
        guard let channel, pending.count > 1, let renderer = try? NoticeRenderers.renderer(for: channel) else {
            // One left, or no way to render a group: as single notices.
            for stored in pending { await deliver(stored, to: channel, config: config) }
            return
        }
        let fits = max(1, min(renderer.fitting(pending.map(\.notice), more: 0, link: config.statusPageLink), pending.count))
        let members = Array(pending.prefix(fits))
        guard members.count > 1 else {
            await deliver(members[0], to: channel, config: config)
            return
        }
        let key = "grp_" + members[0].notice.key
        var batch = StateBatch()
        batch.deliveries = [.grouped(key: key, channelID: channel.id, noticeIDs: members.map(\.id), more: pending.count - fits, at: monitor.clock())]
        // Sent only once stored: a retry or a new leader must send this very message, or none.
        guard await writer.waitUntilStored(writer.record(batch), timeout: .seconds(3)) else { return }
        await deliver(StoredGroup(key: key, channelID: channel.id, more: pending.count - fits, members: members), to: channel, config: config)
    }

    /// Sends a stored group as one message; its outcome is every member's.
    func deliver(_ group: StoredGroup, to channel: Channel?, config: Config) async {
        let attempts = (group.members.map(\.attempts).max() ?? 0) + 1
        let label = "group \(group.key) (\(group.members.count) notices) to \(group.channelID)"
        let now = monitor.clock()
        guard let channel else {
            record(group.members, .dead(reason: "channel \(group.channelID) is no longer in the config"), attempts: attempts, channel: nil, label: label)
            return
        }
        if state.withLock({ $0.disabled[channel.id] }) == ChannelFingerprint.of(channel) {
            record(group.members, .dead(reason: "channel \(channel.id) is disabled: its webhook answered 410 Gone"), attempts: attempts, channel: channel, label: label)
            return
        }
        let request: HTTPRequest
        do {
            let message = NoticeGroup(key: group.key, notices: group.members.map(\.notice), more: group.more, link: config.statusPageLink)
            request = try DeliveryRequest.make(message, for: channel, at: now, timeout: timeout)
        } catch {
            record(group.members, .dead(reason: "cannot render for \(channel.type.rawValue): \(error)"), attempts: attempts, channel: channel, label: label)
            return
        }
        guard leadership.isLeading else {
            record(group.members, .abandoned, attempts: attempts, channel: channel, label: label)
            return
        }
        let result = await engine.perform(request)
        record(group.members, DeliveryPolicy.outcome(of: result, attempts: attempts, now: monitor.clock()), attempts: attempts, channel: channel, label: label)
    }
}

extension Notice {
    /// Test notices go alone (the operator waits for that one answer), and so do digests (they are long).
    var groupable: Bool { kind != .test && kind != .digest }
}
