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

    /// Loads and validates the fleet files, reads the live fleets and plans. Prints every diagnostic to
    /// standard error; returns `nil` when any is an error (nothing was sent then).
    func plan(paths: [String], options: FleetOptions, console: Console) async -> PlanDocument? {
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
        let progress = Progress("Reading fleets", total: fleets.documents.count, console: console)
        let planner = LivePlanner(
            reader: FleetReader(
                gameLift: gameLift, parallelism: options.parallelism, onFleetRead: { progress.advance() }),
            buildManifest: manifest)
        let result = await planner.plan(fleets)
        progress.finish()
        if !result.diagnostics.isEmpty {
            console.err(
                DiagnosticRenderer(format: .text, style: console.errorStyle)
                    .render(result.diagnostics, fileCount: fleets.fileCount))
        }
        return result.plan
    }
}
