import ArgumentParser
import FleetformCore
import Foundation

/// `fleetform import FLEET… | --all`: write fleet files from live fleets, to adopt fleets fleetform does not
/// manage yet.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write fleet files from live fleets, to adopt existing fleets.",
        discussion: """
            Reads each fleet's attributes and runtime configuration and writes one file per fleet, \
            OUT/<fleet-id>.yaml, with every live value written out: planning the files reports no changes. \
            Existing files are never overwritten without --force. Never writes to GameLift.
            Exit codes: 0 every fleet imported, 1 any fleet could not be imported or a file exists.

            Examples:
              fleetform import fleet-2f1c3a9e-1b2c-4d5e-8f90-123456789abc
              fleetform import "$FLEET_ARN" --out fleets/prod
              fleetform import --all --region us-west-2 --out fleets/us-west-2
              fleetform import --all --local --local-seed examples/local/seed.json
            """)

    @Argument(help: "Fleet ids or fleet ARNs to import.")
    var fleetIds: [String] = []

    @Flag(help: "Import every fleet of the region (ListFleets, every page).")
    var all = false

    @Option(help: ArgumentHelp("Folder to write the fleet files to.", valueName: "dir"))
    var out: String = "fleets"

    @Flag(help: "Overwrite fleet files that already exist.")
    var force = false

    @Option(
        name: .customLong("target"),
        help: ArgumentHelp(
            "Import only these fleets: a fleet id or ARN, or region:NAME (repeatable).", valueName: "selector"))
    var targets: [String] = []

    @OptionGroup var concurrency: ParallelismOption

    @OptionGroup var gameLift: GameLiftOptions
    @OptionGroup var color: ColorOptions

    func validate() throws {
        guard all != !fleetIds.isEmpty else {
            throw ValidationError("give either FLEET ids/ARNs or --all, not both and not neither")
        }
        do {
            _ = try selectors()
        } catch {
            throw ValidationError(Words.sentence(for: error, flag: "--target"))
        }
    }

    /// The `--target` values: fleet ids, ARNs or `region:NAME` (an import has no files to name).
    private func selectors() throws(SelectorError) -> [FleetSelector] {
        try targets.map { text throws(SelectorError) in try FleetSelector.parseWithoutFiles(text) }
    }

    func run() async throws {
        let console = Console(noColor: color.noColor)
        try await gameLift.withConnection(console) { connection in
            let fleets: ImportWorkflow.Fleets
            if all {
                guard let region = gameLift.region ?? connection.defaultRegion else {
                    throw console.fail("--all needs a region: pass --region or set AWS_REGION")
                }
                fleets = .all(region: region)
            } else {
                fleets = .named(
                    try console.require {
                        try FleetImporter.keys(
                            for: fleetIds, explicitRegion: gameLift.region, defaultRegion: connection.defaultRegion)
                    })
            }
            var options = ImportWorkflow.Options(
                fleets: fleets, directory: out, force: force, parallelism: concurrency.parallelism)
            options.targets = try selectors()
            return await ImportWorkflow(context: connection.context(console), options: options).run().status
        }
    }
}
