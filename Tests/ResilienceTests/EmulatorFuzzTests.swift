import Foundation
import GameLiftAPI
import GameLiftEmulator
import GameLiftSimulation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// Structure-aware fuzzing of the emulator's request decoding, in both wire protocols, through its real
/// responder (Hummingbird's router test mode, no sockets): values past the 32/64-bit limits, -0, huge
/// exponents, odd strings, deep nesting, duplicate and unknown keys, and (CBOR) major types JSON cannot say.
/// Every answer must be a GameLift answer (never a 500 without injected faults), an accepted update must leave
/// a configuration within GameLift's limits, and the emulator keeps serving. FLEETFORM_FUZZ_COUNT per protocol.
@Suite("emulator request fuzzing")
struct EmulatorFuzzTests {
    static let cborValues: [CBORValue] =
        [
            .unsigned(UInt64.max), .negative(UInt64.max), .unsigned(UInt64(Int64.max) + 1),
            .negative(UInt64(Int64.max)),
            .unsigned(2_147_483_648), .int(Int64.max), .int(Int64.min), .int(0), .int(-1), .float(.infinity),
            .float(-.infinity), .float(.nan), .float(-0.0), .float(1e300), .float(1.5), .tag(1, .float(1e300)),
            .tag(1, .unsigned(UInt64.max)), .tag(1, .text("now")), .tag(99, .null), .bytes([0, 1, 2]), .undefined,
            .simple(99), .null, .bool(true), .text("\u{0}cbor-date:1"), .array([]), .map([]),
            .map([CBORMapEntry(.int(1), .int(1))]),
            .map([CBORMapEntry(.text("A"), .int(1)), CBORMapEntry(.text("A"), .int(2))]),
            (0..<100).reduce(CBORValue.int(1)) { inner, _ in .array([inner]) },
        ] + HostileValues.strings.map { .text($0) }

    @Test("JSON 1.1 requests with hostile values get GameLift answers, and the emulator keeps serving")
    func json() async throws {
        let trees = try FuzzCorpus.requests.map { ($0.operation, try FuzzJSON.parse($0.body)) }
        var random = SeededGenerator(seed: 0x15_0_F11E)
        var inputs: [(GameLiftOperation, [UInt8])] = []
        for _ in 0..<FuzzOracle.count {
            let (operation, tree) = random.pick(trees)
            inputs.append((operation, Array(JSONValueMutator.mutate(tree, &random).utf8)))
        }
        try await run(inputs, protocol: .awsJSON11)
    }

    @Test("RPC v2 CBOR requests with hostile values get GameLift answers, and the emulator keeps serving")
    func cbor() async throws {
        let trees = try FuzzCorpus.requests.map { ($0.operation, try FuzzJSON.parse($0.body)) }
        var random = SeededGenerator(seed: 0xCB0_F11E)
        var inputs: [(GameLiftOperation, [UInt8])] = []
        for _ in 0..<FuzzOracle.count {
            let (operation, tree) = random.pick(trees)
            var bytes = CBOREncoder.encode(
                tree.cbor(replacing: random.below(tree.nodeCount), with: random.pick(Self.cborValues)))
            switch random.below(8) {
            case 0 where !bytes.isEmpty: bytes[random.below(bytes.count)] ^= UInt8(truncatingIfNeeded: random.next())
            case 1: bytes = Array(bytes.prefix(random.below(bytes.count + 1)))
            case 2:
                bytes.insert(
                    random.pick([0xFF, 0x1F, 0x9F, 0xBF, 0x5B, 0x7B, 0xC1]), at: random.below(bytes.count + 1))
            default: break
            }
            inputs.append((operation, bytes))
        }
        try await run(inputs, protocol: .rpcV2CBOR)
    }

    /// Sends every input, with a well-formed request after each hundred, and checks each answer.
    private func run(_ inputs: [(GameLiftOperation, [UInt8])], protocol wire: WireProtocol) async throws {
        let simulation = FuzzOracle.simulation()
        var logger = Logger(label: "emulator-fuzz")
        logger.logLevel = .critical
        let app = GameLiftEmulator(backend: simulation, logger: logger).makeApplication()
        let failures = try await app.test(.router) { client in
            var failures: [String] = []
            for (index, (operation, body)) in inputs.enumerated() where failures.count < 5 {
                let status = try await Self.send(client, operation, body, wire)
                if ![200, 400, 404, 413].contains(status) {
                    failures.append("input \(index) (\(operation.rawValue)): HTTP \(status) for \(Self.show(body))")
                }
                if status == 200, operation == .updateRuntimeConfiguration {
                    let live = try simulation.snapshot().fleets.map(\.runtimeConfiguration)
                    if live.contains(where: { $0.totalConcurrentExecutions > GameLiftLimits.processesPerInstance }) {
                        failures.append("input \(index): accepted a configuration past the limit: \(Self.show(body))")
                    }
                }
                if index % 100 == 99 {
                    let canary = try await Self.canary(client, wire)
                    if canary != 200 {
                        failures.append("after input \(index): a well-formed request got HTTP \(canary)")
                    }
                }
            }
            return failures
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    private static func send(
        _ client: some TestClientProtocol, _ operation: GameLiftOperation, _ body: [UInt8], _ wire: WireProtocol
    ) async throws -> Int {
        var headers = HTTPFields()
        let uri: String
        switch wire {
        case .awsJSON11:
            uri = "/"
            headers[.contentType] = wire.contentType
            if let target = HTTPFields.Element.Name("X-Amz-Target") {
                headers[target] = "GameLift.\(operation.rawValue)"
            }
        case .rpcV2CBOR:
            uri = "/service/GameLift/operation/\(operation.rawValue)"
            headers[.contentType] = wire.contentType
            if let smithy = HTTPFields.Element.Name("smithy-protocol") { headers[smithy] = "rpc-v2-cbor" }
        }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: body)) {
            Int($0.status.code)
        }
    }

    private static func canary(_ client: some TestClientProtocol, _ wire: WireProtocol) async throws -> Int {
        let body = #"{"FleetId":"\#(FuzzCorpus.linuxFleet)"}"#
        let tree = try FuzzJSON.parse(body)
        let bytes: [UInt8] =
            switch wire {
            case .awsJSON11: Array(body.utf8)
            case .rpcV2CBOR: CBOREncoder.encode(tree.cbor())
            }
        return try await send(client, .describeRuntimeConfiguration, bytes, wire)
    }

    private static func show(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(300), as: UTF8.self)
        return body.count > 300 ? text + "…" : text
    }
}
