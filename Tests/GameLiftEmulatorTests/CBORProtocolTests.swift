import FleetformTesting
import Foundation
import GameLiftAPI
import Testing

@testable import GameLiftEmulator

private let fleetId = "fleet-2f1c3a9e-1b2c-4d5e-8f90-123456789abc"
private let configuration = RuntimeConfiguration(
    serverProcesses: [ServerProcess(launchPath: "/local/game/bin/ArenaServer", concurrentExecutions: 4)],
    gameSessionActivationTimeoutSeconds: 300)

private func decode(_ body: [UInt8]) throws -> CBORValue { try CBORDecoder().decode(body) }

@Suite("Smithy RPC v2 CBOR over HTTP")
struct CBORProtocolTests {
    @Test("an operation on /service/GameLift/operation/<name> is answered in CBOR")
    func update() async throws {
        let backend = ScriptedGameLift.backend([fleetId: RuntimeConfiguration()])
        let request = CBORValue.map([
            CBORMapEntry(.text("FleetId"), .text(fleetId)),
            CBORMapEntry(
                .text("RuntimeConfiguration"),
                .map([
                    CBORMapEntry(
                        .text("ServerProcesses"),
                        .array([
                            .map([
                                CBORMapEntry(.text("LaunchPath"), .text("/local/game/bin/ArenaServer")),
                                CBORMapEntry(.text("ConcurrentExecutions"), .unsigned(4)),
                            ])
                        ])),
                    CBORMapEntry(.text("GameSessionActivationTimeoutSeconds"), .unsigned(300)),
                    CBORMapEntry(.text("MaxConcurrentGameSessionActivations"), .null),
                ])),
        ])
        try await EmulatorHarness.with(backend: backend) { server in
            let reply = try await server.sendCBOR(operation: "UpdateRuntimeConfiguration", body: request)
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type") == "application/cbor")
            #expect(reply.header("smithy-protocol") == "rpc-v2-cbor")
            #expect(reply.header("x-amzn-RequestId")?.isEmpty == false)
            let output = try CBORCodableBridge.decode(UpdateRuntimeConfigurationOutput.self, from: decode(reply.body))
            #expect(output.runtimeConfiguration == configuration)
        }
        #expect(backend.recorded.map(\.operation) == [.updateRuntimeConfiguration])
    }

    @Test("timestamps are CBOR tag 1 epoch seconds both ways")
    func timestamps() async throws {
        let backend = ScriptedGameLift.backend([fleetId: configuration])
        try await EmulatorHarness.with(backend: backend) { server in
            let request = CBORValue.map([
                CBORMapEntry(.text("FleetId"), .text(fleetId)),
                CBORMapEntry(.text("StartTime"), .tag(1, .float(1_700_000_000.0))),
            ])
            let reply = try await server.sendCBOR(operation: "DescribeFleetEvents", body: request)
            #expect(reply.status == 200)
            guard case .array(let events) = try decode(reply.body)["Events"] else {
                Issue.record("no Events array")
                return
            }
            #expect(events.first?["EventTime"] == .tag(1, .float(1_700_000_000.25)))
            let attributes = try await server.sendCBOR(
                operation: "DescribeFleetAttributes",
                body: .map([CBORMapEntry(.text("FleetIds"), .array([.text(fleetId)]))]))
            guard case .array(let fleets) = try decode(attributes.body)["FleetAttributes"] else {
                Issue.record("no FleetAttributes array")
                return
            }
            #expect(fleets.first?["CreationTime"] == .tag(1, .float(1_700_000_000.25)))
            let later = try await server.sendCBOR(
                operation: "DescribeFleetEvents",
                body: .map([
                    CBORMapEntry(.text("FleetId"), .text(fleetId)),
                    CBORMapEntry(.text("StartTime"), .tag(1, .int(1_700_000_001))),
                ]))
            #expect(try decode(later.body)["Events"] == .array([]))
        }
    }

    @Test(
        "front-end errors carry __type in the CBOR body and the status",
        arguments: [
            ("DeleteFleet", CBORValue.map([]), "rpc-v2-cbor", 404, "UnknownOperationException"),
            ("ListFleets", .map([]), nil, 400, "SerializationException"),
            ("DescribeRuntimeConfiguration", .map([]), "rpc-v2-cbor", 400, "SerializationException"),
            (
                "DescribeRuntimeConfiguration", .map([CBORMapEntry(.text("FleetId"), .unsigned(3))]), "rpc-v2-cbor",
                400,
                "SerializationException"
            ),
            (
                "DescribeFleetEvents",
                .map([
                    CBORMapEntry(.text("FleetId"), .text(fleetId)),
                    CBORMapEntry(.text("StartTime"), .tag(1, .text("x"))),
                ]),
                "rpc-v2-cbor", 400, "SerializationException"
            ),
            (
                "DescribeFleetEvents", .map([CBORMapEntry(.unsigned(1), .text(fleetId))]), "rpc-v2-cbor", 400,
                "SerializationException"
            ),
        ] as [(String, CBORValue, String?, Int, String)])
    func frontEndErrors(operation: String, body: CBORValue, smithy: String?, status: Int, code: String) async throws {
        let backend = ScriptedGameLift.backend([fleetId: configuration])
        try await EmulatorHarness.with(backend: backend) { server in
            let reply = try await server.sendCBOR(operation: operation, body: body, smithyProtocol: smithy)
            #expect(reply.status == status)
            let error = try decode(reply.body)
            #expect(error["__type"] == .text("com.amazonaws.gamelift#\(code)"))
            #expect(error["message"]?.textValue?.isEmpty == false)
            #expect(reply.header("x-amzn-RequestId")?.isEmpty == false)
        }
        #expect(backend.recorded.isEmpty)
    }

    @Test("a body that is not CBOR is a SerializationException")
    func malformedBody() async throws {
        try await EmulatorHarness.with(backend: ScriptedGameLift.backend()) { server in
            let reply = try await server.send(
                path: "/service/GameLift/operation/ListFleets",
                headers: [("smithy-protocol", "rpc-v2-cbor"), ("Content-Type", "application/cbor")], body: [0xBF, 0x61])
            #expect(reply.status == 400)
            #expect(try decode(reply.body)["__type"] == .text("com.amazonaws.gamelift#SerializationException"))
        }
    }

    @Test("a backend error keeps its code and status")
    func backendError() async throws {
        let backend = ScriptedGameLift.backend([fleetId: configuration])
        backend.failNext(with: GameLiftServiceError(code: .invalidFleetStatus, message: "fleet is ACTIVATING"))
        try await EmulatorHarness.with(backend: backend) { server in
            let reply = try await server.sendCBOR(
                operation: "UpdateRuntimeConfiguration",
                body: .map([
                    CBORMapEntry(.text("FleetId"), .text(fleetId)),
                    CBORMapEntry(.text("RuntimeConfiguration"), .map([])),
                ]))
            #expect(reply.status == 400)
            let error = try decode(reply.body)
            #expect(error["__type"] == .text("com.amazonaws.gamelift#InvalidFleetStatusException"))
            #expect(error["message"] == .text("fleet is ACTIVATING"))
        }
    }

    @Test("the Codable bridge keeps dates exact and drops nulls")
    func bridge() throws {
        let event = FleetEvent(
            eventId: "e", eventCode: "FLEET_CREATED", eventTime: Date(timeIntervalSince1970: 1_600_000_000))
        let value = try CBORCodableBridge.encode(DescribeFleetEventsOutput(events: [event], nextToken: nil))
        guard case .array(let events) = value["Events"] else {
            Issue.record("no Events")
            return
        }
        #expect(events.first?["EventTime"] == .tag(1, .unsigned(1_600_000_000)))
        #expect(value["NextToken"] == nil)
        let back = try CBORCodableBridge.decode(DescribeFleetEventsOutput.self, from: value)
        #expect(back.events == [event])
        let plain = CBORValue.map([
            CBORMapEntry(.text("FleetId"), .text("f")), CBORMapEntry(.text("EndTime"), .int(-5)),
        ])
        #expect(
            try CBORCodableBridge.decode(DescribeFleetEventsInput.self, from: plain).endTime
                == Date(timeIntervalSince1970: -5))
    }
}
