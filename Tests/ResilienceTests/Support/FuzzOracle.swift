import FleetSpec
import Foundation
import GameLiftAPI
import GameLiftSimulation

/// What every fuzz input must satisfy, and how many inputs each format gets: FLEETFORM_FUZZ_COUNT (default
/// 2,000 per format in `swift test`; `scripts/fuzz.sh` runs the large version).
enum FuzzOracle {
    static var count: Int {
        ProcessInfo.processInfo.environment["FLEETFORM_FUZZ_COUNT"].flatMap(Int.init) ?? 2_000
    }

    /// A problem report is usable when it names the file it was given and a place in it.
    static func isLocated(_ diagnostic: Diagnostic, in path: String) -> Bool {
        guard let at = diagnostic.location, at.path == path, at.line >= 1, at.column >= 1 else { return false }
        return !diagnostic.message.isEmpty && DiagnosticCatalogue.entry(for: diagnostic.code) != nil
    }

    /// Sends an accepted configuration to the simulation, which applies GameLift's own rules: whatever
    /// fleetform's checks accept, GameLift must not refuse as an invalid request. Other refusals (an unknown
    /// fleet, a region with no such fleet) are fine. Returns a failure message, or nil.
    static func crossCheck(
        _ simulation: GameLiftSimulation, fleetIdOrArn: String, region: String, _ configuration: RuntimeConfiguration
    ) async -> String? {
        let request = UpdateRuntimeConfigurationInput(fleetId: fleetIdOrArn, runtimeConfiguration: configuration)
        do {
            _ = try await simulation.send(request, region: region)
        } catch let error as GameLiftServiceError where error.code == .invalidRequest {
            return "accepted by fleetform but refused by GameLift's rules: \(error.message)"
        } catch {}
        return nil
    }

    /// A fresh in-memory simulation of the corpus fleets (recreated now and then, so event logs stay small).
    static func simulation() -> GameLiftSimulation { GameLiftSimulation(state: FuzzCorpus.state) }

    /// The fleet of the corpus whose operating system matches the launch paths, for the cross-check.
    static func fleet(for configuration: RuntimeConfiguration) -> String {
        let first = configuration.serverProcesses?.first?.launchPath ?? ""
        return first.hasPrefix(GameLiftLimits.linuxLaunchPathRoot) ? FuzzCorpus.linuxFleet : FuzzCorpus.windowsFleet
    }
}
