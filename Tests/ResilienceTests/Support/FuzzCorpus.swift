import FleetSpec
import FleetformCore
import Foundation
import GameLiftAPI
import GameLiftSimulation

/// The well-formed inputs the structure-aware fuzzers start from: a saved plan, a journal, and one request
/// body per emulator operation, all naming the fleets of `state`.
enum FuzzCorpus {
    static let linuxFleet = "fleet-2f1c3a9e-1b2c-4d5e-8f90-123456789abc"
    static let windowsFleet = "fleet-e1a6c9f3-0000-4000-8000-000000000002"
    static let region = "us-west-2"

    static let linuxConfiguration = RuntimeConfiguration(
        serverProcesses: [
            ServerProcess(launchPath: "/local/game/bin/ArenaServer", parameters: "-port 7777", concurrentExecutions: 8),
            ServerProcess(launchPath: "/local/game/bin/ArenaServer", parameters: "-port 7778", concurrentExecutions: 4),
        ], maxConcurrentGameSessionActivations: 4, gameSessionActivationTimeoutSeconds: 300)
    static let windowsConfiguration = RuntimeConfiguration(
        serverProcesses: [ServerProcess(launchPath: #"C:\game\Server.exe"#, concurrentExecutions: 2)])

    /// Two fleets, one Linux and one Windows, each with a live configuration the plan changes.
    static var state: SimulationState {
        var live = linuxConfiguration
        live.serverProcesses?[0].concurrentExecutions = 2
        return SimulationState(fleets: [
            SimulatedFleet(fleetId: linuxFleet, region: region, runtimeConfiguration: live),
            SimulatedFleet(
                fleetId: windowsFleet, region: region, operatingSystem: .windows2022,
                runtimeConfiguration: RuntimeConfiguration(
                    serverProcesses: [ServerProcess(launchPath: #"C:\game\Old.exe"#, concurrentExecutions: 1)])),
        ])
    }

    /// A saved plan updating both fleets, as `plan --out` writes it.
    static func plan() throws -> String {
        let fleets = state.fleets.map { fleet in
            let desired = fleet.fleetId == linuxFleet ? linuxConfiguration : windowsConfiguration
            return FleetPlan(
                fleetId: fleet.fleetId, fleetIdOrArn: fleet.fleetId, region: fleet.region,
                source: SourceLocation(path: "fleets/\(fleet.fleetId).yaml", line: 1, column: 1), action: .update,
                status: .active, operatingSystem: fleet.operatingSystem, observed: fleet.runtimeConfiguration,
                observedFingerprint: Fingerprint.of(fleet.runtimeConfiguration),
                request: UpdateRuntimeConfigurationInput(fleetId: fleet.fleetId, runtimeConfiguration: desired),
                changes: [PlanChange(.modify, "ServerProcesses", before: 2, after: 8)])
        }
        let plan = PlanDocument(fleets: fleets, createdAt: Date(timeIntervalSince1970: 1_790_000_000))
        return String(decoding: try ReportJSON.encoder().encode(plan), as: UTF8.self)
    }

    /// A journal of one apply run over both fleets: an intent and a result each, one JSON object a line.
    static func journalLines() throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let time = Date(timeIntervalSince1970: 1_790_000_000)
        var lines: [String] = []
        for fleet in state.fleets {
            let new = fleet.fleetId == linuxFleet ? linuxConfiguration : windowsConfiguration
            let intent = JournalEntry(
                kind: .intent, run: "run-1", time: time, fleetId: fleet.fleetId, fleetIdOrArn: fleet.fleetId,
                region: fleet.region, cause: "apply", previous: fleet.runtimeConfiguration, new: new)
            let result = JournalEntry(
                kind: .result, run: "run-1", time: time, fleetId: fleet.fleetId, fleetIdOrArn: fleet.fleetId,
                region: fleet.region, cause: "apply", outcome: .updated)
            for entry in [intent, result] { lines.append(String(decoding: try encoder.encode(entry), as: UTF8.self)) }
        }
        return lines
    }

    /// One well-formed request body per operation.
    static let requests: [(operation: GameLiftOperation, body: String)] = [
        (
            .updateRuntimeConfiguration,
            #"{"FleetId":"\#(linuxFleet)","RuntimeConfiguration":{"ServerProcesses":[{"LaunchPath":"/local/game/bin/ArenaServer","Parameters":"-port 7777","ConcurrentExecutions":8},{"LaunchPath":"/local/game/bin/ArenaServer","ConcurrentExecutions":4}],"MaxConcurrentGameSessionActivations":4,"GameSessionActivationTimeoutSeconds":300}}"#
        ),
        (.describeRuntimeConfiguration, #"{"FleetId":"\#(linuxFleet)"}"#),
        (.describeFleetAttributes, #"{"FleetIds":["\#(linuxFleet)","\#(windowsFleet)"],"Limit":10}"#),
        (.describeFleetAttributes, #"{"Limit":1,"NextToken":"Z2xzMQphdHRyaWJ1dGVzCjE"}"#),
        (
            .describeFleetEvents,
            #"{"FleetId":"\#(linuxFleet)","StartTime":1790000000,"EndTime":1790003600.5,"Limit":5}"#
        ),
        (.listFleets, #"{"Limit":1,"NextToken":"Z2xzMQpmbGVldHMKMQ"}"#),
        (.describeFleetCapacity, #"{"FleetIds":["\#(linuxFleet)","\#(windowsFleet)"],"Limit":1}"#),
        (.describeFleetUtilization, #"{"Limit":2}"#),
        (.describeFleetLocationCapacity, #"{"FleetId":"\#(linuxFleet)","Location":"us-west-2"}"#),
        (.describeFleetLocationUtilization, #"{"FleetId":"\#(windowsFleet)","Location":"eu-west-1"}"#),
    ]
}
