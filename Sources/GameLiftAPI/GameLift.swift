import Foundation

/// The seam between fleetform and GameLift. The AWS HTTP client, the simulation, the resilience decorator
/// and test doubles all implement it; the planner and applier know nothing else of the network.
///
/// Every call names the AWS region it is for: one fleetform run may touch fleets in several regions.
public protocol GameLift: Sendable {
    func describeRuntimeConfiguration(_ input: DescribeRuntimeConfigurationInput, region: String) async throws
        -> DescribeRuntimeConfigurationOutput
    func updateRuntimeConfiguration(_ input: UpdateRuntimeConfigurationInput, region: String) async throws
        -> UpdateRuntimeConfigurationOutput
    func describeFleetAttributes(_ input: DescribeFleetAttributesInput, region: String) async throws
        -> DescribeFleetAttributesOutput
    func describeFleetEvents(_ input: DescribeFleetEventsInput, region: String) async throws
        -> DescribeFleetEventsOutput
    func listFleets(_ input: ListFleetsInput, region: String) async throws -> ListFleetsOutput
    func describeFleetLocationAttributes(_ input: DescribeFleetLocationAttributesInput, region: String)
        async throws -> DescribeFleetLocationAttributesOutput
    /// Instance counts per fleet (home Region), for the capacity a plan's impact reports.
    func describeFleetCapacity(_ input: DescribeFleetCapacityInput, region: String) async throws
        -> DescribeFleetCapacityOutput
    /// Active server processes and game sessions per fleet (home Region), for the plan's capacity-drop warning.
    func describeFleetUtilization(_ input: DescribeFleetUtilizationInput, region: String) async throws
        -> DescribeFleetUtilizationOutput
    /// Instance counts of one fleet in one of its locations: how a plan reads a remote location's capacity.
    func describeFleetLocationCapacity(_ input: DescribeFleetLocationCapacityInput, region: String) async throws
        -> DescribeFleetLocationCapacityOutput
    /// Active server processes and game sessions of one fleet in one of its locations.
    func describeFleetLocationUtilization(_ input: DescribeFleetLocationUtilizationInput, region: String)
        async throws -> DescribeFleetLocationUtilizationOutput
}

extension GameLift {
    /// No remote locations: what a single-location fleet answers. The real client, the simulation and the
    /// resilience layer implement the operation; this default keeps simple test doubles single-location.
    public func describeFleetLocationAttributes(_ input: DescribeFleetLocationAttributesInput, region: String)
        async throws -> DescribeFleetLocationAttributesOutput
    {
        DescribeFleetLocationAttributesOutput(fleetId: input.fleetId, locationAttributes: [])
    }
}

/// JSON encoders for GameLift's wire format: AWS JSON 1.1 writes timestamps as epoch seconds.
public enum GameLiftJSON {
    public static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .secondsSince1970
        e.outputFormatting = [.sortedKeys]
        return e
    }

    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .secondsSince1970
        return d
    }
}
