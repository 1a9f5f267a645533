import BatonCore

/// Turns a ``Notice`` into the request body one kind of chat webhook accepts.
///
/// Renderers are pure: no I/O, no clock. The deliverer calls ``render(_:attemptTimestamp:)``
/// once per delivery attempt and posts the result to the channel's URL, which a renderer
/// never sees.
public protocol NoticeRenderer: Sendable {
    /// The body and headers for one delivery attempt of `notice`.
    ///
    /// - Parameters:
    ///   - notice: What to say; its ``Notice/key`` is sent as `webhook-id` on every attempt.
    ///   - attemptTimestamp: Unix seconds of this attempt; signed webhooks send and sign it.
    func render(_ notice: Notice, attemptTimestamp: Int) throws(RenderError) -> RenderedMessage
}
