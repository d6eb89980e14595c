import GameLiftAPI

/// What was read from GameLift for one fleet.
public struct ObservedFleet: Sendable, Hashable {
    public var attributes: FleetAttributes?
    public var configuration: RuntimeConfiguration?
    /// Set when the fleet could not be read.
    public var error: ServiceErrorInfo?

    public init(
        attributes: FleetAttributes? = nil, configuration: RuntimeConfiguration? = nil,
        error: ServiceErrorInfo? = nil
    ) {
        self.attributes = attributes
        self.configuration = configuration
        self.error = error
    }
}
