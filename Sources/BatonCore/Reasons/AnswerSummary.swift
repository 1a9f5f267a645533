/// A passing answer in one line: `HTTP 200 in 12ms`, `HTTP 200 in 12ms, last_sync 4m old`;
/// for a file drop, the file: `leads_20261201.csv is 12 KiB, 3h old`.
public struct AnswerSummary: Sendable, Hashable, Codable {
    public var status: Int
    public var latencyMilliseconds: Int64
    /// The data's age, when the check reads a freshness timestamp.
    public var data: DataAge?
    /// File drops: the file judged, named instead of an HTTP status. Absent (and not stored) for HTTP checks.
    public var file: FileSummary?

    public init(status: Int, latency: Duration, data: DataAge? = nil, file: FileSummary? = nil) {
        self.status = status
        self.latencyMilliseconds = latency.milliseconds
        self.data = data
        self.file = file
    }

    public var latency: Duration { .milliseconds(latencyMilliseconds) }

    public var compact: String {
        if let file { return file.compact(data: data) }
        // One string grown in place: this is the reason of every healthy line of `baton status`.
        var text = "HTTP "
        text.reserveCapacity(data == nil ? 24 : 48)
        text += String(status)
        text += " in "
        text += latency.compact
        if let data {
            text += ", "
            data.appendCompact(to: &text)
        }
        return text
    }
}

/// The file a passing file-drop probe judged: `leads_20261201.csv is 12 KiB`.
public struct FileSummary: Sendable, Hashable, Codable {
    public var name: String
    /// The size, when the server said it.
    public var bytes: Int?

    public init(name: String, bytes: Int?) {
        self.name = name
        self.bytes = bytes
    }

    /// `leads.csv is 12 KiB, 3h old`, `leads.csv found, 3h old`, `leads.csv is 12 KiB`.
    public func compact(data: DataAge?) -> String {
        let found = name + (bytes.map { " is \(ByteCount.symbol($0))" } ?? " found")
        guard let data else { return found }
        // The age is the file's own: its name is already said.
        return found + ", " + (data.label == name ? "\(data.age.compact) old" : data.compact)
    }
}

/// How old the data an answer carried is: `last_sync 4m old`.
public struct DataAge: Sendable, Hashable, Codable {
    /// What the age was read from: `last_sync`, `Last-Modified`, a file name.
    public var label: String
    /// Whole seconds.
    public var seconds: Int64

    public init(label: String, seconds: Int64) {
        self.label = label
        self.seconds = seconds
    }

    public var age: DurationText { DurationText.age(seconds: Double(seconds)) }

    public var compact: String {
        var text = ""
        appendCompact(to: &text)
        return text
    }

    /// Appends ``compact`` to `text`.
    func appendCompact(to text: inout String) {
        text += label
        text += " "
        text += age.compact
        text += " old"
    }
}
