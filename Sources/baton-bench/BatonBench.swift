import ArgumentParser

/// `baton-bench`: measurements the benchmark scripts run (never timed in unit tests).
@main
struct BatonBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baton-bench",
        abstract: "Baton's own measurements, for the scripts in bench/.",
        subcommands: [StoreGrowth.self, JudgeCost.self],
        defaultSubcommand: StoreGrowth.self
    )
}
