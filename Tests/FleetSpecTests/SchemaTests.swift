import Foundation
import GameLiftAPI
import Testing

/// The editor schema must agree with the validator: every number and pattern equals `GameLiftLimits`.
@Suite("schemas/fleet.schema.json agrees with GameLiftLimits")
struct SchemaTests {
    static func schema() throws -> [String: Any] {
        let data = try Data(contentsOf: Support.repositoryRoot.appendingPathComponent("schemas/fleet.schema.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func object(_ value: Any?, _ path: String...) throws -> [String: Any] {
        var current = value
        for key in path { current = (current as? [String: Any])?[key] }
        return try #require(current as? [String: Any], "\(path)")
    }

    static func int(_ object: [String: Any], _ key: String) -> Int? { (object[key] as? NSNumber)?.intValue }

    static func patterns(_ object: [String: Any], _ key: String) -> [String] {
        ((object[key] as? [[String: Any]]) ?? []).compactMap { $0["pattern"] as? String }
    }

    @Test func draftAndTopLevel() throws {
        let schema = try Self.schema()
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["additionalProperties"] as? Bool == false)
        #expect(Set(schema["required"] as? [String] ?? []) == ["FleetId", "RuntimeConfiguration"])
        let computeType = try Self.object(schema, "properties", "ComputeType")
        #expect(computeType["enum"] as? [String] == GameLiftLimits.computeTypes)
    }

    /// The install-root rule applies unless the file declares `ComputeType: ANYWHERE`.
    @Test func launchPathRootOnlyOffAnywhere() throws {
        let schema = try Self.schema()
        let condition = try Self.object(schema, "if", "properties", "ComputeType")
        #expect(condition["const"] as? String == "ANYWHERE")
        let root = try Self.object(
            schema, "else", "properties", "RuntimeConfiguration", "properties", "ServerProcesses", "items",
            "properties", "LaunchPath")
        #expect(root["pattern"] as? String == GameLiftLimits.launchPathRootPattern)
    }

    @Test func fleetIdAndRegion() throws {
        let properties = try Self.object(Self.schema(), "properties")
        let fleetId = try Self.object(properties, "FleetId")
        #expect(Self.int(fleetId, "minLength") == GameLiftLimits.fleetIdOrArnLength.lowerBound)
        #expect(Self.int(fleetId, "maxLength") == GameLiftLimits.fleetIdOrArnLength.upperBound)
        #expect(Self.patterns(fleetId, "anyOf") == [GameLiftLimits.fleetIdPattern, GameLiftLimits.fleetArnPattern])
        #expect(try Self.object(properties, "Region")["pattern"] as? String == GameLiftLimits.regionPattern)
    }

    @Test func runtimeConfiguration() throws {
        let configuration = try Self.object(Self.schema(), "properties", "RuntimeConfiguration", "properties")
        let processes = try Self.object(configuration, "ServerProcesses")
        #expect(Self.int(processes, "minItems") == GameLiftLimits.serverProcessCount.lowerBound)
        #expect(Self.int(processes, "maxItems") == GameLiftLimits.serverProcessCount.upperBound)
        let limit = try Self.object(configuration, "MaxConcurrentGameSessionActivations")
        #expect(Self.int(limit, "minimum") == GameLiftLimits.maxConcurrentGameSessionActivations.lowerBound)
        #expect(Self.int(limit, "maximum") == GameLiftLimits.maxConcurrentGameSessionActivations.upperBound)
        let timeout = try Self.object(configuration, "GameSessionActivationTimeoutSeconds")
        #expect(Self.int(timeout, "minimum") == GameLiftLimits.gameSessionActivationTimeoutSeconds.lowerBound)
        #expect(Self.int(timeout, "maximum") == GameLiftLimits.gameSessionActivationTimeoutSeconds.upperBound)
    }

    @Test func serverProcess() throws {
        let process = try Self.object(Self.schema(), "$defs", "ServerProcess", "properties")
        let launchPath = try Self.object(process, "LaunchPath")
        #expect(Self.int(launchPath, "minLength") == GameLiftLimits.launchPathLength.lowerBound)
        #expect(Self.int(launchPath, "maxLength") == GameLiftLimits.launchPathLength.upperBound)
        #expect(launchPath["pattern"] as? String == "^[\(GameLiftLimits.launchPathCharacters)]+$")
        let parameters = try Self.object(process, "Parameters")
        #expect(Self.int(parameters, "minLength") == GameLiftLimits.parametersLength.lowerBound)
        #expect(Self.int(parameters, "maxLength") == GameLiftLimits.parametersLength.upperBound)
        #expect(parameters["pattern"] as? String == "^[\(GameLiftLimits.parametersCharacters)]+$")
        let executions = try Self.object(process, "ConcurrentExecutions")
        #expect(Self.int(executions, "minimum") == GameLiftLimits.concurrentExecutionsMinimum)
    }
}
