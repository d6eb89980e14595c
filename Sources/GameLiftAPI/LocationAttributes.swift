import Foundation

/// A fleet location and its life-cycle status (`LocationState`): a remote location of a multi-location fleet,
/// or its home Region. Every member is optional, as in the service model.
public struct LocationState: Codable, Hashable, Sendable {
    /// An AWS Region code such as `eu-west-1`.
    public var location: String?
    public var status: FleetStatus?

    public init(location: String? = nil, status: FleetStatus? = nil) {
        self.location = location
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case location = "Location"
        case status = "Status"
    }
}

/// One remote location of a multi-location fleet (`LocationAttributes`), as `DescribeFleetLocationAttributes`
/// returns it. Per-location data other operations report (capacity, utilization) can sit beside it, keyed by
/// `location`.
public struct LocationAttributes: Codable, Hashable, Sendable {
    public var locationState: LocationState?
    /// Fleet actions suspended in this location (`AUTO_SCALING`).
    public var stoppedActions: [String]?
    /// `PENDING_UPDATE` while a `StopFleetActions`/`StartFleetActions` request is being applied to the location.
    public var updateStatus: String?

    public init(locationState: LocationState? = nil, stoppedActions: [String]? = nil, updateStatus: String? = nil) {
        self.locationState = locationState
        self.stoppedActions = stoppedActions
        self.updateStatus = updateStatus
    }

    /// The location's Region code, when the answer gave one.
    public var location: String? { locationState?.location }
    /// The location's status, when the answer gave one.
    public var status: FleetStatus? { locationState?.status }

    enum CodingKeys: String, CodingKey {
        case locationState = "LocationState"
        case stoppedActions = "StoppedActions"
        case updateStatus = "UpdateStatus"
    }
}

public struct DescribeFleetLocationAttributesInput: Codable, Hashable, Sendable {
    public var fleetId: String
    /// Only these locations (1–100 of them); all remote locations when `nil`.
    public var locations: [String]?
    public var limit: Int?
    public var nextToken: String?

    public init(fleetId: String, locations: [String]? = nil, limit: Int? = nil, nextToken: String? = nil) {
        self.fleetId = fleetId
        self.locations = locations
        self.limit = limit
        self.nextToken = nextToken
    }

    enum CodingKeys: String, CodingKey {
        case fleetId = "FleetId"
        case locations = "Locations"
        case limit = "Limit"
        case nextToken = "NextToken"
    }
}

public struct DescribeFleetLocationAttributesOutput: Codable, Hashable, Sendable {
    public var fleetId: String?
    public var fleetArn: String?
    /// The fleet's remote locations; the home Region is never among them.
    public var locationAttributes: [LocationAttributes]?
    public var nextToken: String?

    public init(
        fleetId: String? = nil, fleetArn: String? = nil, locationAttributes: [LocationAttributes]? = nil,
        nextToken: String? = nil
    ) {
        self.fleetId = fleetId
        self.fleetArn = fleetArn
        self.locationAttributes = locationAttributes
        self.nextToken = nextToken
    }

    enum CodingKeys: String, CodingKey {
        case fleetId = "FleetId"
        case fleetArn = "FleetArn"
        case locationAttributes = "LocationAttributes"
        case nextToken = "NextToken"
    }
}
