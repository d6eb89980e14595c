import ArgumentParser

/// `fleetform-bench`: reproducible performance measurements. Each benchmark is a subcommand in its own file;
/// add one (e.g. `plan`, `apply`) by writing its command type and listing it in `subcommands`.
@main
struct FleetformBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleetform-bench",
        abstract: "Generate synthetic fleet files and measure fleetform's performance on them.",
        discussion: "Build in release mode for meaningful numbers: swift build -c release --product fleetform-bench",
        subcommands: [
            Generate.self, ValidateBenchmark.self, PlanApplyBenchmark.self, ServeEmulator.self,
        ]
    )
}
