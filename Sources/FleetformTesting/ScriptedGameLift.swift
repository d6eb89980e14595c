import Foundation
import GameLiftAPI

/// The test double of GameLift: fleets in memory (or every call passed on to another `GameLift`, such as the
/// simulation), errors scripted per operation and fleet, every call recorded in order with its region.
/// Deliberately simple, so tests state exactly what happens.
public final class ScriptedGameLift: GameLiftService, @unchecked Sendable {
    /// One call as it was received.
    public struct Call: Hashable, Sendable, CustomStringConvertible {
        public var operation: GameLiftOperation
        public var region: String
        /// The fleet the call named: for `DescribeFleetAttributes` the ids joined by commas, for `ListFleets`
        /// the page token (empty for the first page).
        public var fleetId: String

        public init(operation: GameLiftOperation, region: String, fleetId: String) {
            self.operation = operation
            self.region = region
            self.fleetId = fleetId
        }

        public var description: String { "\(operation.rawValue) \(fleetId)" }
    }

    /// A fleet in memory.
    public struct Fleet: Sendable {
        /// The region the fleet is in; `nil`: it answers in every region.
        public var region: String?
        public var status: FleetStatus
        public var operatingSystem: OperatingSystem
        public var configuration: RuntimeConfiguration
        public var name: String?
        public var buildId: String?
        public var creationTime: Date?
        /// What DescribeFleetAttributes and DescribeFleetCapacity report; `nil` leaves it out.
        public var instanceType: String?
        public var computeType: ComputeType?
        /// Active instances (DescribeFleetCapacity) and game sessions running now (DescribeFleetUtilization).
        public var instances: Int
        public var activeGameSessions: Int
        /// Remote locations by name, each with its active instances and game sessions running
        /// (DescribeFleetLocationAttributes, DescribeFleetLocationCapacity, DescribeFleetLocationUtilization).
        public var remoteLocations: [String: (instances: Int, activeGameSessions: Int)]

        public init(
            region: String?, status: FleetStatus = .active, operatingSystem: OperatingSystem = .amazonLinux2023,
            configuration: RuntimeConfiguration, name: String? = nil, buildId: String? = nil,
            creationTime: Date? = nil, instanceType: String? = nil, computeType: ComputeType? = nil,
            instances: Int = 1, activeGameSessions: Int = 0,
            remoteLocations: [String: (instances: Int, activeGameSessions: Int)] = [:]
        ) {
            self.remoteLocations = remoteLocations
            self.instanceType = instanceType
            self.computeType = computeType
            self.instances = instances
            self.activeGameSessions = activeGameSessions
            self.region = region
            self.status = status
            self.operatingSystem = operatingSystem
            self.configuration = configuration
            self.name = name
            self.buildId = buildId
            self.creationTime = creationTime
        }

        func answers(in region: String) -> Bool { self.region.map { $0 == region } ?? true }
    }

    private let lock = NSLock()
    private let base: (any GameLift)?
    private var fleets: [String: Fleet]
    private var scripted: [String: [any Error]] = [:]
    private var nextError: (any Error)?
    private var calls: [Call] = []
    private var events: [String: [FleetEvent]] = [:]
    private var eventRequests: [DescribeFleetEventsInput] = []

    /// Runs inside every UpdateRuntimeConfiguration before it takes effect (to check the journal, for instance).
    public var beforeUpdate: @Sendable (UpdateRuntimeConfigurationInput) -> Void = { _ in }
    /// Runs inside every DescribeFleetAttributes, for each fleet named (to let a hold clear, for instance).
    public var onDescribeAttributes: @Sendable (String) -> Void = { _ in }
    /// Events per DescribeFleetEvents page (GameLift's own maximum is 100).
    public var eventPageSize = GameLiftLimits.eventPageSize
    /// When set, events later than this are not visible yet (they have not happened).
    public var eventClock: @Sendable () -> Date? = { nil }
    /// When set, ListFleets answers pages of this many ids, each `NextToken` the offset of the next page.
    public var listPageSize: Int?
    /// When set, DescribeFleetCapacity and DescribeFleetUtilization answer pages of this many fleets.
    public var capacityPageSize: Int?

    /// A GameLift of the given fleets, by id.
    public init(_ fleets: [String: Fleet]) {
        self.fleets = fleets
        self.base = nil
    }

    /// Fleets answering in every region, with the given configurations.
    public convenience init(configurations: [String: RuntimeConfiguration] = [:], creationTime: Date? = nil) {
        self.init(
            configurations.mapValues { Fleet(region: nil, configuration: $0, creationTime: creationTime) })
    }

    /// Records every call and throws the scripted errors, passing everything else on to `base`.
    public init(passingTo base: any GameLift) {
        self.fleets = [:]
        self.base = base
    }

    // MARK: Scripting and inspecting

    /// The next calls of `operation` on `fleetId` throw these errors, in order. For `ListFleets`, `fleetId`
    /// is the region; for the batched reads (`DescribeFleetAttributes`, `DescribeFleetCapacity`,
    /// `DescribeFleetUtilization`) it is the first fleet of the batch.
    public func script(_ operation: GameLiftOperation, _ fleetId: String, _ errors: [any Error]) {
        lock.withLock { scripted["\(operation.rawValue) \(fleetId)", default: []] += errors }
    }

    /// The next call, whatever it is, throws `error` (once).
    public func failNext(with error: any Error) { lock.withLock { nextError = error } }

    /// Every call, in order.
    public var recorded: [Call] { lock.withLock { calls } }
    public func calls(_ operation: GameLiftOperation) -> [Call] { recorded.filter { $0.operation == operation } }
    public func configuration(_ fleetId: String) -> RuntimeConfiguration? {
        lock.withLock { fleets[fleetId]?.configuration }
    }
    public func setConfiguration(_ fleetId: String, _ c: RuntimeConfiguration) {
        lock.withLock { fleets[fleetId]?.configuration = c }
    }
    public func setStatus(_ fleetId: String, _ s: FleetStatus) { lock.withLock { fleets[fleetId]?.status = s } }

    /// Adds events to a fleet's log.
    public func log(_ fleetId: String, _ newEvents: [FleetEvent]) {
        lock.withLock { events[fleetId, default: []] += newEvents }
    }
    /// Every DescribeFleetEvents request, in order.
    public var eventInputs: [DescribeFleetEventsInput] { lock.withLock { eventRequests } }

    // MARK: GameLift

    /// Records the call and throws what is scripted for it.
    private func enter(_ operation: GameLiftOperation, _ region: String, _ fleetId: String, key: String? = nil) throws {
        try lock.withLock {
            calls.append(Call(operation: operation, region: region, fleetId: fleetId))
            if let error = nextError {
                nextError = nil
                throw error
            }
            let key = key ?? "\(operation.rawValue) \(fleetId)"
            if var queue = scripted[key], !queue.isEmpty {
                let error = queue.removeFirst()
                scripted[key] = queue
                throw error
            }
        }
    }

    private func fleet(_ fleetId: String, _ region: String) throws -> Fleet {
        guard let fleet = lock.withLock({ fleets[fleetId] }), fleet.answers(in: region) else {
            throw GameLiftServiceError(
                code: .notFound, message: "Fleet \(fleetId) not found.", requestId: "req-nf", httpStatus: 400)
        }
        return fleet
    }

    private static func id(_ fleetIdOrArn: String) -> String {
        fleetIdOrArn.split(separator: "/").last.map(String.init) ?? fleetIdOrArn
    }

    public func answer(_ input: DescribeRuntimeConfigurationInput, region: String) async throws
        -> DescribeRuntimeConfigurationOutput
    {
        try enter(.describeRuntimeConfiguration, region, Self.id(input.fleetId))
        if let base { return try await base.send(input, region: region) }
        let fleet = try fleet(Self.id(input.fleetId), region)
        return DescribeRuntimeConfigurationOutput(runtimeConfiguration: fleet.configuration)
    }

    public func answer(_ input: UpdateRuntimeConfigurationInput, region: String) async throws
        -> UpdateRuntimeConfigurationOutput
    {
        let id = Self.id(input.fleetId)
        try enter(.updateRuntimeConfiguration, region, id)
        if let base { return try await base.send(input, region: region) }
        _ = try fleet(id, region)
        beforeUpdate(input)
        lock.withLock { fleets[id]?.configuration = input.runtimeConfiguration }
        return UpdateRuntimeConfigurationOutput(runtimeConfiguration: input.runtimeConfiguration)
    }

    public func answer(_ input: DescribeFleetAttributesInput, region: String) async throws
        -> DescribeFleetAttributesOutput
    {
        let ids = input.fleetIds ?? lock.withLock { fleets.filter { $0.value.answers(in: region) }.keys.sorted() }
        for id in ids { onDescribeAttributes(id) }
        try enter(
            .describeFleetAttributes, region, ids.joined(separator: ","),
            key: ids.first.map { "DescribeFleetAttributes \($0)" })
        if let base { return try await base.send(input, region: region) }
        let found = lock.withLock {
            ids.compactMap { id in
                fleets[id].flatMap { f in
                    f.answers(in: region)
                        ? FleetAttributes(
                            fleetId: id, name: f.name, status: f.status, operatingSystem: f.operatingSystem,
                            buildId: f.buildId, instanceType: f.instanceType, creationTime: f.creationTime,
                            computeType: f.computeType) : nil
                }
            }
        }
        return DescribeFleetAttributesOutput(fleetAttributes: found)
    }

    public func answer(_ input: DescribeFleetEventsInput, region: String) async throws
        -> DescribeFleetEventsOutput
    {
        let id = Self.id(input.fleetId)
        try enter(.describeFleetEvents, region, id)
        if let base { return try await base.send(input, region: region) }
        _ = try fleet(id, region)
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

    public func answer(_ input: ListFleetsInput, region: String) async throws -> ListFleetsOutput {
        try enter(.listFleets, region, input.nextToken ?? "", key: "ListFleets \(region)")
        if let base { return try await base.send(input, region: region) }
        let ids = lock.withLock { fleets.filter { $0.value.answers(in: region) }.keys.sorted() }
        guard let size = listPageSize else { return ListFleetsOutput(fleetIds: ids) }
        let start = Int(input.nextToken ?? "0") ?? 0
        let end = min(ids.count, start + size)
        return ListFleetsOutput(fleetIds: Array(ids[start..<end]), nextToken: end < ids.count ? String(end) : nil)
    }

    public func answer(_ input: DescribeFleetCapacityInput, region: String) async throws
        -> DescribeFleetCapacityOutput
    {
        let ids = input.fleetIds ?? []
        try enter(
            .describeFleetCapacity, region, ids.joined(separator: ","),
            key: ids.first.map { "DescribeFleetCapacity \(Self.id($0))" })
        if let base { return try await base.send(input, region: region) }
        let (page, next) = try capacityPage(input, region: region)
        let items = page.map { id, f in
            FleetCapacity(
                fleetId: id, instanceType: f.instanceType,
                instanceCounts: InstanceCounts(desired: f.instances, active: f.instances), location: region)
        }
        return DescribeFleetCapacityOutput(fleetCapacity: items, nextToken: next)
    }

    public func answer(_ input: DescribeFleetUtilizationInput, region: String) async throws
        -> DescribeFleetUtilizationOutput
    {
        let ids = input.members.fleetIds ?? []
        try enter(
            .describeFleetUtilization, region, ids.joined(separator: ","),
            key: ids.first.map { "DescribeFleetUtilization \(Self.id($0))" })
        if let base { return try await base.send(input, region: region) }
        let (page, next) = try capacityPage(input.members, region: region)
        let items = page.map { id, f in
            FleetUtilization(fleetId: id, activeGameSessionCount: f.activeGameSessions, location: region)
        }
        return DescribeFleetUtilizationOutput(fleetUtilization: items, nextToken: next)
    }

    /// The known fleets a capacity or utilization request names in `region`, one page of `capacityPageSize`.
    private func capacityPage(_ input: DescribeFleetCapacityInput, region: String) throws
        -> ([(String, Fleet)], String?)
    {
        let found: [(String, Fleet)] = lock.withLock {
            let ids = input.fleetIds.map { $0.map(Self.id) } ?? fleets.keys.sorted()
            return ids.compactMap { id in fleets[id].flatMap { $0.answers(in: region) ? (id, $0) : nil } }
        }
        guard let size = capacityPageSize else { return (found, nil) }
        guard let start = Int(input.nextToken ?? "0"), (0...found.count).contains(start) else {
            throw GameLiftServiceError(code: .invalidRequest, message: "Invalid NextToken", httpStatus: 400)
        }
        let end = min(found.count, start + size)
        return (Array(found[start..<end]), end < found.count ? String(end) : nil)
    }

    public func answer(_ input: DescribeFleetLocationAttributesInput, region: String)
        async throws -> DescribeFleetLocationAttributesOutput
    {
        let id = Self.id(input.fleetId)
        try enter(.describeFleetLocationAttributes, region, id)
        if let base { return try await base.send(input, region: region) }
        let fleet = try fleet(id, region)
        let names = fleet.remoteLocations.keys.sorted().filter { input.locations?.contains($0) ?? true }
        return DescribeFleetLocationAttributesOutput(
            fleetId: id,
            locationAttributes: names.map {
                LocationAttributes(locationState: LocationState(location: $0, status: .active))
            })
    }

    public func answer(_ input: DescribeFleetLocationCapacityInput, region: String)
        async throws -> DescribeFleetLocationCapacityOutput
    {
        let id = Self.id(input.fleetId)
        try enter(
            .describeFleetLocationCapacity, region, "\(id) \(input.location)",
            key: "DescribeFleetLocationCapacity \(id)")
        if let base { return try await base.send(input, region: region) }
        let (fleet, counts) = try located(id, input.location, region)
        return DescribeFleetLocationCapacityOutput(
            fleetCapacity: FleetCapacity(
                fleetId: id, instanceType: fleet.instanceType,
                instanceCounts: InstanceCounts(desired: counts.instances, active: counts.instances),
                location: input.location))
    }

    public func answer(_ input: DescribeFleetLocationUtilizationInput, region: String)
        async throws -> DescribeFleetLocationUtilizationOutput
    {
        let id = Self.id(input.members.fleetId)
        try enter(
            .describeFleetLocationUtilization, region, "\(id) \(input.members.location)",
            key: "DescribeFleetLocationUtilization \(id)")
        if let base { return try await base.send(input, region: region) }
        let (_, counts) = try located(id, input.members.location, region)
        return DescribeFleetLocationUtilizationOutput(
            fleetUtilization: FleetUtilization(
                fleetId: id, activeGameSessionCount: counts.activeGameSessions, location: input.members.location))
    }

    /// A fleet and its counts in `location`: the home Region's, or a remote location's.
    private func located(_ id: String, _ location: String, _ region: String) throws
        -> (Fleet, (instances: Int, activeGameSessions: Int))
    {
        let fleet = try fleet(id, region)
        if location == region { return (fleet, (fleet.instances, fleet.activeGameSessions)) }
        guard let counts = fleet.remoteLocations[location] else {
            throw GameLiftServiceError(
                code: .notFound, message: "Location \(location) not found in fleet \(id).", requestId: "req-nf",
                httpStatus: 400)
        }
        return (fleet, counts)
    }
}
