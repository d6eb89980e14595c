import Foundation
import GameLiftAPI
import GameLiftSimulation

/// The embedded local GameLift (`--local`): the simulation over a state file.
public enum LocalBackend {
    public static let defaultStatePath = ".fleetform/local/gamelift.json"

    struct Opened {
        var gameLift: any GameLift
        var identity: any IdentityProviding
        var defaultRegion: String?
        /// The simulation itself, whose other accounts environments act as.
        var simulation: GameLiftSimulation
    }

    static func open(
        statePath: String, seedPath: String?, faultsPath: String?, defaultRegion: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Opened {
        let faults = try faultsPath.map(FaultPlan.load(path:)) ?? .none
        let simulation = try GameLiftSimulation.open(stateFile: statePath, seedFile: seedPath, faults: faults)
        let settings = ConnectionSettings(region: defaultRegion, environment: environment)
        return Opened(
            gameLift: simulation, identity: simulation, defaultRegion: settings.regionWithoutFiles,
            simulation: simulation)
    }
}
