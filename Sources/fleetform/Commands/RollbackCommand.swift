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

    @Option(
        help: DurationArgument.help(
            "After the rollback, watch the fleets' events this long (e.g. 5m); exit 4 on failures."),
        transform: DurationArgument.positive)
    var watch: Double?

    @OptionGroup var concurrency: ParallelismOption

    @OptionGroup var settings: SettingsOptions
    @OptionGroup var gameLift: GameLiftOptions
    @OptionGroup var color: ColorOptions

    func validate() throws {
        guard run == nil || fleetIds.isEmpty else { throw ValidationError("give --run or --fleet, not both") }
        for id in fleetIds where FleetIdentifier(id) == nil {
            throw ValidationError("--fleet '\(id)' is neither a fleet id (fleet-…) nor a fleet ARN")
        }
    }

    func run() async throws {
        let console = Console(noColor: color.noColor)
        // Each fleet is restored through the environment the apply journaled it in (fleetform.yaml, found above the
        // working directory or named with --config), as that apply reached it.
        let entries = (try? Journal.read(path: journal)) ?? []
        var environments: [String: String?] = [:]
        for entry in entries where entry.kind == .intent { environments[entry.fleetId] = entry.environment }
        let routes = environments.map { (fleetId: $0.key, environment: $0.value) }
        let named = Set(routes.compactMap(\.environment)).sorted()
        let repository = named.isEmpty ? nil : try settings.settings(for: ["."], console: console)
        if !named.isEmpty, repository == nil {
            throw console.fail(
                "the journal puts fleets in environments of fleetform.yaml (\(named.joined(separator: ", "))), and "
                    + "there is no fleetform.yaml here or above: name it with --config FILE")
        }
        if let problems = repository?.diagnostics, problems.hasErrors {
            console.observer().notice(.diagnostics(problems, fileCount: 1))
            throw ExitCode(ExitStatus.error.rawValue)
        }
        try await gameLift.withConnections(console, settings: repository, fleets: routes) { _, context in
            let options = RollbackWorkflow.Options(
                selection: fleetIds.isEmpty ? .run(run) : .fleets(fleetIds), force: force, journalPath: journal,
                parallelism: concurrency.parallelism, approval: console.approval(autoApprove: autoApprove),
                watchSeconds: watch)
            return await RollbackWorkflow(context: context, options: options).run().status
        }
    }
}
