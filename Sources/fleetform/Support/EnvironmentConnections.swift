import FleetSpec
import FleetformCore
import GameLiftAPI
import GameLiftConnection

/// The connections of a run whose fleets are in environments of `fleetform.yaml` (docs/policy.md, "Accounts"):
/// one per environment with credentials of its own (a profile, a role; locally, its account of the simulation),
/// the run's own for the rest, and the routes that send each fleet's requests through its environment's.
struct EnvironmentConnections {
    /// One per environment of the run, in the settings' order.
    private(set) var accounts: [EnvironmentAccount] = []
    /// The environments' connections, opened for this run (closed by `close`).
    private var opened: [GameLiftConnection] = []
    private var gameLifts: [any GameLift] = []
    /// Plain fleet id → 1-based index in `gameLifts` (0 is the run's own connection).
    private var routes: [String: Int] = [:]

    /// Opens a connection for each environment that `fleets` (plain fleet id, environment) use.
    static func open(
        _ settings: RepositorySettings?, fleets: [(fleetId: String, environment: String?)], run: GameLiftConnection,
        local: Bool, console: Console
    ) async throws -> EnvironmentConnections {
        var connections = EnvironmentConnections()
        guard let settings else { return connections }
        let used = Set(fleets.compactMap(\.environment))
        // A fleet of an environment the settings do not have would go out with the run's own credentials.
        let unknown = used.subtracting(settings.environments.map(\.name)).sorted()
        guard unknown.isEmpty else {
            throw console.fail(
                "\(settings.path) has no environment \(unknown.map { "'\($0)'" }.joined(separator: ", ")); "
                    + "nothing was sent")
        }
        var index: [String: Int] = [:]
        for environment in settings.environments where used.contains(environment.name) {
            let connection: GameLiftConnection
            do {
                switch environment.credentials {
                case .runDefault where !local:
                    connection = run
                case .runDefault:
                    connection = try await run.environment(
                        profile: nil, role: nil, account: environment.account, debugLog: { console.err($0) })
                case .profile(let profile):
                    connection = try await run.environment(
                        profile: profile, role: nil, account: environment.account, debugLog: { console.err($0) })
                    if !local { connections.opened.append(connection) }
                case .role(let role):
                    connection = try await run.environment(
                        profile: nil,
                        role: role, account: environment.account,
                        debugLog: { console.err($0) })
                    if !local { connections.opened.append(connection) }
                }
            } catch {
                await connections.close()
                throw console.fail("environment \(environment.name): \(Words.sentence(for: error))")
            }
            connections.gameLifts.append(connection.gameLift)
            index[environment.name] = connections.gameLifts.count
            connections.accounts.append(
                EnvironmentAccount(
                    name: environment.name, expectedAccount: environment.account, identity: connection.identity))
        }
        for fleet in fleets {
            if let name = fleet.environment, let route = index[name] { connections.routes[fleet.fleetId] = route }
        }
        return connections
    }

    /// The run's GameLift: requests for each environment's fleets through its connection.
    func gameLift(run: any GameLift) -> any GameLift {
        guard !accounts.isEmpty else { return run }
        return RoutedGameLift(connections: [run] + gameLifts, routes: routes)
    }

    /// Closes the connections opened for the environments.
    func close() async {
        for connection in opened { await connection.close() }
    }
}

extension GameLiftOptions {
    /// `withConnection`, with a connection per environment of `settings` that `fleets` use; the body gets the
    /// run's context, its GameLift routed by environment.
    func withConnections(
        _ console: Console, settings: RepositorySettings?, fleets: [(fleetId: String, environment: String?)],
        quiet: Bool = false, _ body: (GameLiftConnection, WorkflowContext) async throws -> ExitStatus
    ) async throws {
        try await withConnection(console) { connection in
            let environments = try await EnvironmentConnections.open(
                settings, fleets: fleets, run: connection, local: local, console: console)
            var context = connection.context(console, quiet: quiet)
            context.gameLift = environments.gameLift(run: context.gameLift)
            context.environments = environments.accounts
            do {
                let status = try await body(connection, context)
                await environments.close()
                return status
            } catch {
                await environments.close()
                throw error
            }
        }
    }
}

extension FleetInput {
    /// Each fleet's plain id and environment: how the run routes its requests.
    var routes: [(fleetId: String, environment: String?)] {
        fleets.documents.map { (fleetId: $0.fleetId, environment: $0.environment) }
    }
}

extension PlanDocument {
    /// Each fleet's plain id and environment, as the plan recorded them.
    var routes: [(fleetId: String, environment: String?)] {
        fleets.map { (fleetId: $0.fleetId, environment: $0.environment) }
    }
}
