import FleetformTesting
import Foundation
import GameLiftAPI
import GameLiftEmulator
import Testing

private let fleetId = "fleet-2f1c3a9e-1b2c-4d5e-8f90-123456789abc"
private let configuration = RuntimeConfiguration(
    serverProcesses: [
        ServerProcess(launchPath: "/local/game/bin/ArenaServer", parameters: "-port 7777", concurrentExecutions: 4)
    ],
    maxConcurrentGameSessionActivations: 2, gameSessionActivationTimeoutSeconds: 120)

@Suite("AWS JSON 1.1 over HTTP")
struct JSONProtocolTests {
    @Test("an operation is dispatched on X-Amz-Target and answered in JSON 1.1 with a request id")
    func describe() async throws {
        let backend = ScriptedGameLift.backend([fleetId: configuration])
        try await EmulatorHarness.with(backend: backend) { server in
            let reply = try await server.sendJSON(
                target: "GameLift.DescribeRuntimeConfiguration", body: #"{"FleetId":"\#(fleetId)"}"#)
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type") == "application/x-amz-json-1.1")
            #expect(reply.header("x-amzn-RequestId")?.isEmpty == false)
            let output = try GameLiftJSON.decoder().decode(
                DescribeRuntimeConfigurationOutput.self, from: Data(reply.body))
            #expect(output.runtimeConfiguration == configuration)
        }
        #expect(
            backend.recorded == [.init(operation: .describeRuntimeConfiguration, region: "us-west-2", fleetId: fleetId)]
        )
    }

    @Test("DescribeFleetCapacity and DescribeFleetLocationUtilization are served in GameLift's JSON shapes")
    func capacity() async throws {
        let backend = ScriptedGameLift([
            fleetId: .init(
                region: "us-west-2", configuration: configuration, instanceType: "c5.large", instances: 10,
                activeGameSessions: 7, remoteLocations: ["eu-west-1": (instances: 3, activeGameSessions: 2)])
        ])
        try await EmulatorHarness.with(backend: backend) { server in
            let reply = try await server.sendJSON(
                target: "GameLift.DescribeFleetCapacity", body: #"{"FleetIds":["\#(fleetId)"]}"#)
            #expect(reply.status == 200)
            let text = String(decoding: reply.body, as: UTF8.self)
            #expect(text.contains(#""InstanceCounts":{"ACTIVE":10,"DESIRED":10}"#), "\(text)")
            #expect(text.contains(#""InstanceType":"c5.large""#) && text.contains(#""Location":"us-west-2""#))
            let use = try await server.sendJSON(
                target: "GameLift.DescribeFleetLocationUtilization",
                body: #"{"FleetId":"\#(fleetId)","Location":"eu-west-1"}"#)
            let output = try GameLiftJSON.decoder().decode(
                DescribeFleetLocationUtilizationOutput.self, from: Data(use.body))
            #expect(output.fleetUtilization?.activeGameSessionCount == 2)
            #expect(output.fleetUtilization?.location == "eu-west-1")
        }
        #expect(backend.recorded.map(\.operation) == [.describeFleetCapacity, .describeFleetLocationUtilization])
    }

    @Test("the region comes from the Authorization credential scope")
    func regionFromScope() async throws {
        let backend = ScriptedGameLift.backend([fleetId: configuration])
        try await EmulatorHarness.with(backend: backend) { server in
            let authorization =
                "AWS4-HMAC-SHA256 Credential=AKID/20261124/eu-central-1/gamelift/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=abc"
            let reply = try await server.sendJSON(
                target: "GameLift.ListFleets", body: "{}", extraHeaders: [("Authorization", authorization)])
            #expect(reply.status == 200)
            #expect(reply.json?["FleetIds"] as? [String] == [fleetId])
        }
        #expect(backend.recorded.map(\.region) == ["eu-central-1"])
    }

    @Test("dates cross the wire as epoch seconds, both ways")
    func timestamps() async throws {
        let backend = ScriptedGameLift.backend([fleetId: configuration])
        try await EmulatorHarness.with(backend: backend) { server in
            let inWindow = try await server.sendJSON(
                target: "GameLift.DescribeFleetEvents", body: #"{"FleetId":"\#(fleetId)","StartTime":1700000000}"#)
            let events = inWindow.json?["Events"] as? [[String: Any]]
            #expect(events?.first?["EventTime"] as? Double == 1_700_000_000.25)
            let after = try await server.sendJSON(
                target: "GameLift.DescribeFleetEvents", body: #"{"FleetId":"\#(fleetId)","StartTime":1700000001}"#)
            #expect((after.json?["Events"] as? [Any])?.isEmpty == true)
        }
    }

    @Test(
        "front-end errors have AWS's JSON 1.1 shape",
        arguments: [
            ("GameLift.DeleteFleet", "{}", 400, "UnknownOperationException"),
            (nil, "{}", 400, "UnknownOperationException"),
            ("Other.DescribeRuntimeConfiguration", "{}", 400, "UnknownOperationException"),
            ("GameLift.DescribeRuntimeConfiguration", "{not json", 400, "SerializationException"),
            ("GameLift.DescribeRuntimeConfiguration", "{}", 400, "SerializationException"),
            ("GameLift.DescribeRuntimeConfiguration", #"{"FleetId":7}"#, 400, "SerializationException"),
        ] as [(String?, String, Int, String)])
    func frontEndErrors(target: String?, body: String, status: Int, code: String) async throws {
        let backend = ScriptedGameLift.backend([fleetId: configuration])
        try await EmulatorHarness.with(backend: backend) { server in
            let reply = try await server.sendJSON(target: target, body: body)
            #expect(reply.status == status)
            #expect(reply.header("x-amzn-ErrorType") == code)
            #expect(reply.header("x-amzn-RequestId")?.isEmpty == false)
            #expect(reply.json?["__type"] as? String == code)
            #expect((reply.json?["message"] as? String)?.isEmpty == false)
        }
        #expect(backend.recorded.isEmpty)
    }

    @Test(
        "backend errors keep their code, message and status",
        arguments: [
            (GameLiftServiceError(code: .notFound, message: "no such fleet"), 400),
            (GameLiftServiceError(code: .internalService, message: "boom"), 500),
            (GameLiftServiceError(code: .throttling, message: "slow down", httpStatus: 429), 429),
            (GameLiftServiceError(code: .invalidFleetStatus, message: "fleet is ACTIVATING"), 400),
            (GameLiftServiceError(code: .serviceUnavailable, message: "later"), 503),
        ])
    func backendErrors(error: GameLiftServiceError, status: Int) async throws {
        let backend = ScriptedGameLift.backend([fleetId: configuration])
        backend.failNext(with: error)
        try await EmulatorHarness.with(backend: backend) { server in
            let reply = try await server.sendJSON(
                target: "GameLift.DescribeRuntimeConfiguration", body: #"{"FleetId":"\#(fleetId)"}"#)
            #expect(reply.status == status)
            #expect(reply.header("x-amzn-ErrorType") == error.code.rawValue)
            #expect(reply.json?["__type"] as? String == error.code.rawValue)
            #expect(reply.json?["message"] as? String == error.message)
        }
    }

    @Test("an error that is not GameLift's becomes a 500 InternalServiceException")
    func unexpectedError() async throws {
        struct Unexpected: Error {}
        let backend = ScriptedGameLift.backend([fleetId: configuration])
        backend.failNext(with: Unexpected())
        try await EmulatorHarness.with(backend: backend) { server in
            let reply = try await server.sendJSON(target: "GameLift.ListFleets", body: "{}")
            #expect(reply.status == 500)
            #expect(reply.json?["__type"] as? String == "InternalServiceException")
        }
    }

    @Test("a paths other than / and the RPC v2 prefix is a 404")
    func unknownPath() async throws {
        try await EmulatorHarness.with(backend: ScriptedGameLift.backend()) { server in
            let reply = try await server.send(path: "/elsewhere", headers: [], body: [])
            #expect(reply.status == 404)
            #expect(reply.json?["__type"] as? String == "UnknownOperationException")
        }
    }

    @Test("a suggested retry delay is sent as x-amz-retry-after in milliseconds")
    func retryAfter() async throws {
        let backend = ScriptedGameLift.backend([fleetId: configuration])
        backend.failNext(with: GameLiftServiceError(code: .throttling, message: "slow down", retryAfter: 1.5))
        try await EmulatorHarness.with(backend: backend) { server in
            let reply = try await server.sendJSON(target: "GameLift.ListFleets", body: "{}")
            #expect(reply.status == 400)
            #expect(reply.header("x-amz-retry-after") == "1500")
        }
    }

    @Test("a body over the size limit is refused with 413 before the backend is called")
    func bodyTooLarge() async throws {
        let backend = ScriptedGameLift.backend([fleetId: configuration])
        try await EmulatorHarness.with(backend: backend, options: EmulatorOptions(maxBodySize: 64)) { server in
            let body = #"{"FleetId":"\#(fleetId)","Padding":"\#(String(repeating: "x", count: 100))"}"#
            let reply = try await server.sendJSON(target: "GameLift.DescribeRuntimeConfiguration", body: body)
            #expect(reply.status == 413)
            #expect(reply.json?["__type"] as? String == "RequestEntityTooLargeException")
        }
        #expect(backend.recorded.isEmpty)
    }
}
