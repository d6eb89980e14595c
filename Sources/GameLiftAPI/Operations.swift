import Foundation

// Inputs and outputs of the GameLift operations fleetform uses, with the API's own member names.

public struct DescribeRuntimeConfigurationInput: Codable, Hashable, Sendable {
    public var fleetId: String
    public init(fleetId: String) { self.fleetId = fleetId }
    enum CodingKeys: String, CodingKey { case fleetId = "FleetId" }
}

public struct DescribeRuntimeConfigurationOutput: Codable, Hashable, Sendable {
    public var runtimeConfiguration: RuntimeConfiguration?
    public init(runtimeConfiguration: RuntimeConfiguration?) { self.runtimeConfiguration = runtimeConfiguration }
    enum CodingKeys: String, CodingKey { case runtimeConfiguration = "RuntimeConfiguration" }
}

public struct UpdateRuntimeConfigurationInput: Codable, Hashable, Sendable {
    public var fleetId: String
    public var runtimeConfiguration: RuntimeConfiguration
    public init(fleetId: String, runtimeConfiguration: RuntimeConfiguration) {
        self.fleetId = fleetId
        self.runtimeConfiguration = runtimeConfiguration
    }
    enum CodingKeys: String, CodingKey {
        case fleetId = "FleetId"
        case runtimeConfiguration = "RuntimeConfiguration"
    }
}

public struct UpdateRuntimeConfigurationOutput: Codable, Hashable, Sendable {
    public var runtimeConfiguration: RuntimeConfiguration?
    public init(runtimeConfiguration: RuntimeConfiguration?) { self.runtimeConfiguration = runtimeConfiguration }
    enum CodingKeys: String, CodingKey { case runtimeConfiguration = "RuntimeConfiguration" }
}

public struct DescribeFleetAttributesInput: Codable, Hashable, Sendable {
    public var fleetIds: [String]?
    public var limit: Int?
    public var nextToken: String?
    public init(fleetIds: [String]? = nil, limit: Int? = nil, nextToken: String? = nil) {
        self.fleetIds = fleetIds
        self.limit = limit
        self.nextToken = nextToken
    }
    enum CodingKeys: String, CodingKey {
        case fleetIds = "FleetIds"
        case limit = "Limit"
        case nextToken = "NextToken"
    }
}

public struct DescribeFleetAttributesOutput: Codable, Hashable, Sendable {
    public var fleetAttributes: [FleetAttributes]?
    public var nextToken: String?
    public init(fleetAttributes: [FleetAttributes]?, nextToken: String? = nil) {
        self.fleetAttributes = fleetAttributes
        self.nextToken = nextToken
    }
    enum CodingKeys: String, CodingKey {
        case fleetAttributes = "FleetAttributes"
        case nextToken = "NextToken"
    }
}

public struct DescribeFleetEventsInput: Codable, Hashable, Sendable {
    public var fleetId: String
    public var startTime: Date?
    public var endTime: Date?
    public var limit: Int?
    public var nextToken: String?
    public init(
        fleetId: String, startTime: Date? = nil, endTime: Date? = nil, limit: Int? = nil, nextToken: String? = nil
    ) {
        self.fleetId = fleetId
        self.startTime = startTime
        self.endTime = endTime
        self.limit = limit
        self.nextToken = nextToken
    }
    enum CodingKeys: String, CodingKey {
        case fleetId = "FleetId"
        case startTime = "StartTime"
        case endTime = "EndTime"
        case limit = "Limit"
        case nextToken = "NextToken"
    }
}

public struct DescribeFleetEventsOutput: Codable, Hashable, Sendable {
    public var events: [FleetEvent]?
    public var nextToken: String?
    public init(events: [FleetEvent]?, nextToken: String? = nil) {
        self.events = events
        self.nextToken = nextToken
    }
    enum CodingKeys: String, CodingKey {
        case events = "Events"
        case nextToken = "NextToken"
    }
}

public struct ListFleetsInput: Codable, Hashable, Sendable {
    public var buildId: String?
    public var scriptId: String?
    public var limit: Int?
    public var nextToken: String?
    public init(buildId: String? = nil, scriptId: String? = nil, limit: Int? = nil, nextToken: String? = nil) {
        self.buildId = buildId
        self.scriptId = scriptId
        self.limit = limit
        self.nextToken = nextToken
    }
    enum CodingKeys: String, CodingKey {
        case buildId = "BuildId"
        case scriptId = "ScriptId"
        case limit = "Limit"
        case nextToken = "NextToken"
    }
}

public struct ListFleetsOutput: Codable, Hashable, Sendable {
    public var fleetIds: [String]?
    public var nextToken: String?
    public init(fleetIds: [String]?, nextToken: String? = nil) {
        self.fleetIds = fleetIds
        self.nextToken = nextToken
    }
    enum CodingKeys: String, CodingKey {
        case fleetIds = "FleetIds"
        case nextToken = "NextToken"
    }
}
