import ArgumentParser
import FleetformBuildInfo
import Foundation
import GameLiftAPI
import GameLiftEmulator
import GameLiftSimulation
import Logging

/// `gamelift-local`: the GameLift simulation served over HTTP on loopback, for fleetform, the AWS CLI and SDKs.
@main
struct GameLiftLocal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gamelift-local",
        abstract: "Serve a simulated Amazon GameLift over HTTP (AWS JSON 1.1 and Smithy RPC v2 CBOR).",
        discussion: """
            Point clients at it with AWS_ENDPOINT_URL_GAMELIFT=http://127.0.0.1:<port> or --endpoint-url.
            Prints "listening on http://<host>:<port>" on stdout once it accepts connections; logs one line per
            request on stderr. Runs until SIGINT or SIGTERM.
            """,
        version: String(cString: fleetform_build_summary()))

    @Option(help: "Port to listen on; 0 picks a free one (printed on stdout).")
    var port: Int = 0

    @Option(help: "Address to bind. Only loopback addresses unless --allow-remote.")
    var host: String = "127.0.0.1"

    @Flag(help: "Allow binding a non-loopback address (the emulator has no TLS).")
    var allowRemote = false

    @Option(
        help:
            "Simulation state file, kept up to date as requests change it. Without it, the state lives in a temporary file removed at exit."
    )
    var state: String?

    @Option(help: "Seed state file used to create the state when the state file does not exist yet.")
    var seedState: String?

    @Option(help: "Fault plan file (error rates, throttling, latency, holds, dropped connections).")
    var faults: String?

    @Option(help: "Seed for the simulation's randomness (fault draws, event ids).")
    var seed: UInt64 = 0

    @Option(help: "Region for requests whose Authorization header names none.")
    var region: String = "us-west-2"

    @Flag(help: "Require a valid SigV4 signature from one of the --access-key keys.")
    var verifySignatures = false

    @Option(
        name: .customLong("access-key"),
        help: "ID:SECRET of an access key accepted with --verify-signatures (repeatable).")
    var accessKeys: [String] = []

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535, got \(port)") }
        guard allowRemote || EmulatorOptions.isLoopback(host) else {
            throw ValidationError("--host \(host) is not a loopback address; add --allow-remote to bind it anyway")
        }
        for key in accessKeys where EmulatorOptions.parseAccessKey(key) == nil {
            throw ValidationError("--access-key must be ID:SECRET (got a value without both parts)")
        }
        if verifySignatures && accessKeys.isEmpty {
            throw ValidationError("--verify-signatures needs at least one --access-key ID:SECRET")
        }
        if !verifySignatures && !accessKeys.isEmpty {
            throw ValidationError("--access-key is only used with --verify-signatures")
        }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
        if state == nil && seedState == nil {
            throw ValidationError("give --state FILE, --seed-state FILE, or both")
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "gamelift-local")
        let workspace = try StateWorkspace(stateFile: state)
        defer { workspace.removeTemporaryFiles() }

        let plan = try faults.map { try FaultPlan.load(path: $0) } ?? .none
        let simulation = try GameLiftSimulation.open(
            stateFile: workspace.stateFile, seedFile: seedState, faults: plan, seed: seed)
        let emulator = GameLiftEmulator(backend: simulation, options: options(), logger: logger)
        let shownHost = host.contains(":") ? "[\(host)]" : host
        try await emulator.runUntilSignalled { port in
            // Written straight to the file descriptor, unbuffered, so a script reading the pipe sees it at once.
            FileHandle.standardOutput.write(Data("listening on http://\(shownHost):\(port)\n".utf8))
        }
        logger.info("stopped", metadata: ["state": "\(workspace.stateFile)"])
    }

    private func options() -> EmulatorOptions {
        var keys: [String: String]?
        if verifySignatures {
            keys = Dictionary(
                accessKeys.compactMap(EmulatorOptions.parseAccessKey).map { ($0.id, $0.secret) },
                uniquingKeysWith: { _, last in last })
        }
        return EmulatorOptions(host: host, port: port, defaultRegion: region, verifiedAccessKeys: keys)
    }
}

/// Where the state file is: the one given, or one in a temporary directory removed at exit.
struct StateWorkspace {
    let stateFile: String
    private let temporaryDirectory: URL?

    init(stateFile: String?) throws {
        if let stateFile {
            self.stateFile = stateFile
            temporaryDirectory = nil
        } else {
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("gamelift-local-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            self.stateFile = directory.appendingPathComponent("state.json").path
            temporaryDirectory = directory
        }
    }

    func removeTemporaryFiles() {
        if let temporaryDirectory { try? FileManager.default.removeItem(at: temporaryDirectory) }
    }
}
