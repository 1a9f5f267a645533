/// Why the daemon cannot start, in words for the operator.
public enum DaemonError: Error, CustomStringConvertible {
    case socketInUse(String)
    case stateDirectory(String, any Error)
    /// The state database exists but cannot be used; it is left untouched.
    case database(String)

    public var description: String {
        switch self {
        case .socketInUse(let path): "another batond is already listening on \(path)"
        case .stateDirectory(let path, let error): "cannot open the state database in \(path): \(error)"
        case .database(let message): message
        }
    }
}
