/// A FIFO of job ids waiting for a free transfer slot; amortised O(1) at both ends.
struct JobQueue {
    private var storage: [UInt64] = []
    private var head = 0

    var isEmpty: Bool { head == storage.count }

    mutating func append(_ id: UInt64) {
        storage.append(id)
    }

    mutating func popFirst() -> UInt64? {
        guard head < storage.count else { return nil }
        let id = storage[head]
        head += 1
        if head == storage.count {
            storage.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024 && head * 2 >= storage.count {
            storage.removeFirst(head)
            head = 0
        }
        return id
    }

    mutating func removeAll() {
        storage.removeAll()
        head = 0
    }
}
