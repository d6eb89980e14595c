import ArgumentParser
import FleetformCore
import Foundation
import GameLiftAPI

/// `fleetform rollback`: restore configurations recorded in the journal, planned, confirmed, applied and
/// journaled like any apply.
struct Rollback: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Restore the runtime configurations an apply overwrote, from the journal.",
        discussion: """
            Without --run or --fleet, undoes the latest apply run. --run ID undoes that run (a rollback run \
            too: that redoes what it undid); --fleet ID restores each fleet's most recently overwritten \
            configuration. Each fleet is re-read first: a fleet already at its previous configuration is \
            unchanged; a fleet whose live configuration is no longer the one the run applied was changed \
            since, and is refused unless --force. The rollback is shown, confirmed (on a terminal; without one \
            --auto-approve is required), applied and journaled with cause "rollback", so it can be undone too.
            Exit codes: 0 success, 1 error, refused or failed fleets, 3 some fleets held, \
            4 (with --watch) failure events after the rollback.

            Examples:
              fleetform rollback
              fleetform rollback --run run-20261124T093000Z-1a2b3c4d --auto-approve
              fleetform rollback --fleet fleet-2f1c3a9e-1b2c-4d5e-8f90-123456789abc --watch 5m
              fleetform rollback --journal ci/.fleetform/journal.jsonl --local --auto-approve
            """)

    @Option(help: "Undo this run (from the journal); default: the latest apply run.")
    var run: String?

    @Option(
        name: .customLong("fleet"), parsing: .upToNextOption,
        help: "Restore these fleets' most recently overwritten configurations.")
    var fleetIds: [String] = []

    @Option(help: "The journal of overwritten configurations.")
    var journal: String = Journal.defaultPath

    @Flag(help: "Restore even fleets whose live configuration changed since the run being undone.")
    var force = false

    @Flag(help: "Roll back without asking.")
    var autoApprove = false

    @Option(help: "After the rollback, watch the fleets' events this long (e.g. 5m); exit 4 on failure events.")
    var watch: String?

    @Option(help: "Fleets read and updated at once.")
    var parallelism: Int = 8

    @OptionGroup var gameLift: GameLiftOptions
    @OptionGroup var color: ColorOptions

    func validate() throws {
        guard run == nil || fleetIds.isEmpty else { throw ValidationError("give --run or --fleet, not both") }
        for id in fleetIds where FleetIdentifier(id) == nil {
            throw ValidationError("--fleet '\(id)' is neither a fleet id (fleet-…) nor a fleet ARN")
        }
        if let watch { try Verification.validateDuration(watch) }
        guard parallelism >= 1 else { throw ValidationError("--parallelism must be at least 1") }
    }

    func run() async throws {
        try await gameLift.withConnection(noColor: color.noColor, execute)
    }

    private func execute(_ connection: Connection, _ console: Console) async -> ExitStatus {
        let selection: RollbackSelection = fleetIds.isEmpty ? .run(run) : .fleets(fleetIds)
        let planner = RollbackPlanner(reader: FleetReader(gameLift: connection.gameLift, parallelism: parallelism))
        let rollback: RollbackPlan
        do {
            rollback = try await planner.plan(journalPath: journal, selection: selection, force: force)
        } catch {
            console.err(console.errorStyle.red("error: ") + "\(error)")
            return .error
        }
        console.out(RollbackTextRenderer(style: console.style).render(rollback))
        if rollback.plan.hasChanges && !autoApprove {
            guard console.stdinIsTerminal else {
                console.err(
                    console.errorStyle.red("error: ")
                        + "refusing to roll back without confirmation: standard input is not a terminal. Pass --auto-approve."
                )
                return .error
            }
            guard console.confirm("Roll back these fleets?") else {
                console.err("Rollback cancelled; nothing was changed.")
                return .error
            }
        }
        let report = await Verification.applyRollback(
            rollback, journal: journal, parallelism: parallelism, connection: connection, console: console)
        var watched: WatchReport?
        if let watch, let seconds = DurationText.seconds(watch) {
            watched = await Verification.watch(
                report, seconds: seconds, parallelism: parallelism, connection: connection, console: console)
        }
        let status = ExitStatus.forApply(report, watch: watched)
        // A refused fleet was not restored: that is an error, unless failure events (4) say more.
        return !rollback.refusals.isEmpty && status != .failureEvents ? .error : status
    }
}
