import BatonCore
import BatonHTTP
import BatonNotices
import Foundation

/// A rendered notice as the HTTP request that delivers it.
enum DeliveryRequest {
    /// The receiver's answer is read only to report it, but a larger one must not fail a delivery
    /// that succeeded (it would be sent again): receivers answer in bytes, 1 MiB is far beyond.
    static let answerCap = 1 << 20

    static func make(_ notice: Notice, for channel: Channel, at time: Date, timeout: Duration) throws -> HTTPRequest {
        let renderer = try NoticeRenderers.renderer(for: channel)
        return request(try renderer.render(notice, attemptTimestamp: Int(time.timeIntervalSince1970)), for: channel, timeout: timeout)
    }

    /// Several notices as one message.
    static func make(_ group: NoticeGroup, for channel: Channel, at time: Date, timeout: Duration) throws -> HTTPRequest {
        let renderer = try NoticeRenderers.renderer(for: channel)
        return request(try renderer.render(group, attemptTimestamp: Int(time.timeIntervalSince1970)), for: channel, timeout: timeout)
    }

    private static func request(_ message: RenderedMessage, for channel: Channel, timeout: Duration) -> HTTPRequest {
        var headers = [HTTPRequest.Header(name: "Content-Type", value: message.contentType)]
        headers += message.headers.map { HTTPRequest.Header(name: $0.name, value: $0.value) }
        return HTTPRequest(
            url: channel.url.revealed,
            method: "POST",
            headers: headers,
            body: message.body,
            timeout: timeout,
            maxBodyBytes: answerCap,
            // A 3xx from a webhook is a failure, never followed: the notice would go somewhere unconfigured.
            followRedirects: false,
            captureHeaders: ["retry-after"]
        )
    }
}
