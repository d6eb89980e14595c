import Foundation
import GameLiftAPI

/// A test double of GameLift: fleets in memory, errors scripted per operation and fleet, every call recorded
/// in order. Deliberately simple and independent of the simulation, so tests state exactly what happens.
final class ScriptedGameLift: GameLift, @unchecked Sendable {
    struct Call: Hashable, CustomStringConvertible {
        var operation: GameLiftOperation
        var fleetId: String
        var description: String { "\(operation.rawValue) \(fleetId)" }
    }

    struct Fleet {
        var region: String
        var status: FleetStatus = .active
        var operatingSystem: OperatingSystem = .amazonLinux2023
        var configuration: RuntimeConfiguration
        var name: String? = nil
        var buildId: String? = nil
    }

    private let lock = NSLock()
    private var fleets: [String: Fleet]
    private var scripted: [String: [any Error]] = [:]
    private var calls: [Call] = []
    /// Runs inside every UpdateRuntimeConfiguration before it takes effect (to check the journal, for instance).
    var beforeUpdate: @Sendable (UpdateRuntimeConfigurationInput) -> Void = { _ in }
    /// Runs inside every DescribeFleetAttributes (to let a hold clear, for instance).
    var onDescribeAttributes: @Sendable (String) -> Void = { _ in }

    init(_ fleets: [String: Fleet]) { self.fleets = fleets }

    /// The next calls of `operation` on `fleetId` throw these errors, in order.
    func script(_ operation: GameLiftOperation, _ fleetId: String, _ errors: [any Error]) {
        lock.withLock { scripted["\(operation.rawValue) \(fleetId)", default: []] += errors }
    }

    var recorded: [Call] { lock.withLock { calls } }
    func calls(_ operation: GameLiftOperation) -> [Call] { recorded.filter { $0.operation == operation } }
    func configuration(_ fleetId: String) -> RuntimeConfiguration? { lock.withLock { fleets[fleetId]?.configuration } }
    func setConfiguration(_ fleetId: String, _ c: RuntimeConfiguration) {
        lock.withLock { fleets[fleetId]?.configuration = c }
    }
    func setStatus(_ fleetId: String, _ s: FleetStatus) { lock.withLock { fleets[fleetId]?.status = s } }

    private func enter(_ operation: GameLiftOperation, _ fleetId: String, _ region: String) throws -> Fleet {
        try lock.withLock {
            calls.append(Call(operation: operation, fleetId: fleetId))
            let key = "\(operation.rawValue) \(fleetId)"
            if var queue = scripted[key], !queue.isEmpty {
                let error = queue.removeFirst()
                scripted[key] = queue
                throw error
            }
            guard let fleet = fleets[fleetId], fleet.region == region else {
                throw GameLiftServiceError(
                    code: .notFound, message: "Fleet \(fleetId) not found.", requestId: "req-nf", httpStatus: 400)
            }
            return fleet
        }
    }

    func describeRuntimeConfiguration(_ input: DescribeRuntimeConfigurationInput, region: String) async throws
        -> DescribeRuntimeConfigurationOutput
    {
        let fleet = try enter(.describeRuntimeConfiguration, input.fleetId, region)
        return DescribeRuntimeConfigurationOutput(runtimeConfiguration: fleet.configuration)
    }

    func updateRuntimeConfiguration(_ input: UpdateRuntimeConfigurationInput, region: String) async throws
        -> UpdateRuntimeConfigurationOutput
    {
        let id = input.fleetId.split(separator: "/").last.map(String.init) ?? input.fleetId
        _ = try enter(.updateRuntimeConfiguration, id, region)
        beforeUpdate(input)
        lock.withLock { fleets[id]?.configuration = input.runtimeConfiguration }
        return UpdateRuntimeConfigurationOutput(runtimeConfiguration: input.runtimeConfiguration)
    }

    func describeFleetAttributes(_ input: DescribeFleetAttributesInput, region: String) async throws
        -> DescribeFleetAttributesOutput
    {
        let ids = input.fleetIds ?? []
        for id in ids { onDescribeAttributes(id) }
        let found = try lock.withLock {
            calls.append(Call(operation: .describeFleetAttributes, fleetId: ids.joined(separator: ",")))
            if let key = ids.first.map({ "DescribeFleetAttributes \($0)" }), var queue = scripted[key], !queue.isEmpty {
                let error = queue.removeFirst()
                scripted[key] = queue
                throw error
            }
            return ids.compactMap { id in
                fleets[id].flatMap { f in
                    f.region == region
                        ? FleetAttributes(
                            fleetId: id, name: f.name, status: f.status, operatingSystem: f.operatingSystem,
                            buildId: f.buildId) : nil
                }
            }
        }
        return DescribeFleetAttributesOutput(fleetAttributes: found)
    }

    func describeFleetEvents(_ input: DescribeFleetEventsInput, region: String) async throws
        -> DescribeFleetEventsOutput
    {
        let id = input.fleetId.split(separator: "/").last.map(String.init) ?? input.fleetId
        _ = try enter(.describeFleetEvents, id, region)
        return try lock.withLock {
            eventRequests.append(input)
            // Newest first, like GameLift; only events that have happened by `eventClock`; both ends inclusive.
            let now = eventClock()
            let visible = (events[id] ?? []).filter { e in
                now.map { e.eventTime <= $0 } ?? true && input.startTime.map { e.eventTime >= $0 } ?? true
                    && input.endTime.map { e.eventTime <= $0 } ?? true
            }
            .sorted { ($0.eventTime, $0.eventId) > ($1.eventTime, $1.eventId) }
            var start = 0
            if let token = input.nextToken {
                guard token.hasPrefix("page-"), let offset = Int(token.dropFirst(5)), offset <= visible.count else {
                    throw GameLiftServiceError(code: .invalidRequest, message: "Invalid NextToken", httpStatus: 400)
                }
                start = offset
            }
            let size = min(input.limit ?? eventPageSize, eventPageSize)
            let end = min(visible.count, start + size)
            return DescribeFleetEventsOutput(
                events: Array(visible[start..<end]), nextToken: end < visible.count ? "page-\(end)" : nil)
        }
    }

    // MARK: Event store (additive: with no events stored, DescribeFleetEvents answers an empty log)

    private var events: [String: [FleetEvent]] = [:]
    private var eventRequests: [DescribeFleetEventsInput] = []
    /// Events per DescribeFleetEvents page (GameLift's own maximum is 100).
    var eventPageSize = GameLiftLimits.eventPageSize
    /// When set, events later than this are not visible yet (they have not happened).
    var eventClock: @Sendable () -> Date? = { nil }

    /// Adds events to a fleet's log.
    func log(_ fleetId: String, _ newEvents: [FleetEvent]) {
        lock.withLock { events[fleetId, default: []] += newEvents }
    }
    /// Every DescribeFleetEvents request, in order.
    var eventInputs: [DescribeFleetEventsInput] { lock.withLock { eventRequests } }

    /// When set, ListFleets answers pages of this many ids, each `NextToken` the offset of the next page.
    var listPageSize: Int?

    func listFleets(_ input: ListFleetsInput, region: String) async throws -> ListFleetsOutput {
        try lock.withLock {
            calls.append(Call(operation: .listFleets, fleetId: input.nextToken ?? ""))
            if var queue = scripted["ListFleets \(region)"], !queue.isEmpty {
                let error = queue.removeFirst()
                scripted["ListFleets \(region)"] = queue
                throw error
            }
            let ids = fleets.filter { $0.value.region == region }.keys.sorted()
            guard let size = listPageSize else { return ListFleetsOutput(fleetIds: ids) }
            let start = Int(input.nextToken ?? "0") ?? 0
            let end = min(ids.count, start + size)
            return ListFleetsOutput(fleetIds: Array(ids[start..<end]), nextToken: end < ids.count ? String(end) : nil)
        }
    }
}
