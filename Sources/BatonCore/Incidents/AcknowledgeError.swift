/// Why an acknowledgement was refused.
public enum AcknowledgeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No incident has this id.
    case unknown(Int)
    /// The incident is over: nothing left to stop.
    case resolved(Int)
    /// Somebody was faster; escalation already stopped.
    case alreadyAcknowledged(Int, by: String)

    public var description: String {
        switch self {
        case .unknown(let id): "no incident #\(id)"
        case .resolved(let id): "incident #\(id) is already resolved"
        case .alreadyAcknowledged(let id, let user): "incident #\(id) was already acknowledged by \(user)"
        }
    }
}
