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

    /// How many of `notices`, from the front, one grouped message of this type can list.
    ///
    /// Counted with the "and N more" line the message then ends with (N is `more` plus the
    /// notices left out) and with the status page link. At least 1 when `notices` is not
    /// empty, at most 50 (a longer message is read by nobody: the status page lists the rest).
    /// Pure: the same arguments always give the same count. `webhook` channels send every
    /// event whole and ignore `more` and `link`.
    ///
    /// - Parameters:
    ///   - notices: Due notices for one channel, oldest first.
    ///   - more: Further due notices not offered here.
    ///   - link: The status page, as ``NoticeGroup/link``.
    func fitting(_ notices: [Notice], more: Int, link: String?) -> Int

    /// The body and headers for one delivery attempt of `group`: one message listing each notice.
    ///
    /// The body depends only on `group` (a retry sends the same bytes); `webhook-id` is the
    /// group's key. A group larger than ``fitting(_:more:link:)`` allows lists what fits and
    /// counts the rest in "and N more"; a `webhook` group always carries every event.
    ///
    /// - Throws: ``RenderError`` with code ``RenderError/Code/emptyGroup`` when the group lists no notice.
    func render(_ group: NoticeGroup, attemptTimestamp: Int) throws(RenderError) -> RenderedMessage
}
