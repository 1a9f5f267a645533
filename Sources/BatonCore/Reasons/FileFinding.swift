/// A file drop (`sftp://`, `ftp://`, `s3://`): whether the file is there and big enough.
///
/// A file's age is a ``FreshnessFinding`` labelled with the file's name:
/// `leads_20261201.csv 26h old (error after 25h)`.
public enum FileFinding: Sendable, Hashable, Codable {
    /// `leads_20261201.csv is 12 KiB`: there, and at least `min_size`.
    case found(name: String, bytes: Int)
    /// `leads_20261201.csv is missing`.
    case missing(name: String)
    /// `no file matches leads_*.csv`.
    case noMatch(pattern: String)
    /// `leads_20261201.csv is 0 B (min 1 KiB)`.
    case tooSmall(name: String, bytes: Int, minimumBytes: Int)

    public var compact: String {
        switch self {
        case .found(let name, let bytes): "\(name) is \(ByteCount.symbol(bytes))"
        case .missing(let name): "\(name) is missing"
        case .noMatch(let pattern): "no file matches \(pattern)"
        case .tooSmall(let name, let bytes, let minimum): "\(name) is \(ByteCount.symbol(bytes)) (min \(ByteCount.symbol(minimum)))"
        }
    }
}
