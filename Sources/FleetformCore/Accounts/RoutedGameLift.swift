import GameLiftAPI

/// A request that names the fleets it is about, so a router can send it with their account's credentials.
public protocol FleetAddressed {
    /// The fleets (ids or ARNs) the request names; empty for requests about no fleet.
    var addressedFleets: [String] { get }
}

extension DescribeRuntimeConfigurationInput: FleetAddressed { public var addressedFleets: [String] { [fleetId] } }
extension UpdateRuntimeConfigurationInput: FleetAddressed { public var addressedFleets: [String] { [fleetId] } }
extension DescribeFleetAttributesInput: FleetAddressed { public var addressedFleets: [String] { fleetIds ?? [] } }
extension DescribeFleetEventsInput: FleetAddressed { public var addressedFleets: [String] { [fleetId] } }
extension DescribeFleetLocationAttributesInput: FleetAddressed {
    public var addressedFleets: [String] { [fleetId] }
}
extension DescribeFleetCapacityInput: FleetAddressed { public var addressedFleets: [String] { fleetIds ?? [] } }
extension DescribeFleetUtilizationInput: FleetAddressed {
    public var addressedFleets: [String] { members.addressedFleets }
}
extension DescribeFleetLocationCapacityInput: FleetAddressed { public var addressedFleets: [String] { [fleetId] } }
extension DescribeFleetLocationUtilizationInput: FleetAddressed {
    public var addressedFleets: [String] { members.addressedFleets }
}
extension DescribeFleetDeploymentInput: FleetAddressed { public var addressedFleets: [String] { [fleetId] } }

/// One GameLift per account (docs/policy.md, "Accounts"): each request goes to the connection of the
/// environment its fleets are in — its credentials, its account — and requests about no fleet, or fleets in no
/// environment, to the run's own (connection 0). The readers batch fleets of one connection only
/// (`connectionGroup(of:)`).
public struct RoutedGameLift: GameLift {
    /// The run's own connection first, then one per environment.
    public let connections: [any GameLift]
    /// Plain fleet id → index in `connections`.
    private let routes: [String: Int]

    public init(connections: [any GameLift], routes: [String: Int]) {
        self.connections = connections
        self.routes = routes.filter { connections.indices.contains($0.value) }
    }

    public func connectionGroup(of fleetId: String) -> Int {
        routes[FleetIdentifier(unchecked: fleetId).fleetId] ?? 0
    }

    public func send<Request: GameLiftRequest>(_ request: Request, region: String) async throws -> Request.Output {
        let fleets = (request as? any FleetAddressed)?.addressedFleets ?? []
        let groups = Set(fleets.map(connectionGroup(of:)))
        guard groups.count <= 1 else {
            // The readers never batch fleets of two accounts; a request that did would be answered with one
            // account's view of the other's fleets (not found), so it is refused before it is sent.
            throw MixedAccountRequest(operation: Request.operation, accounts: groups.count)
        }
        return try await connections[groups.first ?? 0].send(request, region: region)
    }
}

/// A request naming fleets of several accounts, refused before it is sent: no one account's credentials could
/// answer for all of them. fleetform's readers never make one; a caller that did has a bug.
public struct MixedAccountRequest: Error, Sendable, Hashable, CustomStringConvertible {
    public var operation: GameLiftOperation
    public var accounts: Int

    public var description: String {
        "one \(operation.rawValue) request names fleets of \(accounts) accounts; fleetform sends each account's fleets "
            + "with its own credentials"
    }
}
