import Foundation

/// How much one fuzz target runs, from the environment (scripts/fuzz.sh sets it; the test
/// command does not, so the short run is always the same inputs).
///
/// - `BATON_FUZZ_SEED`: the run's seed, decimal or `0x…`; default a fixed seed per target.
/// - `BATON_FUZZ_SECONDS`: run for this long instead of a fixed number of inputs.
/// - `BATON_FUZZ_INPUTS`: the number of inputs of a run that is not timed.
/// - `BATON_FUZZ_INDEX`: try only this input of the seed (to reproduce a failure).
/// - `BATON_FUZZ_WORK`: a folder for the input being tried (`<target>.current`, so a crash
///   leaves it behind) and the run's figures (`<target>.figures`).
/// - `BATON_FUZZ_SAVE=1`: failing inputs go to `Tests/Fixtures/fuzz/<target>/`, where the short
///   run replays them; otherwise to a temporary folder named in the failure.
public struct FuzzSettings: Sendable, CustomStringConvertible {
    public var seed: UInt64
    /// Inputs to try when the run is not timed.
    public var inputs: Int
    /// A timed run's length; `nil` for a run of ``inputs`` inputs.
    public var seconds: Double?
    /// Only this input, when reproducing one.
    public var onlyIndex: Int?
    public var workFolder: String?
    public var savesFixtures: Bool

    public init(seed: UInt64, inputs: Int, seconds: Double? = nil, onlyIndex: Int? = nil, workFolder: String? = nil, savesFixtures: Bool = false) {
        self.seed = seed
        self.inputs = inputs
        self.seconds = seconds
        self.onlyIndex = onlyIndex
        self.workFolder = workFolder
        self.savesFixtures = savesFixtures
    }

    /// The settings for a target whose short run tries `shortInputs` inputs of `defaultSeed`.
    public static func fromEnvironment(defaultSeed: UInt64, shortInputs: Int) -> FuzzSettings {
        let environment = ProcessInfo.processInfo.environment
        func value(_ name: String) -> String? {
            environment[name].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        var settings = FuzzSettings(seed: defaultSeed, inputs: shortInputs)
        if let text = value("BATON_FUZZ_SEED"), let seed = parseSeed(text) { settings.seed = seed }
        if let text = value("BATON_FUZZ_INPUTS"), let count = Int(text), count >= 0 { settings.inputs = count }
        if let text = value("BATON_FUZZ_SECONDS"), let seconds = Double(text), seconds > 0, seconds.isFinite { settings.seconds = seconds }
        if let text = value("BATON_FUZZ_INDEX"), let index = Int(text), index >= 0 { settings.onlyIndex = index }
        settings.workFolder = value("BATON_FUZZ_WORK")
        settings.savesFixtures = value("BATON_FUZZ_SAVE") == "1"
        return settings
    }

    static func parseSeed(_ text: String) -> UInt64? {
        if text.hasPrefix("0x") || text.hasPrefix("0X") { return UInt64(text.dropFirst(2), radix: 16) }
        return UInt64(text)
    }

    /// Whether this is the short run of the test command (a fixed number of inputs).
    public var isShortRun: Bool { seconds == nil && onlyIndex == nil }

    public var description: String {
        let hex = "0x" + String(seed, radix: 16)
        if let onlyIndex { return "seed \(hex), input \(onlyIndex) only" }
        if let seconds { return "seed \(hex), \(seconds) s" }
        return "seed \(hex), \(inputs) inputs"
    }
}
