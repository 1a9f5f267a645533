/// Why the daemon cannot start, in words for the operator.
public enum DaemonError: Error, CustomStringConvertible {
    case socketInUse(String)
    case stateDirectory(String, any Error)

    public var description: String {
        switch self {
        case .socketInUse(let path): "another batond is already listening on \(path)"
        case .stateDirectory(let path, let error): "cannot open the state database in \(path): \(error)"
        }
    }
}
