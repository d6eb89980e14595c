import ArgumentParser
import FleetformCore
import Foundation
import GameLiftConnection

/// Where GameLift is: AWS (the default) or the embedded local simulation (`--local`).
struct GameLiftOptions: ParsableArguments {
    @Flag(help: "Use the embedded local GameLift simulation instead of AWS.")
    var local = false

    @Option(help: ArgumentHelp("The local GameLift's state file.", valueName: "file"))
    var localState: String = LocalBackend.defaultStatePath

    @Option(
        help: ArgumentHelp(
            "Create the local state from this seed when the state file does not exist yet.", valueName: "file"))
    var localSeed: String?

    @Option(help: ArgumentHelp("Inject faults into the local GameLift (a JSON fault plan).", valueName: "file"))
    var localFaults: String?

    @Option(
        help: "Default AWS region for fleets whose file names none (else AWS_REGION, AWS_DEFAULT_REGION, the profile).")
    var region: String?

    @Option(help: "AWS profile from ~/.aws/config and ~/.aws/credentials (else AWS_PROFILE).")
    var profile: String?

    @Option(
        help: ArgumentHelp("GameLift endpoint (else AWS_ENDPOINT_URL_GAMELIFT, AWS_ENDPOINT_URL).", valueName: "url"))
    var endpointUrl: String?

    @Option(help: ArgumentHelp("Seconds to wait for a connection to AWS (default 10).", valueName: "seconds"))
    var connectTimeout: Double?

    @Option(
        help: ArgumentHelp("Seconds to wait for AWS to send data once connected (default 60).", valueName: "seconds"))
    var readTimeout: Double?

    @Flag(help: "Log every request (operation, status, attempt, request id) to standard error. Secrets are redacted.")
    var debug = false

    /// The flags as connection settings.
    var settings: ConnectionSettings {
        ConnectionSettings(
            local: local, localState: localState, localSeed: localSeed, localFaults: localFaults, region: region,
            profile: profile, endpointURL: endpointUrl, debug: debug, connectTimeout: connectTimeout,
            readTimeout: readTimeout, toolVersion: FleetformVersion.current)
    }

    /// The region for fleet files that name none, resolved without any network access.
    func defaultRegion() throws -> String? {
        do {
            return try GameLiftConnection.defaultRegion(settings)
        } catch {
            throw Words.Worded(error)
        }
    }

    /// Connects, runs a command's body, closes the connection, and exits with the status the body chose.
    func withConnection(_ console: Console, _ body: (GameLiftConnection) async throws -> ExitStatus) async throws {
        let connection: GameLiftConnection
        do {
            connection = try await GameLiftConnection.open(settings, debugLog: { console.err($0) })
        } catch {
            throw Words.Worded(error)
        }
        let status: ExitStatus
        do {
            status = try await body(connection)
            try connection.requireReachable()
        } catch {
            await connection.close()
            throw error
        }
        await connection.close()
        throw ExitCode(status.rawValue)
    }
}
