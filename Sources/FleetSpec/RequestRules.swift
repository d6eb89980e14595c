import GameLiftAPI

/// The fleet-file rules (README "Fleet files", docs/fleet-files.md), run on a request that did not come from
/// YAML: the `UpdateRuntimeConfiguration` request of a saved plan or a configuration recorded in the journal.
/// Both are untrusted files, so they get exactly the checks a fleet file gets, with each problem located by
/// the JSON pointer of the value (`/fleets/2/request/RuntimeConfiguration/ServerProcesses/0/LaunchPath`).
public enum RequestRules {
    /// Problems with sending `configuration` to the fleet `fleetIdOrArn` in `region`. `pointer` is where the
    /// request sits in `path` (a JSON pointer) and `line` the file's line (JSON Lines files).
    ///
    /// - Parameters:
    ///   - configurationPointer: the pointer of the `RuntimeConfiguration` object.
    ///   - fleetIdPointer: the pointer of the fleet id or ARN.
    ///   - regionPointer: the pointer of the region.
    ///   - operatingSystem: the fleet's, when known: launch paths must then be for that system.
    public static func check(
        fleetIdOrArn: String, region: String, configuration: RuntimeConfiguration,
        operatingSystem: OperatingSystem? = nil, path: String, line: Int = 1, fleetIdPointer: String,
        regionPointer: String, configurationPointer: String
    ) -> [Diagnostic] {
        func at(_ pointer: String) -> SourceLocation { SourceLocation(path: path, line: line, pointer: pointer) }
        let processesPointer = configurationPointer + "/ServerProcesses"
        var draft = FleetDraft(location: at(fleetIdPointer))
        draft.fleetIdOrArn = Located(value: fleetIdOrArn, location: at(fleetIdPointer))
        draft.region = Located(value: region, location: at(regionPointer))
        draft.runtimeConfigurationLocation = at(configurationPointer)
        if let processes = configuration.serverProcesses {
            draft.serverProcessesLocation = at(processesPointer)
            draft.serverProcesses = processes.enumerated().map { index, process in
                let entry = "\(processesPointer)/\(index)"
                return ServerProcessDraft(
                    location: at(entry),
                    launchPath: Located(value: process.launchPath, location: at(entry + "/LaunchPath")),
                    parameters: process.parameters.map { Located(value: $0, location: at(entry + "/Parameters")) },
                    concurrentExecutions: Located(
                        value: process.concurrentExecutions, location: at(entry + "/ConcurrentExecutions")))
            }
        } else {
            // GameLift needs the list in every update: a request without it is refused, as a file without it is.
            draft.serverProcessesLocation = at(processesPointer)
            draft.serverProcesses = []
        }
        draft.maxConcurrentGameSessionActivations = configuration.maxConcurrentGameSessionActivations.map {
            Located(value: $0, location: at(configurationPointer + "/MaxConcurrentGameSessionActivations"))
        }
        draft.gameSessionActivationTimeoutSeconds = configuration.gameSessionActivationTimeoutSeconds.map {
            Located(value: $0, location: at(configurationPointer + "/GameSessionActivationTimeoutSeconds"))
        }
        // The request names its region, so no message needs to name a region option.
        let (document, found) = FleetRules.check(draft, defaultRegion: nil, names: .swiftAPI)
        var diagnostics = found
        if let document, operatingSystem != nil {
            diagnostics += LiveFleetRules.checkAgainstFleet(
                document, operatingSystem: operatingSystem, buildManifest: nil)
        }
        return diagnostics
    }
}
