/// A passing answer in one line: `HTTP 200 in 12ms`, `HTTP 200 in 12ms, last_sync 4m old`.
public struct AnswerSummary: Sendable, Hashable, Codable {
    public var status: Int
    public var latencyMilliseconds: Int64
    /// The data's age, when the check reads a freshness timestamp.
    public var data: DataAge?

    public init(status: Int, latency: Duration, data: DataAge? = nil) {
        self.status = status
        self.latencyMilliseconds = latency.milliseconds
        self.data = data
    }

    public var latency: Duration { .milliseconds(latencyMilliseconds) }

    public var compact: String {
        "HTTP \(status) in \(latency.compact)" + (data.map { ", " + $0.compact } ?? "")
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

    public var compact: String { "\(label) \(age.compact) old" }
}
