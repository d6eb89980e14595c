import FleetSpec
import FleetformCore
import Foundation
import GameLiftAPI

/// A ready-to-use GameLift (local simulation or AWS), wrapped in the resilience layer, plus what commands
/// need around it: the default region and a clean shutdown.
struct Connection: Sendable {
    let gameLift: ResilientGameLift
    let defaultRegion: String?
    let shutdown: @Sendable () async -> Void

    func close() async { await shutdown() }

    /// Reads the live fleets the (already validated) files name and plans them. Prints every diagnostic to
    /// standard error, including those that need the live fleet; returns `nil` when any is an error.
    func plan(_ input: FleetInput, options: FleetOptions, console: Console) async -> PlanDocument? {
        let progress = Progress("Reading fleets", total: input.fleets.documents.count, console: console)
        let planner = LivePlanner(
            reader: FleetReader(
                gameLift: gameLift, parallelism: options.parallelism, onFleetRead: { progress.advance() }),
            buildManifest: input.manifest)
        let result = await planner.plan(input.fleets)
        progress.finish()
        if !result.diagnostics.isEmpty {
            console.err(
                DiagnosticRenderer(format: .text, style: console.errorStyle)
                    .render(result.diagnostics, fileCount: input.fleets.fileCount))
        }
        return result.plan
    }
}

/// Fleet files loaded and validated before anything touches the network: while any file has an error,
/// no request is sent — not to GameLift, and not to a credential endpoint either.
struct FleetInput: Sendable {
    let fleets: FleetSet
    let manifest: BuildManifest?

    /// Loads and validates the files; when any has an error, prints the diagnostics and returns `nil`.
    static func load(paths: [String], options: FleetOptions, defaultRegion: String?, console: Console) -> FleetInput? {
        var manifest: BuildManifest?
        if let path = options.buildManifest {
            do {
                manifest = try BuildManifest(contentsOf: path)
            } catch {
                console.err(console.errorStyle.red("error: ") + "build manifest \(path): \(error)")
                return nil
            }
        }
        let fleets = FleetLoader.load(paths: paths, options: LoadOptions(defaultRegion: defaultRegion))
        guard !fleets.diagnostics.hasErrors else {
            console.err(
                DiagnosticRenderer(format: .text, style: console.errorStyle)
                    .render(fleets.diagnostics, fileCount: fleets.fileCount))
            return nil
        }
        return FleetInput(fleets: fleets, manifest: manifest)
    }
}
