import Foundation

// DescribeFleetDeployment: the deployment of a managed container fleet, with the API's own member names.

/// The latest deployment of a container fleet (id or ARN), or the one `deploymentId` names.
public struct DescribeFleetDeploymentInput: Codable, Hashable, Sendable {
    public var fleetId: String
    public var deploymentId: String?

    public init(fleetId: String, deploymentId: String? = nil) {
        self.fleetId = fleetId
        self.deploymentId = deploymentId
    }

    enum CodingKeys: String, CodingKey {
        case fleetId = "FleetId"
        case deploymentId = "DeploymentId"
    }
}

public struct DescribeFleetDeploymentOutput: Codable, Hashable, Sendable {
    public var fleetDeployment: FleetDeployment?
    /// The deployment's status in each of the fleet's locations, by location name.
    public var locationalDeployments: [String: LocationalDeployment]?

    public init(fleetDeployment: FleetDeployment?, locationalDeployments: [String: LocationalDeployment]? = nil) {
        self.fleetDeployment = fleetDeployment
        self.locationalDeployments = locationalDeployments
    }

    enum CodingKeys: String, CodingKey {
        case fleetDeployment = "FleetDeployment"
        case locationalDeployments = "LocationalDeployments"
    }
}

/// One deployment of a container fleet's container group definitions.
public struct FleetDeployment: Codable, Hashable, Sendable {
    public var deploymentId: String?
    public var fleetId: String?
    public var gameServerBinaryArn: String?
    public var rollbackGameServerBinaryArn: String?
    public var perInstanceBinaryArn: String?
    public var rollbackPerInstanceBinaryArn: String?
    /// `PENDING`, `IN_PROGRESS`, `IMPAIRED`, `COMPLETE`, `ROLLBACK_IN_PROGRESS`, `ROLLBACK_COMPLETE` or
    /// `CANCELLED`; kept as text so that a status added later still decodes.
    public var deploymentStatus: String?
    public var deploymentConfiguration: DeploymentConfiguration?
    public var creationTime: Date?

    public init(
        deploymentId: String? = nil, fleetId: String? = nil, gameServerBinaryArn: String? = nil,
        rollbackGameServerBinaryArn: String? = nil, perInstanceBinaryArn: String? = nil,
        rollbackPerInstanceBinaryArn: String? = nil, deploymentStatus: String? = nil,
        deploymentConfiguration: DeploymentConfiguration? = nil, creationTime: Date? = nil
    ) {
        self.deploymentId = deploymentId
        self.fleetId = fleetId
        self.gameServerBinaryArn = gameServerBinaryArn
        self.rollbackGameServerBinaryArn = rollbackGameServerBinaryArn
        self.perInstanceBinaryArn = perInstanceBinaryArn
        self.rollbackPerInstanceBinaryArn = rollbackPerInstanceBinaryArn
        self.deploymentStatus = deploymentStatus
        self.deploymentConfiguration = deploymentConfiguration
        self.creationTime = creationTime
    }

    enum CodingKeys: String, CodingKey {
        case deploymentId = "DeploymentId"
        case fleetId = "FleetId"
        case gameServerBinaryArn = "GameServerBinaryArn"
        case rollbackGameServerBinaryArn = "RollbackGameServerBinaryArn"
        case perInstanceBinaryArn = "PerInstanceBinaryArn"
        case rollbackPerInstanceBinaryArn = "RollbackPerInstanceBinaryArn"
        case deploymentStatus = "DeploymentStatus"
        case deploymentConfiguration = "DeploymentConfiguration"
        case creationTime = "CreationTime"
    }
}

/// How a deployment replaces running tasks.
public struct DeploymentConfiguration: Codable, Hashable, Sendable {
    /// `WITH_PROTECTION` or `IGNORE_PROTECTION`.
    public var protectionStrategy: String?
    /// 30 to 75.
    public var minimumHealthyPercentage: Int?
    /// `MAINTAIN` or `ROLLBACK`.
    public var impairmentStrategy: String?

    public init(
        protectionStrategy: String? = nil, minimumHealthyPercentage: Int? = nil, impairmentStrategy: String? = nil
    ) {
        self.protectionStrategy = protectionStrategy
        self.minimumHealthyPercentage = minimumHealthyPercentage
        self.impairmentStrategy = impairmentStrategy
    }

    enum CodingKeys: String, CodingKey {
        case protectionStrategy = "ProtectionStrategy"
        case minimumHealthyPercentage = "MinimumHealthyPercentage"
        case impairmentStrategy = "ImpairmentStrategy"
    }
}

/// A deployment's status in one location.
public struct LocationalDeployment: Codable, Hashable, Sendable {
    public var deploymentStatus: String?

    public init(deploymentStatus: String?) { self.deploymentStatus = deploymentStatus }

    enum CodingKeys: String, CodingKey { case deploymentStatus = "DeploymentStatus" }
}
