import Foundation
import GameLiftAPI
import GameLiftConnection
import Testing

@Suite("Opening GameLift")
struct GameLiftConnectionTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("connection-\(UUID().uuidString)").path

    @Test(
        "the local default region: --region, else AWS_REGION, else AWS_DEFAULT_REGION",
        arguments: [
            ("eu-west-1", ["AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "us-east-2"], "eu-west-1"),
            (nil, ["AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "us-east-2"], "us-east-1"),
            (nil, ["AWS_DEFAULT_REGION": "us-east-2"], "us-east-2"),
            (nil, [:], nil),
        ] as [(String?, [String: String], String?)])
    func localRegion(flag: String?, environment: [String: String], expected: String?) throws {
        let settings = ConnectionSettings(local: true, region: flag, environment: environment)
        #expect(try GameLiftConnection.defaultRegion(settings) == expected)
    }

    @Test("the AWS default region comes from the profile when nothing else names one, without any network")
    func awsRegionFromProfile() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let config = folder + "/config"
        try "[default]\nregion = ap-southeast-2\n".write(toFile: config, atomically: true, encoding: .utf8)
        let settings = ConnectionSettings(
            environment: ["HOME": folder, "AWS_CONFIG_FILE": config, "AWS_SHARED_CREDENTIALS_FILE": config])
        #expect(try GameLiftConnection.defaultRegion(settings) == "ap-southeast-2")
    }

    @Test("--local opens the seeded simulation in the resilience layer; --debug logs each attempt")
    func localConnection() async throws {
        let lines = Lines()
        let settings = ConnectionSettings(
            local: true, localState: folder + "/state.json",
            localSeed: Self.repository.appendingPathComponent("examples/local/seed.json").path, region: "us-west-2",
            debug: true, environment: [:])
        let connection = try await GameLiftConnection.open(settings, debugLog: { lines.append($0) })
        let fleets = try await connection.gameLift.send(ListFleetsInput(), region: "us-west-2")
        await connection.close()
        #expect(connection.defaultRegion == "us-west-2")
        #expect(fleets.fleetIds?.isEmpty == false)
        #expect(lines.all == ["debug: ListFleets us-west-2 attempt 1"])
        #expect(FileManager.default.fileExists(atPath: folder + "/state.json"))
    }
}

/// Lines collected from concurrent callers.
final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
