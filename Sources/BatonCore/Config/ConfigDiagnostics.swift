/// Collects every config error found while reading, so one run reports them all.
///
/// A reference type because the readers for each section, the merge and the validation
/// all add to the same list; it lives only for one load and never crosses threads.
final class ConfigDiagnostics {
    private(set) var errors: [ConfigError] = []

    var isEmpty: Bool { errors.isEmpty }

    func report(_ message: String, at location: SourceLocation?) {
        errors.append(ConfigError(message, at: location))
    }

    func report(_ message: String, file: String) {
        errors.append(ConfigError(message, file: file))
    }

    /// The errors in file order (as given in `files`, others after by name), then line and column.
    ///
    /// Exact duplicates are dropped: an alias used twice would otherwise repeat the same error.
    func sorted(fileOrder files: [String]) -> [ConfigError] {
        var rank: [String: Int] = [:]
        for (index, file) in files.enumerated() where rank[file] == nil {
            rank[file] = index
        }
        var seen = Set<String>()
        let unique = errors.filter { seen.insert($0.description).inserted }
        let keyed = unique.enumerated().map { offset, error in
            (error: error, offset: offset)
        }
        return keyed.sorted { lhs, rhs in
            let left = lhs.error, right = rhs.error
            let leftFile = left.file ?? "", rightFile = right.file ?? ""
            if leftFile != rightFile {
                let leftRank = rank[leftFile] ?? Int.max, rightRank = rank[rightFile] ?? Int.max
                return leftRank != rightRank ? leftRank < rightRank : leftFile < rightFile
            }
            let leftLine = left.location?.line ?? 0, rightLine = right.location?.line ?? 0
            if leftLine != rightLine { return leftLine < rightLine }
            let leftColumn = left.location?.column ?? 0, rightColumn = right.location?.column ?? 0
            if leftColumn != rightColumn { return leftColumn < rightColumn }
            return lhs.offset < rhs.offset
        }.map(\.error)
    }
}
