import Foundation
import GameLiftAPI

/// An in-test `GameLift`: answers from a small table of fleets, records each call with its region, and throws
/// the error set for the next call.
final class RecordingGameLift: GameLift, @unchecked Sendable {
    struct Call: Hashable {
        var operation: GameLiftOperation
        var region: String
        var fleetId: String?
    }

    private let lock = NSLock()
    private var configurations: [String: RuntimeConfiguration]
    private var recorded: [Call] = []
    private var nextError: (any Error)?
    let eventTime = Date(timeIntervalSince1970: 1_700_000_000.25)

    init(configurations: [String: RuntimeConfiguration] = [:]) {
        self.configurations = configurations
    }

    var calls: [Call] { lock.withLock { recorded } }

    /// The error the next call throws (once).
    func failNext(with error: any Error) { lock.withLock { nextError = error } }

    private func record(_ operation: GameLiftOperation, _ region: String, _ fleetId: String?) throws {
        try lock.withLock {
            recorded.append(Call(operation: operation, region: region, fleetId: fleetId))
            if let error = nextError {
                nextError = nil
                throw error
            }
        }
    }

    private func configuration(_ fleetId: String) throws -> RuntimeConfiguration {
        guard let configuration = lock.withLock({ configurations[fleetId] }) else {
            throw GameLiftServiceError(code: .notFound, message: "fleet \(fleetId) not found")
        }
        return configuration
    }

    func describeRuntimeConfiguration(_ input: DescribeRuntimeConfigurationInput, region: String) async throws
        -> DescribeRuntimeConfigurationOutput
    {
        try record(.describeRuntimeConfiguration, region, input.fleetId)
        return DescribeRuntimeConfigurationOutput(runtimeConfiguration: try configuration(input.fleetId))
    }

    func updateRuntimeConfiguration(_ input: UpdateRuntimeConfigurationInput, region: String) async throws
        -> UpdateRuntimeConfigurationOutput
    {
        try record(.updateRuntimeConfiguration, region, input.fleetId)
        _ = try configuration(input.fleetId)
        lock.withLock { configurations[input.fleetId] = input.runtimeConfiguration }
        return UpdateRuntimeConfigurationOutput(runtimeConfiguration: input.runtimeConfiguration)
    }

    func describeFleetAttributes(_ input: DescribeFleetAttributesInput, region: String) async throws
        -> DescribeFleetAttributesOutput
    {
        try record(.describeFleetAttributes, region, input.fleetIds?.first)
        let ids = input.fleetIds ?? lock.withLock { configurations.keys.sorted() }
        return DescribeFleetAttributesOutput(
            fleetAttributes: try ids.map { id in
                _ = try configuration(id)
                return FleetAttributes(
                    fleetId: id, status: .active, operatingSystem: .amazonLinux2023, creationTime: eventTime)
            })
    }

    func describeFleetEvents(_ input: DescribeFleetEventsInput, region: String) async throws
        -> DescribeFleetEventsOutput
    {
        try record(.describeFleetEvents, region, input.fleetId)
        _ = try configuration(input.fleetId)
        let event = FleetEvent(
            eventId: "event-1", resourceId: input.fleetId, eventCode: "FLEET_STATE_ACTIVE", message: "active",
            eventTime: eventTime)
        let inWindow =
            (input.startTime.map { eventTime >= $0 } ?? true) && (input.endTime.map { eventTime <= $0 } ?? true)
        return DescribeFleetEventsOutput(events: inWindow ? [event] : [])
    }

    func listFleets(_ input: ListFleetsInput, region: String) async throws -> ListFleetsOutput {
        try record(.listFleets, region, nil)
        return ListFleetsOutput(fleetIds: lock.withLock { configurations.keys.sorted() })
    }
}
