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

    @Option(help: "Fleets read at once.")
    var parallelism: Int = 8

    @OptionGroup var gameLift: GameLiftOptions
    @OptionGroup var color: ColorOptions

    func validate() throws {
        guard all != !fleetIds.isEmpty else {
            throw ValidationError("give either FLEET ids/ARNs or --all, not both and not neither")
        }
        guard parallelism >= 1 else { throw ValidationError("--parallelism must be at least 1") }
    }

    func run() async throws {
        try await gameLift.withConnection(noColor: color.noColor, execute)
    }

    private func execute(_ connection: Connection, _ console: Console) async -> ExitStatus {
        let red = console.errorStyle.red("error: ")
        let region = gameLift.region ?? connection.defaultRegion
        let keys: [FleetKey]
        do {
            if all {
                guard let region else {
                    console.err(red + "--all needs a region: pass --region or set AWS_REGION")
                    return .error
                }
                keys = try await FleetImporter(reader: FleetReader(gameLift: connection.gameLift)).listFleets(
                    region: region)
            } else {
                keys = try FleetImporter.keys(for: fleetIds, explicitRegion: gameLift.region, defaultRegion: region)
            }
        } catch {
            console.err(red + "\(error)")
            return .error
        }
        let progress = Progress("Reading fleets", total: keys.count, console: console)
        let importer = FleetImporter(
            reader: FleetReader(
                gameLift: connection.gameLift, parallelism: parallelism, onFleetRead: { progress.advance() }))
        let writer = FleetFileWriter(schemaReference: ImportedFiles.schemaReference(forFilesIn: out))
        let results = await importer.read(keys, writer: writer)
        progress.finish()
        return write(results, console)
    }

    private func write(_ results: [ImportResult], _ console: Console) -> ExitStatus {
        let red = console.errorStyle.red("error: ")
        let files = results.compactMap { r in
            r.text.map { (path: (out as NSString).appendingPathComponent(r.fileName), text: $0) }
        }
        let existing = ImportedFiles.existing(files.map(\.path))
        if !force && !existing.isEmpty {
            console.err(
                red + "refusing to overwrite existing files (pass --force to replace them); nothing was written:\n"
                    + existing.map { "  \($0)" }.joined(separator: "\n"))
            return .error
        }
        do {
            try ImportedFiles.write(files)
        } catch {
            console.err(red + "\(error)")
            return .error
        }
        for result in results {
            if let skipped = result.skipped {
                console.err(console.errorStyle.yellow("note: ") + "\(result.key): skipped, \(skipped)")
            } else if let failure = result.failure {
                console.err(red + "\(result.key): \(failure)")
            } else {
                for warning in result.warnings {
                    console.err(
                        console.errorStyle.yellow("warning: ") + "\(result.key): [\(warning.code)] \(warning.message)")
                }
                console.out("Wrote \((out as NSString).appendingPathComponent(result.fileName)) for \(result.key).")
            }
        }
        let failed = results.count { $0.failure != nil }
        let skipped = results.count { $0.skipped != nil }
        console.out(
            "Import: \(files.count) written, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped." : "."))
        if !files.isEmpty { console.out(CoexistenceHint.text) }
        return failed > 0 ? .error : .success
    }
}
