import ArgumentParser
import FleetSpec
import FleetformCore
import Foundation

struct Apply: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Plan and apply: update each changed fleet's runtime configuration.",
        discussion: """
            With PATHs, plans first and asks for confirmation on a terminal (without one, --auto-approve is \
            required). With --auto-approve there is nobody to ask, so it streams: each fleet is read once and, \
            if it changed, updated at once. With --plan FILE, applies a saved plan exactly, refusing any fleet \
            whose live configuration changed since the plan. Every overwritten configuration is journaled first.
            With --watch DURATION, reads each updated fleet's events from its update on and reports those \
            that show the new configuration failing (exit 4); --rollback-on-failure then restores the failing \
            fleets' previous configurations from the journal (the exit code stays 4). Failures the fleet \
            already logged at a similar rate before the update are reported as such and never count; \
            capacity events (no instances, Spot interruptions) never count.
            Exit codes: 0 success, 1 error or failed fleets, 3 some fleets held, 4 failure events after the update.

            Examples:
              fleetform apply fleets/
              fleetform apply fleets/ --auto-approve --hold-timeout 10m
              fleetform apply --plan plan.json
              fleetform apply fleets/ --auto-approve --watch 10m --rollback-on-failure
              fleetform apply fleets/ --wave fleets/prod/canary.yaml --wave region:eu-west-1 --bake 15m \
                --rollback-on-failure --auto-approve
              fleetform apply examples/fleets --local --local-seed examples/local/seed.json --auto-approve
            """)

    @Argument(help: "Fleet files, or folders searched for *.yaml and *.yml.")
    var paths: [String] = []

    @Option(help: "Apply this saved plan (from `plan --out`) instead of planning.")
    var plan: String?

    @Flag(help: "Apply without asking.")
    var autoApprove = false

    @Flag(help: "Stop starting new fleets after the first failure.")
    var failFast = false

    @Option(
        help: DurationArgument.help(
            "Wait this long (90s, 10m; default 0) for a held fleet's status to allow the update."),
        transform: DurationArgument.nonNegative)
    var holdTimeout: Double = 0

    @Option(help: "The journal of overwritten configurations.")
    var journal: String = Journal.defaultPath

    @Option(
        help: DurationArgument.help("After applying, watch each updated fleet's events this long; exit 4 on failures."),
        transform: DurationArgument.positive)
    var watch: Double?

    @Flag(help: "With --watch: restore the previous configuration of fleets that log failure events.")
    var rollbackOnFailure = false

    @Flag(help: "With --watch: count SERVER_PROCESS_* event codes this version does not know as failures.")
    var strictWatch = false

    @Option(
        name: .customLong("wave"),
        help: ArgumentHelp(
            "Roll out in waves: a fleet file or folder, a fleet id or ARN, region:NAME, or a count or percentage "
                + "(1, 10%) of the changed fleets (repeatable); the rest form a last wave.", valueName: "selector"))
    var waves: [String] = []

    @Option(
        help: DurationArgument.help(
            "With --wave (or a saved plan with waves): watch each wave this long, then the next."),
        transform: DurationArgument.positive)
    var bake: Double?

    @Flag(help: "With waves: a wave with held fleets lets the next start.")
    var continueOnHold = false

    @Option(help: "Output format of the report: text or json.")
    var format: ReportFormat = .text

    @OptionGroup var fleets: FleetOptions
    @OptionGroup var settings: SettingsOptions
    @OptionGroup var overrides: OverrideOptions
    @OptionGroup var gameLift: GameLiftOptions
    @OptionGroup var color: ColorOptions

    enum ReportFormat: String, ExpressibleByArgument, Sendable { case text, json }

    func validate() throws {
        guard (plan == nil) != paths.isEmpty else {
            throw ValidationError("give either fleet PATHs or --plan FILE, not both and not neither")
        }
        guard !strictWatch || watch != nil || bake != nil else {
            throw ValidationError("--strict-watch needs --watch or --bake: it changes what the watch counts")
        }
        if !waves.isEmpty {
            guard plan == nil else { throw ValidationError("--wave plans the waves; a saved plan brings its own") }
            guard bake != nil else {
                throw ValidationError("--wave needs --bake DURATION: each wave is watched that long")
            }
            guard watch == nil else { throw ValidationError("with --wave, --bake is the watch: drop --watch") }
        } else if bake != nil, plan == nil {
            throw ValidationError("--bake goes with --wave (or a saved plan with waves)")
        }
        guard !continueOnHold || !waves.isEmpty || plan != nil else {
            throw ValidationError("--continue-on-hold goes with --wave")
        }
        guard !rollbackOnFailure || watch != nil || bake != nil else {
            throw ValidationError("--rollback-on-failure needs --watch DURATION: failures are found by watching")
        }
    }

    func run() async throws {
        let console = Console(noColor: color.noColor)
        // Fleet files (or the saved plan) are read and validated before connecting: nothing is sent while
        // any has an error.
        let source: ApplyWorkflow.Source
        let repository: RepositorySettings?
        if let plan {
            let saved = try console.require { try PlanFile.load(from: plan, names: Words.names) }
            // A saved plan's fleets are governed by the settings above the files they were planned from.
            repository = try settings.settings(
                for: Array(Set(saved.fleets.map(\.source.path))).sorted(), console: console)
            let named = Set(saved.fleets.compactMap(\.environment)).sorted()
            if !named.isEmpty, repository == nil {
                throw console.fail(
                    "\(plan) puts fleets in environments of fleetform.yaml (\(named.joined(separator: ", "))), and there "
                        + "is no fleetform.yaml above their files: name it with --config FILE")
            }
            let problems =
                (repository?.diagnostics ?? [])
                + SavedPlanEnvironments.problems(saved, settings: repository, path: plan)
            if problems.hasErrors {
                console.observer().notice(.diagnostics(problems, fileCount: 1))
                throw ExitCode(ExitStatus.error.rawValue)
            }
            source = .savedPlan(saved)
        } else {
            repository = try settings.settings(for: paths, console: console)
            source = .files(try fleets.load(paths, gameLift: gameLift, console: console, settings: repository))
        }
        let policy = try overrides.policy(repository, console: console)
        let selectors = try console.selectors(waves, flag: "--wave") { text throws(SelectorError) in
            try WaveSelector.parse(text)
        }
        if case .savedPlan(let saved) = source, saved.waves != nil, bake == nil {
            console.observer().notice(.failed("\(plan ?? "the plan") has waves: give --bake DURATION to roll it out"))
            throw ExitCode(ExitStatus.error.rawValue)
        }
        let routes =
            switch source {
            case .files(let input): input.routes
            case .savedPlan(let saved): saved.routes
            }
        try await gameLift.withConnections(console, settings: repository, fleets: routes, quiet: format == .json) {
            _, context in
            if let bakeSeconds = bake {
                let rollout = RolloutWorkflow(
                    context: context,
                    options: RolloutWorkflow.Options(
                        waves: selectors, bakeSeconds: bakeSeconds, continueOnHold: continueOnHold,
                        apply: options(console, policy: policy)))
                let result: RolloutWorkflow.Result
                switch source {
                case .files(let input): result = await rollout.run(input)
                case .savedPlan(let saved): result = await rollout.roll(saved, waves: saved.waves ?? [])
                }
                if format == .json { console.out(try ReportJSON.string(result.jsonDocument)) }
                return result.status
            }
            let workflow = ApplyWorkflow(context: context, options: options(console, policy: policy))
            let result = await workflow.run(source)
            if format == .json, let document = result.jsonDocument { console.out(try ReportJSON.string(document)) }
            return result.status
        }
    }

    private func options(_ console: Console, policy: RunPolicy?) -> ApplyWorkflow.Options {
        var options = ApplyWorkflow.Options(
            parallelism: fleets.parallelism, failFast: failFast, holdTimeout: holdTimeout,
            journalPath: journal, watchSeconds: watch,
            rollbackOnFailure: rollbackOnFailure, approval: console.approval(autoApprove: autoApprove))
        options.strictWatch = strictWatch
        options.policy = policy
        // Text prints each fleet as it finishes and the counts at the end: no report to keep.
        options.reportsOutcomes = format == .json
        return options
    }
}
