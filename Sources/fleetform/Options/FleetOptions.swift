import ArgumentParser
import FleetformCore

/// Options naming the fleet files' context.
struct FleetOptions: ParsableArguments {
    @Option(
        name: .customLong("build-manifest"),
        help: "A build's file list (a folder or a text file): launch paths must be in it.")
    var buildManifest: String?

    @OptionGroup var concurrency: ParallelismOption

    var parallelism: Int { concurrency.parallelism }

    /// Loads and validates the fleet files before anything touches the network; on any error prints the
    /// diagnostics and exits 1.
    func load(_ paths: [String], gameLift: GameLiftOptions, console: Console) throws -> FleetInput {
        let defaultRegion = try gameLift.defaultRegion()
        do {
            return try FleetInput.load(paths: paths, buildManifest: buildManifest, defaultRegion: defaultRegion)
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
    }
}
