import GameLiftAPI

/// One location of a multi-location fleet as a plan records it: the Region and its status when planned.
/// The home Region comes first, marked `home`.
public struct PlanLocation: Codable, Sendable, Hashable {
    public var location: String
    public var status: FleetStatus?
    /// `true` for the fleet's home Region (omitted for remote locations).
    public var home: Bool?

    public init(location: String, status: FleetStatus?, home: Bool? = nil) {
        self.location = location
        self.status = status
        self.home = home
    }

    /// The home Region and every remote location of an observed fleet; empty for a single-location fleet.
    static func of(_ observed: ObservedFleet, region: String) -> [PlanLocation] {
        let remote = (observed.locations ?? []).compactMap { attributes -> PlanLocation? in
            guard let name = attributes.location, name != region else { return nil }
            return PlanLocation(location: name, status: attributes.status)
        }
        guard !remote.isEmpty else { return [] }
        let home = PlanLocation(location: region, status: observed.attributes?.status, home: true)
        return [home] + remote.sorted { $0.location < $1.location }
    }

    /// `eu-west-1 ERROR`, `us-west-2 ACTIVE (home)`.
    public var description: String {
        "\(location) \(status?.rawValue ?? "unknown")" + (home == true ? " (home)" : "")
    }
}

extension PlanLocation {
    /// A status in which the location's instances cannot take a new configuration now.
    public var isTroubled: Bool { status.map { !$0.allowsRuntimeConfigurationUpdate } ?? false }
}

extension FleetPlan {
    /// A remote location in a status that keeps it from taking updates: the plan shows such a fleet even
    /// when nothing changes.
    public var hasLocationProblem: Bool {
        (locations ?? []).contains { $0.home != true && $0.isTroubled }
    }
}
