/// The monitored integrations by id, each in its own box: a snapshot shares the boxes, and an
/// entry changed after it is copied alone.
///
/// A dictionary of the entries themselves (about 520 bytes each) was copied whole, 8 MB at 10,000
/// integrations, by the first probe recorded after every `baton status` or `/metrics` snapshot,
/// under the monitor's lock, and both copies then stayed in memory. Here the first change after a
/// snapshot copies the dictionary's references (about 24 bytes an entry) and the one entry changed.
struct MonitoredEntries: Sendable {
    /// One entry. Changed only while uniquely referenced (see ``inPlace(_:_:)``); once a snapshot
    /// holds it too, it is never changed again, so sharing it between threads is safe.
    ///
    /// The entry sits behind a pointer so that a reader borrows it where it is (`pointee` is
    /// addressed, not copied): read through a class's `var`, every status line copied all of its
    /// entry's fields and released them again.
    private final class Box: @unchecked Sendable {
        let entry: UnsafeMutablePointer<MonitoredIntegration>

        init(_ value: MonitoredIntegration) {
            entry = .allocate(capacity: 1)
            entry.initialize(to: value)
        }

        deinit {
            entry.deinitialize(count: 1)
            entry.deallocate()
        }
    }

    private var boxes: [String: Box] = [:]

    init(minimumCapacity: Int = 0) {
        boxes.reserveCapacity(minimumCapacity)
    }

    var count: Int { boxes.count }

    subscript(id: String) -> MonitoredIntegration? {
        get { boxes[id]?.entry.pointee }
        set { boxes[id] = newValue.map(Box.init) }
    }

    /// Runs `body` on the entry for `id` where it is, without copying it out; `nil` when there is none.
    func withEntry<R, Failure: Error>(_ id: String, _ body: (MonitoredIntegration) throws(Failure) -> R) throws(Failure) -> R? {
        guard let box = boxes[id] else { return nil }
        return try body(box.entry.pointee)
    }

    /// Every entry, in no particular order.
    var values: some Sequence<MonitoredIntegration> {
        boxes.values.lazy.map(\.entry.pointee)
    }

    /// Runs `body` on the entry for `id` in place, copying it first if a snapshot shares it;
    /// `nil` when there is no such entry.
    mutating func inPlace<R>(_ id: String, _ body: (inout MonitoredIntegration) -> R) -> R? {
        guard let index = boxes.index(forKey: id) else { return nil }
        if !isKnownUniquelyReferenced(&boxes.values[index]) {
            boxes.values[index] = Box(boxes.values[index].entry.pointee)
        }
        return body(&boxes.values[index].entry.pointee)
    }
}
