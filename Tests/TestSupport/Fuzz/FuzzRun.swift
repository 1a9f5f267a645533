import Foundation
import Testing

/// One generated input: its bytes, the file extension its fixture gets, and how it was made.
public struct FuzzInput: Sendable {
    public var bytes: [UInt8]
    /// What the generator did, for the failure message: `corpus demo.yaml + alias bomb`.
    public var recipe: String
    /// The input may rightly leave the other side waiting for more (a request cut short).
    public var mayStall: Bool

    public init(bytes: [UInt8], recipe: String, mayStall: Bool = false) {
        self.bytes = bytes
        self.recipe = recipe
        self.mayStall = mayStall
    }

    public init(text: String, recipe: String) {
        self.init(bytes: Array(text.utf8), recipe: recipe)
    }
}

/// What trying one input showed.
public enum FuzzVerdict: Sendable, Equatable {
    /// Every property held.
    case passed
    /// A property failed in a way already known and tracked elsewhere (named by the text).
    case known(String)
    /// A property failed: a bug.
    case failed(String)
}

/// Drives one fuzz target: makes each input from the seed and its index, leaves it in the work
/// folder before trying it (so a crash of the whole process still shows which input did it),
/// checks it, saves failing inputs as fixtures, and prints the run's figures.
public struct FuzzRun: Sendable {
    public let target: String
    /// The fixture files' extension.
    public let ext: String
    public let settings: FuzzSettings
    /// A watchdog ends the process when one input runs this long: a hang must not hang CI.
    public var hangLimit: Duration = .seconds(60)
    /// Failures recorded (and saved) at most, so one bug does not bury the rest.
    public var failureLimit = 20

    public init(target: String, ext: String, settings: FuzzSettings) {
        self.target = target
        self.ext = ext
        self.settings = settings
    }

    /// The figures of a run.
    public struct Figures: Sendable {
        public var inputs = 0
        public var failures = 0
        public var known: [String: Int] = [:]
        public var slowest: Duration = .zero
        public var slowestInput = ""
        /// Target-specific figures, in the order they were first set.
        public var extra: [(String, String)] = []

        public init() {}

        public mutating func set(_ name: String, _ value: String) {
            if let index = extra.firstIndex(where: { $0.0 == name }) {
                extra[index].1 = value
            } else {
                extra.append((name, value))
            }
        }

        public mutating func count(_ name: String, by amount: Int = 1) {
            let old = extra.first { $0.0 == name }.flatMap { Int($0.1) } ?? 0
            set(name, String(old + amount))
        }
    }

    /// Runs the target: `generate` makes input `index` from its own generator; `check` tries it
    /// and says how long it took (the cost the run compares, such as CPU time); `shrink`, when
    /// given, makes a failing input smaller before it is saved.
    @discardableResult
    public func run(
        generate: (inout SplitMix64, Int) -> FuzzInput,
        check: (FuzzInput, inout Figures) async -> (FuzzVerdict, Duration),
        shrink: ((FuzzInput, FuzzVerdict) async -> FuzzInput)? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async -> Figures {
        var figures = Figures()
        let watchdog = FuzzWatchdog(target: target, limit: hangLimit, breadcrumb: breadcrumbPath)
        let started = ContinuousClock.now
        var index = settings.onlyIndex ?? 0
        while true {
            if let only = settings.onlyIndex {
                if index > only { break }
            } else if let seconds = settings.seconds {
                if ContinuousClock.now - started >= .seconds(seconds) { break }
            } else if index >= settings.inputs {
                break
            }
            var random = SplitMix64(seed: settings.seed, index: index)
            let input = generate(&random, index)
            leaveBreadcrumb(input)
            watchdog.begin(index)
            let (verdict, cost) = await check(input, &figures)
            watchdog.end()
            figures.inputs += 1
            if cost > figures.slowest {
                figures.slowest = cost
                figures.slowestInput = "input \(index) (\(input.recipe), \(input.bytes.count) bytes)"
            }
            switch verdict {
            case .passed:
                break
            case .known(let what):
                figures.known[what, default: 0] += 1
            case .failed(let why):
                figures.failures += 1
                guard figures.failures <= failureLimit else { break }
                var kept = input
                if settings.savesFixtures, let shrink { kept = await shrink(input, verdict) }
                let path = FuzzFixtures.save(kept.bytes, ext: ext, target: target, settings: settings)
                let message = "fuzz \(target), \(settings.description), input \(index) (\(input.recipe)): \(why)\n"
                    + "saved as \(path); reproduce with BATON_FUZZ_SEED=0x\(String(settings.seed, radix: 16)) BATON_FUZZ_INDEX=\(index)"
                Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
            }
            index += 1
        }
        watchdog.stop()
        clearBreadcrumb()
        for (what, count) in figures.known.sorted(by: { $0.key < $1.key }) {
            withKnownIssue(isIntermittent: true) {
                Issue.record("fuzz \(target): \(count) inputs hit a known issue: \(what)", sourceLocation: sourceLocation)
            }
        }
        report(figures)
        return figures
    }

    // MARK: - The work folder

    private var breadcrumbPath: String? {
        settings.workFolder.map { ($0 as NSString).appendingPathComponent("\(target).current.\(ext)") }
    }

    private func leaveBreadcrumb(_ input: FuzzInput) {
        guard let path = breadcrumbPath else { return }
        try? Data(input.bytes).write(to: URL(fileURLWithPath: path))
    }

    private func clearBreadcrumb() {
        guard let path = breadcrumbPath else { return }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// One line on stdout (`fuzz target=… inputs=…`), and the same in `<target>.figures` for scripts/fuzz.sh.
    private func report(_ figures: Figures) {
        var fields: [(String, String)] = [
            ("target", target), ("seed", "0x" + String(settings.seed, radix: 16)), ("inputs", String(figures.inputs)),
            ("failures", String(figures.failures)),
            ("known", String(figures.known.values.reduce(0, +))),
            ("slowest_ms", String(format: "%.1f", fuzzMilliseconds(figures.slowest))),
        ]
        fields += figures.extra
        let line = "fuzz " + fields.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
        print(line + " slowest_input=\"\(figures.slowestInput)\"")
        guard let folder = settings.workFolder else { return }
        var text = fields.map { "\($0.0)=\($0.1)" }.joined(separator: "\n") + "\nslowest_input=\(figures.slowestInput)\n"
        for (what, count) in figures.known.sorted(by: { $0.key < $1.key }) {
            text += "known=\(count) \(what)\n"
        }
        try? text.write(toFile: (folder as NSString).appendingPathComponent("\(target).figures"), atomically: true, encoding: .utf8)
    }
}

/// Milliseconds as a floating-point number, for figures.
public func fuzzMilliseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1000 + Double(attoseconds) / 1e15
}
