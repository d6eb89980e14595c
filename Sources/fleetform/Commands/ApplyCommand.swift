import ArgumentParser
import FleetSpec
import FleetformCore
import Foundation

struct Apply: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Plan and apply: update each changed fleet's runtime configuration.",
        discussion: """
            With PATHs, plans first and asks for confirmation on a terminal (without one, --auto-approve is \
            required). With --plan FILE, applies a saved plan exactly, refusing any fleet whose live \
            configuration changed since the plan. Every overwritten configuration is journaled first.
            With --watch DURATION, reads each updated fleet's events from its update on and reports those \
            that show the new configuration failing (exit 4); --rollback-on-failure then restores the failing \
            fleets' previous configurations from the journal (the exit code stays 4).
            Exit codes: 0 success, 1 error or failed fleets, 3 some fleets held, 4 failure events after the update.

            Examples:
              fleetform apply fleets/
              fleetform apply fleets/ --auto-approve --hold-timeout 10m
              fleetform apply --plan plan.json
              fleetform apply fleets/ --auto-approve --watch 10m --rollback-on-failure
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

    @Option(help: "Wait this long (e.g. 90s, 10m) for a held fleet's status to allow the update.")
    var holdTimeout: String = "0"

    @Option(help: "The journal of overwritten configurations.")
    var journal: String = Journal.defaultPath

    @Option(help: "After applying, watch each updated fleet's events this long (e.g. 5m); exit 4 on failure events.")
    var watch: String?

    @Flag(help: "With --watch: restore the previous configuration of fleets that log failure events.")
    var rollbackOnFailure = false

    @Option(help: "Output format of the report: text or json.")
    var format: ReportFormat = .text

    @OptionGroup var fleets: FleetOptions
    @OptionGroup var gameLift: GameLiftOptions
    @OptionGroup var color: ColorOptions

    enum ReportFormat: String, ExpressibleByArgument, Sendable { case text, json }

    func validate() throws {
        guard (plan == nil) != paths.isEmpty else {
            throw ValidationError("give either fleet PATHs or --plan FILE, not both and not neither")
        }
        guard DurationText.seconds(holdTimeout) != nil else {
            throw ValidationError("--hold-timeout '\(holdTimeout)' is not a duration (e.g. 90s, 10m, 1h)")
        }
        if let watch { try Verification.validateDuration(watch) }
        guard !rollbackOnFailure || watch != nil else {
            throw ValidationError("--rollback-on-failure needs --watch DURATION: failures are found by watching")
        }
    }

    func run() async throws {
        // Fleet files and saved plans are validated before connecting: nothing is sent while any has an error.
        var input: FleetInput?
        var saved: PlanDocument?
        if let plan {
            do {
                saved = try PlanFile.load(from: plan)
            } catch {
                let console = Console(noColor: color.noColor)
                console.err(console.errorStyle.red("error: ") + "\(error)")
                throw ExitCode(ExitStatus.error.rawValue)
            }
        } else {
            let console = Console(noColor: color.noColor)
            input = FleetInput.load(
                paths: paths, options: fleets, defaultRegion: try gameLift.defaultRegion(), console: console)
            guard input != nil else { throw ExitCode(ExitStatus.error.rawValue) }
        }
        try await gameLift.withConnection(noColor: color.noColor) { connection, console in
            await execute(connection, console, input, saved)
        }
    }

    private func execute(
        _ connection: Connection, _ console: Console, _ input: FleetInput?, _ saved: PlanDocument?
    ) async -> ExitStatus {
        let planned: PlanDocument
        if let saved {
            planned = saved
        } else {
            guard let input, let fresh = await connection.plan(input, options: fleets, console: console) else {
                return .error
            }
            planned = fresh
            // With --format json, standard output carries only the report; the plan goes to standard error.
            if format == .json {
                console.err(PlanTextRenderer(style: console.errorStyle).render(planned))
            } else {
                console.out(PlanTextRenderer(style: console.style).render(planned))
            }
            if planned.hasChanges && !autoApprove {
                guard console.stdinIsTerminal else {
                    console.err(
                        console.errorStyle.red("error: ")
                            + "refusing to apply without confirmation: standard input is not a terminal. "
                            + "Pass --auto-approve, or save a plan with `plan --out` and `apply --plan` it.")
                    return .error
                }
                guard console.confirm("Apply these changes?") else {
                    console.err("Apply cancelled; nothing was changed.")
                    return .error
                }
            }
        }
        let renderer = ApplyTextRenderer(style: console.style)
        let runId = RunID.make()
        let progress = Progress("Applying", total: planned.fleets.count, console: console)
        let applier = Applier(
            gameLift: connection.gameLift, journal: Journal(path: journal),
            options: ApplyOptions(
                parallelism: fleets.parallelism, failFast: failFast,
                holdTimeout: DurationText.seconds(holdTimeout) ?? 0, runId: runId),
            onOutcome: { outcome in
                if format == .text, let line = renderer.line(outcome) { progress.printAbove(line, using: console.out) }
                progress.advance()
            })
        let report = await applier.apply(planned)
        progress.finish()
        if format == .text { console.out(renderer.summary(report)) }
        guard let watch, let seconds = DurationText.seconds(watch) else {
            if format == .json, let data = try? ReportJSON.encoder().encode(report) {
                console.out(String(decoding: data, as: UTF8.self))
            }
            return ExitStatus.forApply(report)
        }
        let quiet = format == .json
        let watched = await Verification.watch(
            report, seconds: seconds, parallelism: fleets.parallelism, connection: connection, console: console,
            quiet: quiet)
        var rollback: (plan: RollbackPlan, report: ApplyReport)?
        if rollbackOnFailure, let watched {
            rollback = await Verification.rollBackFailures(
                watched, run: runId, journal: journal, parallelism: fleets.parallelism, connection: connection,
                console: console, quiet: quiet)
        }
        if !quiet, let watched, watched.hasFailures {
            let restored = rollback?.report.summary.updated ?? 0
            console.err(
                "Failure events were seen after the update (exit 4)"
                    + (rollbackOnFailure ? "; \(restored) fleet\(restored == 1 ? "" : "s") rolled back." : "."))
        }
        if quiet {
            let verified = VerifiedApplyJSON(apply: report, watch: watched, rollback: rollback?.report)
            if let data = try? ReportJSON.encoder().encode(verified) {
                console.out(String(decoding: data, as: UTF8.self))
            }
        }
        return ExitStatus.forApply(report, watch: watched)
    }
}

/// Identifies one apply or rollback run in the journal: sortable by time, unique enough across machines.
enum RunID {
    static func make(date: Date = Date()) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return "run-\(f.string(from: date))-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
    }
}

/// `apply --watch --format json`: the apply report, the watch report and any rollback, in one document.
struct VerifiedApplyJSON: Encodable {
    var formatVersion = 1
    var apply: ApplyReport
    var watch: WatchReport?
    var rollback: ApplyReport?
}
