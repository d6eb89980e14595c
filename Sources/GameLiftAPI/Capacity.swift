import Foundation

/// A fleet's instance counts in one location (`EC2InstanceCounts`). Every member is optional in the service
/// model; each is a whole number (`WholeNumber`, at least 0), which `validated` checks before any arithmetic.
public struct InstanceCounts: Codable, Hashable, Sendable {
    public var desired: Int?
    public var minimum: Int?
    public var maximum: Int?
    public var pending: Int?
    /// Instances running and able to host server processes.
    public var active: Int?
    public var idle: Int?
    public var terminating: Int?

    public init(
        desired: Int? = nil, minimum: Int? = nil, maximum: Int? = nil, pending: Int? = nil, active: Int? = nil,
        idle: Int? = nil, terminating: Int? = nil
    ) {
        self.desired = desired
        self.minimum = minimum
        self.maximum = maximum
        self.pending = pending
        self.active = active
        self.idle = idle
        self.terminating = terminating
    }

    enum CodingKeys: String, CodingKey {
        case desired = "DESIRED"
        case minimum = "MINIMUM"
        case maximum = "MAXIMUM"
        case pending = "PENDING"
        case active = "ACTIVE"
        case idle = "IDLE"
        case terminating = "TERMINATING"
    }
}

/// A fleet's capacity in one location (`FleetCapacity`), as `DescribeFleetCapacity` answers it. For a
/// multi-location fleet that operation answers the home Region only.
public struct FleetCapacity: Codable, Hashable, Sendable {
    public var fleetId: String?
    public var fleetArn: String?
    public var instanceType: String?
    public var instanceCounts: InstanceCounts?
    /// The Region (or custom location) these counts are for.
    public var location: String?

    public init(
        fleetId: String? = nil, fleetArn: String? = nil, instanceType: String? = nil,
        instanceCounts: InstanceCounts? = nil, location: String? = nil
    ) {
        self.fleetId = fleetId
        self.fleetArn = fleetArn
        self.instanceType = instanceType
        self.instanceCounts = instanceCounts
        self.location = location
    }

    /// The fleet id, from `FleetId` or else from `FleetArn`.
    public var resolvedFleetId: String? {
        fleetId ?? fleetArn.map { FleetIdentifier(unchecked: $0).fleetId }
    }

    enum CodingKeys: String, CodingKey {
        case fleetId = "FleetId"
        case fleetArn = "FleetArn"
        case instanceType = "InstanceType"
        case instanceCounts = "InstanceCounts"
        case location = "Location"
    }
}

/// A fleet's use in one location (`FleetUtilization`), as `DescribeFleetUtilization` answers it.
public struct FleetUtilization: Codable, Hashable, Sendable {
    public var fleetId: String?
    public var fleetArn: String?
    public var activeServerProcessCount: Int?
    /// Game sessions running now: players in them lose their match when their process goes.
    public var activeGameSessionCount: Int?
    public var currentPlayerSessionCount: Int?
    public var maximumPlayerSessionCount: Int?
    public var location: String?

    public init(
        fleetId: String? = nil, fleetArn: String? = nil, activeServerProcessCount: Int? = nil,
        activeGameSessionCount: Int? = nil, currentPlayerSessionCount: Int? = nil,
        maximumPlayerSessionCount: Int? = nil, location: String? = nil
    ) {
        self.fleetId = fleetId
        self.fleetArn = fleetArn
        self.activeServerProcessCount = activeServerProcessCount
        self.activeGameSessionCount = activeGameSessionCount
        self.currentPlayerSessionCount = currentPlayerSessionCount
        self.maximumPlayerSessionCount = maximumPlayerSessionCount
        self.location = location
    }

    /// The fleet id, from `FleetId` or else from `FleetArn`.
    public var resolvedFleetId: String? {
        fleetId ?? fleetArn.map { FleetIdentifier(unchecked: $0).fleetId }
    }

    enum CodingKeys: String, CodingKey {
        case fleetId = "FleetId"
        case fleetArn = "FleetArn"
        case activeServerProcessCount = "ActiveServerProcessCount"
        case activeGameSessionCount = "ActiveGameSessionCount"
        case currentPlayerSessionCount = "CurrentPlayerSessionCount"
        case maximumPlayerSessionCount = "MaximumPlayerSessionCount"
        case location = "Location"
    }
}

/// `DescribeFleetCapacity` and `DescribeFleetUtilization` take the same input: up to
/// `GameLiftLimits.fleetCapacityBatch` fleet ids or ARNs (all fleets of the Region when `nil`), and paging.
public struct DescribeFleetCapacityInput: Codable, Hashable, Sendable {
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

public struct DescribeFleetCapacityOutput: Codable, Hashable, Sendable {
    public var fleetCapacity: [FleetCapacity]?
    public var nextToken: String?

    public init(fleetCapacity: [FleetCapacity]?, nextToken: String? = nil) {
        self.fleetCapacity = fleetCapacity
        self.nextToken = nextToken
    }

    enum CodingKeys: String, CodingKey {
        case fleetCapacity = "FleetCapacity"
        case nextToken = "NextToken"
    }
}

/// The input of `DescribeFleetUtilization`: `DescribeFleetCapacityInput`'s members, on the wire as they are, in a
/// type of its own because the request type names the operation.
public struct DescribeFleetUtilizationInput: Codable, Hashable, Sendable {
    public var members: DescribeFleetCapacityInput

    public init(fleetIds: [String]? = nil, limit: Int? = nil, nextToken: String? = nil) {
        members = DescribeFleetCapacityInput(fleetIds: fleetIds, limit: limit, nextToken: nextToken)
    }

    public init(from decoder: any Decoder) throws { members = try DescribeFleetCapacityInput(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try members.encode(to: encoder) }
}

public struct DescribeFleetUtilizationOutput: Codable, Hashable, Sendable {
    public var fleetUtilization: [FleetUtilization]?
    public var nextToken: String?

    public init(fleetUtilization: [FleetUtilization]?, nextToken: String? = nil) {
        self.fleetUtilization = fleetUtilization
        self.nextToken = nextToken
    }

    enum CodingKeys: String, CodingKey {
        case fleetUtilization = "FleetUtilization"
        case nextToken = "NextToken"
    }
}

/// `DescribeFleetLocationCapacity` and `DescribeFleetLocationUtilization`: one fleet (id or ARN) in one of its
/// locations (a remote location, or the home Region).
public struct DescribeFleetLocationCapacityInput: Codable, Hashable, Sendable {
    public var fleetId: String
    public var location: String

    public init(fleetId: String, location: String) {
        self.fleetId = fleetId
        self.location = location
    }

    enum CodingKeys: String, CodingKey {
        case fleetId = "FleetId"
        case location = "Location"
    }
}

public struct DescribeFleetLocationCapacityOutput: Codable, Hashable, Sendable {
    public var fleetCapacity: FleetCapacity?

    public init(fleetCapacity: FleetCapacity?) { self.fleetCapacity = fleetCapacity }

    enum CodingKeys: String, CodingKey { case fleetCapacity = "FleetCapacity" }
}

/// The input of `DescribeFleetLocationUtilization`: `DescribeFleetLocationCapacityInput`'s members, on the wire as
/// they are, in a type of its own because the request type names the operation.
public struct DescribeFleetLocationUtilizationInput: Codable, Hashable, Sendable {
    public var members: DescribeFleetLocationCapacityInput

    public init(fleetId: String, location: String) {
        members = DescribeFleetLocationCapacityInput(fleetId: fleetId, location: location)
    }

    public init(from decoder: any Decoder) throws { members = try DescribeFleetLocationCapacityInput(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try members.encode(to: encoder) }
}

public struct DescribeFleetLocationUtilizationOutput: Codable, Hashable, Sendable {
    public var fleetUtilization: FleetUtilization?

    public init(fleetUtilization: FleetUtilization?) { self.fleetUtilization = fleetUtilization }

    enum CodingKeys: String, CodingKey { case fleetUtilization = "FleetUtilization" }
}
