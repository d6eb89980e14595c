import GameLiftAPI

/// A remote location of a simulated multi-location fleet: a Region other than the fleet's home Region, with
/// its own life-cycle status (`DescribeFleetLocationAttributes`).
public struct SimulatedLocation: Codable, Hashable, Sendable {
    /// A Region code such as `eu-west-1`.
    public var location: String
    public var status: FleetStatus
    /// Active instances in this location; one when the state does not say.
    public var instances: Int?
    /// Game sessions running in this location now; none when the state does not say.
    public var activeGameSessions: Int?

    /// A location in `status` (default ACTIVE).
    public init(
        location: String, status: FleetStatus = .active, instances: Int? = nil, activeGameSessions: Int? = nil
    ) {
        self.location = location
        self.status = status
        self.instances = instances
        self.activeGameSessions = activeGameSessions
    }

    /// The location as `DescribeFleetLocationAttributes` answers it.
    var attributes: LocationAttributes {
        LocationAttributes(locationState: LocationState(location: location, status: status))
    }

    enum CodingKeys: String, CodingKey {
        case location = "Location"
        case status = "Status"
        case instances = "Instances"
        case activeGameSessions = "ActiveGameSessions"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        location = try c.decode(String.self, forKey: .location)
        status = try c.decodeIfPresent(FleetStatus.self, forKey: .status) ?? .active
        instances = try c.decodeIfPresent(Int.self, forKey: .instances)
        activeGameSessions = try c.decodeIfPresent(Int.self, forKey: .activeGameSessions)
    }
}

extension SimulatedFleet {
    /// Checks the compute type and the locations of a fleet from a state file: a known compute type, remote
    /// locations that are distinct and not the home Region, and none on an Anywhere fleet.
    func checkKind(place: String) throws {
        if let computeType, !ComputeType.known.contains(computeType) {
            let known = ComputeType.known.map(\.rawValue).joined(separator: " or ")
            throw SimulationError("\(place): ComputeType '\(computeType)' is not \(known)")
        }
        if isContainerFleet, computeType != nil {
            throw SimulationError("\(place): a container fleet (containerfleet-…) has no ComputeType")
        }
        guard let locations, !locations.isEmpty else { return }
        if effectiveComputeType == .anywhere {
            throw SimulationError("\(place): Locations are for EC2 and container fleets, not Anywhere fleets")
        }
        var seen: Set<String> = [region]
        for (index, location) in locations.enumerated() {
            guard GameLiftLimits.locationLength.contains(location.location.count) else {
                throw SimulationError("\(place): Locations[\(index)]: Location must be 1 to 64 characters")
            }
            try SimulatedFleet.checkCounts(
                instances: location.instances, activeGameSessions: location.activeGameSessions,
                place: "\(place): Locations[\(index)]")
            guard seen.insert(location.location).inserted else {
                throw SimulationError(
                    "\(place): Locations[\(index)]: \(location.location) is the home Region or listed twice")
            }
        }
    }
}
