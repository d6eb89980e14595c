import FleetSpec
import ArgumentParser
import FleetformCore

struct Plan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what apply would change: read each fleet's live runtime configuration and diff it.",
        discussion: """
            Never writes to GameLift. Exit codes: 0 no changes (or, without --detailed-exitcode, success), \
            1 error, 2 changes pending (with --detailed-exitcode).

            Examples:
              fleetform plan fleets/
              fleetform plan fleets/ --out plan.json --format markdown > plan.md
              fleetform plan fleets/ --detailed-exitcode     # nightly drift check
              fleetform plan fleets/ --strict --min-process-memory 1GiB   # impact warnings fail the job
              fleetform plan examples/fleets --local --local-seed examples/local/seed.json
            """)

    @Argument(help: "Fleet files, or folders searched for *.yaml and *.yml.")
    var paths: [String]

    @Option(help: "Output format: text, json or markdown.")
    var format: PlanFormat = .text

    @Option(help: "Save the plan to this file (JSON), for `apply --plan`.")
    var out: String?

    @Flag(help: "Exit 2 when there are changes, 0 when there are none.")
    var detailedExitcode = false

    @Flag(help: "Treat warnings as errors: file warnings stop the plan; impact warnings (FF5xx) make it exit 1.")
    var strict = false

    @Option(
        help: ArgumentHelp(
            "Warn (FF502) when a change leaves each server process less memory than this (512MiB, 1GiB).",
            valueName: "size"))
    var minProcessMemory: MemorySize?

    @Option(
        help: ArgumentHelp(
            "Warn (FF503) when a change runs more server processes per instance than this many per vCPU; 0 turns "
                + "the check off.", valueName: "n"))
    var maxProcessesPerVcpu = 1

    @Option(
        name: .customLong("wave"),
        help: ArgumentHelp(
            "Plan a rollout in waves, saved with --out for `apply --plan --bake` (see `apply --wave`).",
            valueName: "selector"))
    var waves: [String] = []

    @OptionGroup var fleets: FleetOptions
    @OptionGroup var settings: SettingsOptions
    @OptionGroup var overrides: OverrideOptions
    @OptionGroup var gameLift: GameLiftOptions
    @OptionGroup var color: ColorOptions

    func validate() throws {
        guard maxProcessesPerVcpu >= 0 else {
            throw ValidationError("--max-processes-per-vcpu must be 0 (no check) or more, not \(maxProcessesPerVcpu)")
        }
    }

    func run() async throws {
        let console = Console(noColor: color.noColor)
        let repository = try settings.settings(for: paths, console: console)
        let policy = try overrides.policy(repository, console: console)
        let input = try fleets.load(paths, gameLift: gameLift, console: console, settings: repository)
        let selectors = try console.selectors(waves, flag: "--wave") { text throws(SelectorError) in
            try WaveSelector.parse(text)
        }
        try await gameLift.withConnections(console, settings: repository, fleets: input.routes) { connection, context in
            let impact = ImpactOptions(
                minProcessMemory: minProcessMemory,
                maxProcessesPerVCPU: maxProcessesPerVcpu > 0 ? maxProcessesPerVcpu : nil, names: Words.names)
            var options = PlanWorkflow.Options(
                parallelism: fleets.parallelism, detailedExitCode: detailedExitcode, savePath: out, impact: impact,
                strict: strict)
            options.waves = selectors
            options.policy = policy
            let result = await PlanWorkflow(context: context, options: options).run(input)
            try connection.requireReachable()
            if let plan = result.plan { console.out(try format.render(plan, style: console.style, names: Words.names)) }
            return result.status
        }
    }
}
