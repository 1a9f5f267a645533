import BatonAPI
import BatonCore
import BatonHTTP
import Foundation

/// `baton notify test CHANNEL`: one notice, sent now, not stored, answered with what the receiver said.
extension NoticeDeliverer {
    func sendTest(to channelID: String) async -> ChannelTestResult? {
        let config = monitor.config
        guard let channel = config.channel(channelID) else { return nil }
        let now = monitor.clock()
        let host = ProcessInfo.processInfo.hostName
        let notice = Notice(
            key: "msg_test_\(Int(now.timeIntervalSince1970 * 1000))_\(channel.id)",
            kind: .test,
            channelID: channel.id,
            incidentID: nil,
            createdAt: now,
            content: NoticeContent(
                headline: "Test notice from Baton on \(host): channel \(channel.id) works",
                integrationID: "", integrationName: "Baton test notice", tools: [],
                owner: TeamRef(id: "", name: ""), accountable: nil, state: "healthy",
                reason: .text("a test sent with `baton notify test \(channel.id)`"), since: now, incidentID: nil, step: nil, steps: nil,
                acknowledgeCommand: nil, acknowledgedBy: nil, note: nil, durationSeconds: nil, blocks: [], slaTarget: nil,
                link: config.statusPageLink
            )
        )
        let request: HTTPRequest
        do {
            request = try DeliveryRequest.make(notice, for: channel, at: now, timeout: timeout)
        } catch {
            return ChannelTestResult(channel: channel.id, type: channel.type.rawValue, delivered: false, httpStatus: nil, answer: "cannot render: \(error)")
        }
        switch await engine.perform(request) {
        case .success(let response):
            let delivered = (200..<300).contains(response.status)
            logger.info("test notice to \(channel.id): HTTP \(response.status)")
            return ChannelTestResult(
                channel: channel.id, type: channel.type.rawValue, delivered: delivered, httpStatus: response.status,
                answer: DeliveryPolicy.answer(response.status, response.body)
            )
        case .failure(let error):
            logger.warning("test notice to \(channel.id) failed: \(error.message)")
            return ChannelTestResult(channel: channel.id, type: channel.type.rawValue, delivered: false, httpStatus: nil, answer: error.message)
        }
    }
}
