// The GameLift operations fleetform uses, declared once: each input names its operation and output, and
// `GameLiftService` has one `answer` per operation. Adding an operation: its shapes (Operations.swift), a case
// of `GameLiftOperation`, a row in each table below, and its behaviour in the simulation
// (docs/architecture.md, "How to add a GameLift operation").

/// A GameLift that gives each operation its own behaviour: the simulation and test doubles. Forwarders implement
/// `GameLift.send` instead. An answerer that leaves an operation out answers it as GameLift answers an unknown
/// operation (`unanswered`).
public protocol GameLiftService: GameLift {
    func answer(_ request: DescribeRuntimeConfigurationInput, region: String) async throws
        -> DescribeRuntimeConfigurationOutput
    func answer(_ request: UpdateRuntimeConfigurationInput, region: String) async throws
        -> UpdateRuntimeConfigurationOutput
    func answer(_ request: DescribeFleetAttributesInput, region: String) async throws -> DescribeFleetAttributesOutput
    func answer(_ request: DescribeFleetEventsInput, region: String) async throws -> DescribeFleetEventsOutput
    func answer(_ request: ListFleetsInput, region: String) async throws -> ListFleetsOutput
    /// Remote locations of a fleet; a single-location fleet answers none.
    func answer(_ request: DescribeFleetLocationAttributesInput, region: String) async throws
        -> DescribeFleetLocationAttributesOutput
    /// Instance counts per fleet (home Region), for the capacity a plan's impact reports.
    func answer(_ request: DescribeFleetCapacityInput, region: String) async throws -> DescribeFleetCapacityOutput
    /// Active server processes and game sessions per fleet (home Region), for the plan's capacity-drop warning.
    func answer(_ request: DescribeFleetUtilizationInput, region: String) async throws -> DescribeFleetUtilizationOutput
    /// Instance counts of one fleet in one of its locations: how a plan reads a remote location's capacity.
    func answer(_ request: DescribeFleetLocationCapacityInput, region: String) async throws
        -> DescribeFleetLocationCapacityOutput
    /// Active server processes and game sessions of one fleet in one of its locations.
    func answer(_ request: DescribeFleetLocationUtilizationInput, region: String) async throws
        -> DescribeFleetLocationUtilizationOutput
    /// A container fleet's latest deployment, or the one named.
    func answer(_ request: DescribeFleetDeploymentInput, region: String) async throws -> DescribeFleetDeploymentOutput
}

extension GameLiftService {
    public func answer(_ request: DescribeRuntimeConfigurationInput, region: String) async throws
        -> DescribeRuntimeConfigurationOutput
    { throw unanswered(request) }
    public func answer(_ request: UpdateRuntimeConfigurationInput, region: String) async throws
        -> UpdateRuntimeConfigurationOutput
    { throw unanswered(request) }
    public func answer(_ request: DescribeFleetAttributesInput, region: String) async throws
        -> DescribeFleetAttributesOutput
    { throw unanswered(request) }
    public func answer(_ request: DescribeFleetEventsInput, region: String) async throws -> DescribeFleetEventsOutput {
        throw unanswered(request)
    }
    public func answer(_ request: ListFleetsInput, region: String) async throws -> ListFleetsOutput {
        throw unanswered(request)
    }
    /// No remote locations: what a single-location fleet answers, so simple test doubles are single-location.
    public func answer(_ request: DescribeFleetLocationAttributesInput, region: String) async throws
        -> DescribeFleetLocationAttributesOutput
    { DescribeFleetLocationAttributesOutput(fleetId: request.fleetId, locationAttributes: []) }
    public func answer(_ request: DescribeFleetCapacityInput, region: String) async throws
        -> DescribeFleetCapacityOutput
    { throw unanswered(request) }
    public func answer(_ request: DescribeFleetUtilizationInput, region: String) async throws
        -> DescribeFleetUtilizationOutput
    { throw unanswered(request) }
    public func answer(_ request: DescribeFleetLocationCapacityInput, region: String) async throws
        -> DescribeFleetLocationCapacityOutput
    { throw unanswered(request) }
    public func answer(_ request: DescribeFleetLocationUtilizationInput, region: String) async throws
        -> DescribeFleetLocationUtilizationOutput
    { throw unanswered(request) }
    public func answer(_ request: DescribeFleetDeploymentInput, region: String) async throws
        -> DescribeFleetDeploymentOutput
    { throw unanswered(request) }
}

extension DescribeRuntimeConfigurationInput: GameLiftRequest {
    public typealias Output = DescribeRuntimeConfigurationOutput
    public static var operation: GameLiftOperation { .describeRuntimeConfiguration }
    public func answer(from service: some GameLiftService, region: String) async throws -> Output {
        try await service.answer(self, region: region)
    }
}

extension UpdateRuntimeConfigurationInput: GameLiftRequest {
    public typealias Output = UpdateRuntimeConfigurationOutput
    public static var operation: GameLiftOperation { .updateRuntimeConfiguration }
    public func answer(from service: some GameLiftService, region: String) async throws -> Output {
        try await service.answer(self, region: region)
    }
}

extension DescribeFleetAttributesInput: GameLiftRequest {
    public typealias Output = DescribeFleetAttributesOutput
    public static var operation: GameLiftOperation { .describeFleetAttributes }
    public func answer(from service: some GameLiftService, region: String) async throws -> Output {
        try await service.answer(self, region: region)
    }
}

extension DescribeFleetEventsInput: GameLiftRequest {
    public typealias Output = DescribeFleetEventsOutput
    public static var operation: GameLiftOperation { .describeFleetEvents }
    public func answer(from service: some GameLiftService, region: String) async throws -> Output {
        try await service.answer(self, region: region)
    }
}

extension ListFleetsInput: GameLiftRequest {
    public typealias Output = ListFleetsOutput
    public static var operation: GameLiftOperation { .listFleets }
    public func answer(from service: some GameLiftService, region: String) async throws -> Output {
        try await service.answer(self, region: region)
    }
}

extension DescribeFleetLocationAttributesInput: GameLiftRequest {
    public typealias Output = DescribeFleetLocationAttributesOutput
    public static var operation: GameLiftOperation { .describeFleetLocationAttributes }
    public func answer(from service: some GameLiftService, region: String) async throws -> Output {
        try await service.answer(self, region: region)
    }
}

extension DescribeFleetCapacityInput: GameLiftRequest {
    public typealias Output = DescribeFleetCapacityOutput
    public static var operation: GameLiftOperation { .describeFleetCapacity }
    public func answer(from service: some GameLiftService, region: String) async throws -> Output {
        try await service.answer(self, region: region)
    }
}

extension DescribeFleetUtilizationInput: GameLiftRequest {
    public typealias Output = DescribeFleetUtilizationOutput
    public static var operation: GameLiftOperation { .describeFleetUtilization }
    public func answer(from service: some GameLiftService, region: String) async throws -> Output {
        try await service.answer(self, region: region)
    }
}

extension DescribeFleetLocationCapacityInput: GameLiftRequest {
    public typealias Output = DescribeFleetLocationCapacityOutput
    public static var operation: GameLiftOperation { .describeFleetLocationCapacity }
    public func answer(from service: some GameLiftService, region: String) async throws -> Output {
        try await service.answer(self, region: region)
    }
}

extension DescribeFleetLocationUtilizationInput: GameLiftRequest {
    public typealias Output = DescribeFleetLocationUtilizationOutput
    public static var operation: GameLiftOperation { .describeFleetLocationUtilization }
    public func answer(from service: some GameLiftService, region: String) async throws -> Output {
        try await service.answer(self, region: region)
    }
}

extension DescribeFleetDeploymentInput: GameLiftRequest {
    public typealias Output = DescribeFleetDeploymentOutput
    public static var operation: GameLiftOperation { .describeFleetDeployment }
    public func answer(from service: some GameLiftService, region: String) async throws -> Output {
        try await service.answer(self, region: region)
    }
}

/// The names of the operations, as they appear in `X-Amz-Target: GameLift.<name>`.
public enum GameLiftOperation: String, CaseIterable, Sendable, Codable {
    case describeRuntimeConfiguration = "DescribeRuntimeConfiguration"
    case updateRuntimeConfiguration = "UpdateRuntimeConfiguration"
    case describeFleetAttributes = "DescribeFleetAttributes"
    case describeFleetEvents = "DescribeFleetEvents"
    case listFleets = "ListFleets"
    case describeFleetLocationAttributes = "DescribeFleetLocationAttributes"
    case describeFleetCapacity = "DescribeFleetCapacity"
    case describeFleetUtilization = "DescribeFleetUtilization"
    case describeFleetLocationCapacity = "DescribeFleetLocationCapacity"
    case describeFleetLocationUtilization = "DescribeFleetLocationUtilization"
    case describeFleetDeployment = "DescribeFleetDeployment"

    /// The input type of the operation: how a server decodes a request that names it.
    public var requestType: any GameLiftRequest.Type {
        switch self {
        case .describeRuntimeConfiguration: DescribeRuntimeConfigurationInput.self
        case .updateRuntimeConfiguration: UpdateRuntimeConfigurationInput.self
        case .describeFleetAttributes: DescribeFleetAttributesInput.self
        case .describeFleetEvents: DescribeFleetEventsInput.self
        case .listFleets: ListFleetsInput.self
        case .describeFleetLocationAttributes: DescribeFleetLocationAttributesInput.self
        case .describeFleetCapacity: DescribeFleetCapacityInput.self
        case .describeFleetUtilization: DescribeFleetUtilizationInput.self
        case .describeFleetLocationCapacity: DescribeFleetLocationCapacityInput.self
        case .describeFleetLocationUtilization: DescribeFleetLocationUtilizationInput.self
        case .describeFleetDeployment: DescribeFleetDeploymentInput.self
        }
    }
}
