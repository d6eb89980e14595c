import ArgumentParser
import FleetSpec
import FleetformCore

/// Options naming the fleet files' context.
struct FleetOptions: ParsableArguments {
    @Option(
        name: .customLong("build-manifest"),
        help: "A build's file list (a folder or a text file): launch paths must be in it.")
    var buildManifest: String?

    @Option(
        name: .customLong("target"),
        help: ArgumentHelp(
            "Work on these fleets only: a fleet file or folder, a fleet id or ARN, or region:NAME (repeatable). "
                + "Nothing outside them is read or written.", valueName: "selector"))
    var targets: [String] = []

    @OptionGroup var concurrency: ParallelismOption

    var parallelism: Int { concurrency.parallelism }

    /// Loads and validates the fleet files before anything touches the network; on any error prints the
    /// diagnostics and exits 1.
    func load(
        _ paths: [String], gameLift: GameLiftOptions, console: Console, settings: RepositorySettings? = nil
    ) throws -> FleetInput {
        let defaultRegion = try gameLift.defaultRegion()
        let selectors = try console.selectors(targets, flag: "--target") { text throws(SelectorError) in
            try FleetSelector.parse(text)
        }
        let input: FleetInput
        do {
            input = try FleetInput.load(
                paths: paths, buildManifest: buildManifest, defaultRegion: defaultRegion, settings: settings,
                names: Words.names)
        } catch {
            let event: WorkflowEvent =
                if case .invalidFiles(let fleets) = error {
                    .diagnostics(fleets.diagnostics, fileCount: fleets.fileCount)
                } else {
                    .failed(error.description)
                }
            console.observer().notice(event)
            throw ExitCode(ExitStatus.error.rawValue)
        }
        do throws(SelectorError) {
            return try input.targeting(selectors)
        } catch {
            throw console.fail(Words.sentence(for: error, flag: "--target"))
        }
    }
}
