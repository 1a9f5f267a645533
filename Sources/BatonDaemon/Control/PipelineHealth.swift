import BatonCore
import Foundation

/// What is wrong with the daemon's own pipeline, in one sentence each: `baton status` shows them
/// on one line, and the outbound heartbeat stops while storage fails.
enum PipelineHealth {
    /// Deliveries failing for longer than this are worth a warning; shorter is a receiver's hiccup.
    static let deliveryGrace: Duration = .seconds(600)

    static func warnings(writer: StateWriter, deliverer: NoticeDeliverer, at now: Date) -> [String] {
        var warnings: [String] = []
        if let failure = writer.failure {
            warnings.append("storage failing since \(WireTime.text(failure.since)): \(failure.message); waiting to be stored: \(writer.backlog.description)")
        }
        for failing in deliverer.failingChannels(longerThan: deliveryGrace, at: now) {
            let lasted = DurationText(seconds: now.timeIntervalSince(failing.since)).compact
            warnings.append("deliveries to channel \(failing.channel) failing for \(lasted): \(failing.error)")
        }
        for channel in deliverer.disabledChannels {
            warnings.append("channel \(channel) is disabled: its webhook answered 410 Gone; fix its url and reload")
        }
        return warnings
    }
}
