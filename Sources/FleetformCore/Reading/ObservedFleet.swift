import GameLiftAPI

/// What was read from GameLift for one fleet.
public struct ObservedFleet: Sendable, Hashable {
    public var attributes: FleetAttributes?
    public var configuration: RuntimeConfiguration?
    /// Set when the fleet could not be read.
    public var error: ServiceErrorInfo?
    /// Set when the account guard refused the fleet: nothing was read.
    public var refusal: AccountRefusal?
    /// The remote locations of a multi-location fleet (`DescribeFleetLocationAttributes`); `nil` or empty for
    /// a single-location fleet or when they could not be read.
    public var locations: [LocationAttributes]?

    public init(
        attributes: FleetAttributes? = nil, configuration: RuntimeConfiguration? = nil,
        error: ServiceErrorInfo? = nil, refusal: AccountRefusal? = nil, locations: [LocationAttributes]? = nil
    ) {
        self.attributes = attributes
        self.configuration = configuration
        self.error = error
        self.refusal = refusal
        self.locations = locations
    }
}
