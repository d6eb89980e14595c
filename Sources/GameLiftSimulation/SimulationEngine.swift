import Foundation
import GameLiftAPI

/// One call's context: the region it is for, the time it arrives, its request id, and the fleets it changed
/// (so the file store rewrites only those).
struct SimulationCall {
    let region: String
    let now: Date
    let requestId: String
    /// The caller's account; `nil`: the state's own.
    var account: String? = nil
    var changedFleets: Set<String> = []
}

/// The operations over an in-memory state, as GameLift answers them. Pure apart from the state it
/// owns: no I/O, no clock, no global randomness; the store around it persists what it changes.
struct SimulationEngine {
    private(set) var state: SimulationState
    private var positions: [String: Int] = [:]
    /// Holds from the fault plan: in memory only, never written to the state file.
    private var faultHolds: [String: StatusHold]
    let seed: UInt64

    init(state: SimulationState, faultHolds: [String: StatusHold], seed: UInt64) {
        self.state = state
        self.faultHolds = faultHolds
        self.seed = seed
        reindex()
    }

    /// Replaces the state (after another process changed the file).
    mutating func replace(_ newState: SimulationState) {
        state = newState
        reindex()
    }

    private mutating func reindex() {
        positions = Dictionary(state.fleets.enumerated().map { ($1.fleetId, $0) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: Operations

    mutating func describeRuntimeConfiguration(_ input: DescribeRuntimeConfigurationInput, _ call: inout SimulationCall)
        throws -> DescribeRuntimeConfigurationOutput
    {
        try reject(RequestValidation.fleetIdOrArn(input.fleetId, member: "fleetId"), call)
        let index = try resolve(input.fleetId, &call)
        let fleet = state.fleets[index]
        try rejectContainerFleet(index, .describeRuntimeConfiguration, call)
        // The reference: "If the requested fleet has been deleted, the result set is empty."
        if fleet.status == .terminated || fleet.status == .notFound { return .init(runtimeConfiguration: nil) }
        return .init(runtimeConfiguration: fleet.runtimeConfiguration)
    }

    mutating func updateRuntimeConfiguration(_ input: UpdateRuntimeConfigurationInput, _ call: inout SimulationCall)
        throws -> UpdateRuntimeConfigurationOutput
    {
        try reject(
            RequestValidation.fleetIdOrArn(input.fleetId, member: "fleetId")
                + RequestValidation.shape(of: input.runtimeConfiguration), call)
        let index = try resolve(input.fleetId, &call)
        let id = state.fleets[index].fleetId
        try rejectContainerFleet(index, .updateRuntimeConfiguration, call)
        if let status = refusedStatus(consumeHoldAttempt(index, &call) ?? state.fleets[index].status) {
            throw GameLiftServiceError.answer(
                .invalidFleetStatus,
                "Fleet \(id) is in status \(status); its runtime configuration cannot be updated in this status.",
                requestId: call.requestId)
        }
        if let problem = RequestValidation.semantics(
            of: input.runtimeConfiguration, operatingSystem: state.fleets[index].operatingSystem,
            computeType: state.fleets[index].effectiveComputeType)
        {
            throw GameLiftServiceError.answer(.invalidRequest, problem, requestId: call.requestId)
        }
        // With a process lifetime, old processes run on beside the new ones until they end (see utilization).
        let lifetime = state.fleets[index].behaviour?.processLifetimeSeconds ?? 0
        state.fleets[index].replacement =
            lifetime > 0
            ? ProcessReplacement(previous: state.fleets[index].runtimeConfiguration, since: call.now.wholeMilliseconds)
            : nil
        // A full replacement of the RuntimeConfiguration object: an omitted field is cleared, not kept.
        state.fleets[index].runtimeConfiguration = input.runtimeConfiguration
        let events = EventGenerator.eventsAfterUpdate(
            of: state.fleets[index], account: account(of: index), at: call.now, seed: seed)
        state.fleets[index].updateCount = SaturatingSum.add(state.fleets[index].updateCount, 1)
        append(events, to: index)
        call.changedFleets.insert(id)
        return .init(runtimeConfiguration: input.runtimeConfiguration)
    }

    mutating func describeFleetAttributes(_ input: DescribeFleetAttributesInput, _ call: inout SimulationCall)
        throws -> DescribeFleetAttributesOutput
    {
        var violations = RequestValidation.limit(input.limit) + RequestValidation.nextToken(input.nextToken)
        if let ids = input.fleetIds {
            if ids.isEmpty {
                violations.append(
                    RequestValidation.violation("[]", at: "fleetIds", "have length greater than or equal to 1"))
            }
            for (offset, id) in ids.enumerated() {
                violations += RequestValidation.fleetIdOrArn(id, member: "fleetIds.\(offset + 1).member")
            }
            try reject(violations, call)
            // Unknown fleets are left out of the answer, not reported as errors; Limit and NextToken are ignored.
            var seen: Set<String> = []
            var found: [FleetAttributes] = []
            for id in ids {
                guard let index = find(id, call), !state.fleets[index].isContainerFleet,
                    seen.insert(state.fleets[index].fleetId).inserted
                else { continue }
                settleHolds(index, &call)
                found.append(attributes(index))
            }
            return .init(fleetAttributes: found)
        }
        try reject(violations, call)
        // Container fleets are described by DescribeContainerFleet, not here.
        let regional = state.fleets.indices.filter {
            state.fleets[$0].region == call.region && !state.fleets[$0].isContainerFleet && visible($0, call)
        }
        let page = try paginate(regional, limit: input.limit, token: input.nextToken, kind: "attributes", call)
        for index in page.items { settleHolds(index, &call) }
        return .init(fleetAttributes: page.items.map(attributes), nextToken: page.next)
    }

    mutating func describeFleetEvents(_ input: DescribeFleetEventsInput, _ call: inout SimulationCall) throws
        -> DescribeFleetEventsOutput
    {
        try reject(
            RequestValidation.fleetIdOrArn(input.fleetId, member: "fleetId") + RequestValidation.limit(input.limit)
                + RequestValidation.nextToken(input.nextToken), call)
        let index = try resolve(input.fleetId, &call)
        let fleet = state.fleets[index]
        var anchor: (time: Date, eventId: String)?
        if let token = input.nextToken {
            guard let decoded = PageToken.decodeEventAnchor(token, fleetId: fleet.fleetId) else {
                throw invalidToken(call)
            }
            anchor = decoded
        }
        // Newest first; only events that have happened by now; StartTime and EndTime inclusive.
        let logged =
            fleet.events + ongoingEvents(of: fleet, from: input.startTime, to: min(call.now, input.endTime ?? call.now))
        let visible = logged.filter { event in
            event.eventTime <= call.now && input.startTime.map { event.eventTime >= $0 } ?? true
                && input.endTime.map { event.eventTime <= $0 } ?? true
                && anchor.map { (event.eventTime, event.eventId) < ($0.time, $0.eventId) } ?? true
        }
        .sorted { ($0.eventTime, $0.eventId) > ($1.eventTime, $1.eventId) }
        // `Limit` is a positive integer with no maximum in the model: honoured as given, never capped.
        let limit = input.limit ?? GameLiftLimits.eventPageSize
        let page = Array(visible.prefix(limit))
        let next =
            visible.count > limit
            ? page.last.map {
                PageToken.eventAnchor(fleetId: fleet.fleetId, time: $0.eventTime, eventId: $0.eventId)
            } : nil
        return .init(events: page, nextToken: next)
    }

    /// The fleet's ongoing failure events between `start` (or its beginning) and `end`: generated, never stored,
    /// with ids derived from the seed, so every read agrees on them; at most the newest
    /// `OngoingFailure.maximumPerRead`.
    func ongoingEvents(of fleet: SimulatedFleet, from start: Date?, to end: Date) -> [FleetEvent] {
        guard let ongoing = fleet.behaviour?.ongoingFailure, ongoing.everySeconds >= OngoingFailure.minimumEverySeconds
        else { return [] }
        let last = min(end, ongoing.until ?? end)
        let first = max(start ?? ongoing.since, ongoing.since)
        let lastStep = last.timeIntervalSince(ongoing.since) / ongoing.everySeconds
        let firstStep = first.timeIntervalSince(ongoing.since) / ongoing.everySeconds
        // Dates from a state file can be anything; steps past 2^50 are no window a watch reads.
        guard last >= first, lastStep.isFinite, firstStep.isFinite, lastStep < 0x1p50, firstStep >= 0 else { return [] }
        let lastIndex = Int(lastStep.rounded(.down))
        let firstIndex = max(Int(firstStep.rounded(.up)), lastIndex - OngoingFailure.maximumPerRead + 1)
        guard firstIndex <= lastIndex else { return [] }
        return (firstIndex...lastIndex).map { index in
            var random = SeededGenerator(seed: seed, "ongoing", fleet.fleetId, String(index))
            return FleetEvent(
                eventId: random.uuid(), resourceId: fleet.fleetId, eventCode: ongoing.code,
                message: ongoing.message ?? "\(ongoing.code): ongoing since \(ongoing.since)",
                eventTime: ongoing.since.addingTimeInterval(Double(index) * ongoing.everySeconds).wholeMilliseconds)
        }
    }

    func listFleets(_ input: ListFleetsInput, _ call: SimulationCall) throws -> ListFleetsOutput {
        try reject(RequestValidation.limit(input.limit) + RequestValidation.nextToken(input.nextToken), call)
        let build = input.buildId.map { id in id.range(of: "build/").map { String(id[$0.upperBound...]) } ?? id }
        let matching = state.fleets.indices.filter { index in
            let fleet = state.fleets[index]
            // Simulated fleets run builds, never Realtime scripts: a ScriptId filter matches none.
            return fleet.region == call.region && visible(index, call) && input.scriptId == nil
                && (build == nil || fleet.buildId == build)
        }
        let page = try paginate(matching, limit: input.limit, token: input.nextToken, kind: "fleets", call)
        return .init(fleetIds: page.items.map { state.fleets[$0].fleetId }, nextToken: page.next)
    }

    mutating func describeFleetLocationAttributes(
        _ input: DescribeFleetLocationAttributesInput, _ call: inout SimulationCall
    ) throws -> DescribeFleetLocationAttributesOutput {
        var violations =
            RequestValidation.fleetIdOrArn(input.fleetId, member: "fleetId") + RequestValidation.limit(input.limit)
            + RequestValidation.nextToken(input.nextToken)
        if let wanted = input.locations { violations += RequestValidation.locations(wanted) }
        try reject(violations, call)
        let index = try resolve(input.fleetId, &call)
        let fleet = state.fleets[index]
        if fleet.effectiveComputeType == .anywhere {
            throw GameLiftServiceError.answer(
                .invalidRequest,
                "Fleet \(fleet.fleetId) is an Anywhere fleet; DescribeFleetLocationAttributes works with EC2 and "
                    + "container fleets.", requestId: call.requestId)
        }
        let remote = fleet.locations ?? []
        // Asked-for locations come back in the order asked; unknown ones are left out. All: the state's order.
        let chosen = input.locations.map { wanted in wanted.compactMap { name in remote.first { $0.location == name } }
        }
        let items = chosen ?? remote
        let page = try paginate(
            Array(items.indices), limit: input.limit, token: input.nextToken, kind: "locations:\(fleet.fleetId)", call)
        return .init(
            fleetId: fleet.fleetId, fleetArn: fleet.arn(account: fleet.account ?? state.account),
            locationAttributes: page.items.map { items[$0].attributes }, nextToken: page.next)
    }

    // MARK: Fleets, statuses and holds

    /// A container fleet has no runtime configuration: the operation is refused, naming what to use instead.
    private func rejectContainerFleet(_ index: Int, _ operation: GameLiftOperation, _ call: SimulationCall) throws {
        let fleet = state.fleets[index]
        guard fleet.isContainerFleet else { return }
        throw GameLiftServiceError.answer(
            .invalidRequest,
            "Fleet \(fleet.fleetId) is a container fleet; \(operation.rawValue) works with EC2 and Anywhere fleets. "
                + "A container fleet's server processes come from its container group definition.",
            requestId: call.requestId)
    }

    /// The fleet's index when `text` (id or ARN) names a fleet of the caller's account in the call's region. A fleet
    /// of another account is not found, as GameLift answers.
    func find(_ text: String, _ call: SimulationCall) -> Int? {
        let reference = FleetReference(text)
        guard let index = positions[reference.fleetId], state.fleets[index].region == call.region,
            visible(index, call), reference.arnRegion.map({ $0 == call.region }) ?? true,
            reference.arnAccount.map({ $0 == account(of: index) }) ?? true
        else { return nil }
        return index
    }

    /// The account fleet `index` is in.
    func account(of index: Int) -> String { state.fleets[index].account ?? state.account }

    /// Whether the caller of `call` sees fleet `index`: it is in the caller's account.
    func visible(_ index: Int, _ call: SimulationCall) -> Bool { account(of: index) == (call.account ?? state.account) }

    mutating func resolve(_ text: String, _ call: inout SimulationCall) throws -> Int {
        guard let index = find(text, call) else {
            throw GameLiftServiceError.answer(.notFound, "Fleet (\(text)) not found", requestId: call.requestId)
        }
        settleHolds(index, &call)
        return index
    }

    /// The status a fleet shows now: a fault-plan hold, else a scripted hold, else its own.
    func status(_ index: Int) -> FleetStatus {
        let fleet = state.fleets[index]
        return faultHolds[fleet.fleetId]?.status ?? fleet.hold?.status ?? fleet.status
    }

    /// Ends holds whose time or attempts ran out, logging the status change at the moment it happened.
    mutating func settleHolds(_ index: Int, _ call: inout SimulationCall) {
        let id = state.fleets[index].fleetId
        if let hold = faultHolds[id], !hold.isActive(at: call.now) {
            faultHolds[id] = nil
            logStatusChange(index, from: hold, at: call.now, &call)
        }
        if let hold = state.fleets[index].hold, !hold.isActive(at: call.now) {
            state.fleets[index].hold = nil
            call.changedFleets.insert(id)
            logStatusChange(index, from: hold, at: call.now, &call)
        }
    }

    private mutating func logStatusChange(
        _ index: Int, from hold: StatusHold, at now: Date, _ call: inout SimulationCall
    ) {
        let fleet = state.fleets[index]
        let shown = status(index)
        guard shown != hold.status else { return }
        // Only codes the API has: there is no FLEET_STATE_DELETING, so such a change logs nothing.
        guard let code = EventCode.fleetStateChange(to: shown) else { return }
        let time = hold.until.map { min($0, now) } ?? now
        var random = SeededGenerator(seed: seed, "status", fleet.fleetId, String(time.timeIntervalSince1970))
        append(
            [
                FleetEvent(
                    eventId: random.uuid(), resourceId: fleet.fleetId, eventCode: code,
                    message: "Fleet \(fleet.fleetId) changed status from \(hold.status) to \(shown).", eventTime: time)
            ], to: index)
        call.changedFleets.insert(fleet.fleetId)
    }

    /// While a hold applies, an update attempt is counted; returns the status shown, which decides (as any
    /// status does) whether the update is refused.
    private mutating func consumeHoldAttempt(_ index: Int, _ call: inout SimulationCall) -> FleetStatus? {
        let id = state.fleets[index].fleetId
        // Attempts never go below zero (a hold with none left is over), so the count cannot underflow.
        if var hold = faultHolds[id] {
            hold.updateAttempts = hold.updateAttempts.map { max($0, 1) - 1 }
            faultHolds[id] = hold
            return hold.status
        }
        if var hold = state.fleets[index].hold {
            hold.updateAttempts = hold.updateAttempts.map { max($0, 1) - 1 }
            state.fleets[index].hold = hold
            call.changedFleets.insert(id)
            return hold.status
        }
        return nil
    }

    /// The status when it forbids updates (the reference: any status after creation but the deleting, error
    /// and gone ones allows them), else nil.
    private func refusedStatus(_ status: FleetStatus) -> FleetStatus? {
        status.allowsRuntimeConfigurationUpdate ? nil : status
    }

    func attributes(_ index: Int) -> FleetAttributes {
        let fleet = state.fleets[index]
        // Anywhere fleets have the abbreviated set: no build, operating system or instance type.
        let ec2 = fleet.effectiveComputeType == .ec2
        return FleetAttributes(
            fleetId: fleet.fleetId, fleetArn: fleet.arn(account: fleet.account ?? state.account), name: fleet.name,
            description: fleet.description, status: status(index), operatingSystem: ec2 ? fleet.operatingSystem : nil,
            buildId: ec2 ? fleet.buildId : nil, instanceType: ec2 ? fleet.instanceType : nil,
            creationTime: fleet.creationTime, computeType: fleet.effectiveComputeType)
    }

    private mutating func append(_ events: [FleetEvent], to index: Int) {
        guard !events.isEmpty else { return }
        let wasOrdered =
            state.fleets[index].events.last.map { last in
                events.allSatisfy { ($0.eventTime, $0.eventId) >= (last.eventTime, last.eventId) }
            } ?? true
        state.fleets[index].events += events
        if !wasOrdered || !events.isSortedByTime {
            state.fleets[index].events.sort { ($0.eventTime, $0.eventId) < ($1.eventTime, $1.eventId) }
        }
    }

    // MARK: Errors and pages

    func reject(_ violations: [String], _ call: SimulationCall) throws {
        guard !violations.isEmpty else { return }
        throw GameLiftServiceError.answer(
            .invalidRequest, RequestValidation.message(violations), requestId: call.requestId)
    }

    private func invalidToken(_ call: SimulationCall) -> GameLiftServiceError {
        GameLiftServiceError.answer(
            .invalidRequest, "Invalid NextToken: it was not issued for this request.", requestId: call.requestId)
    }

    func paginate(_ items: [Int], limit: Int?, token: String?, kind: String, _ call: SimulationCall) throws
        -> (items: [Int], next: String?)
    {
        var start = 0
        if let token {
            guard let offset = PageToken.decodeOffset(token, kind: kind), offset <= items.count else {
                throw invalidToken(call)
            }
            start = offset
        }
        // `limit` is the caller's number: added saturating, so a huge one cannot trap.
        let end = limit.map { min(items.count, SaturatingSum.add(start, $0)) } ?? items.count
        let next = end < items.count ? PageToken.offset(end, kind: kind) : nil
        return (Array(items[start..<end]), next)
    }
}

extension Array where Element == FleetEvent {
    fileprivate var isSortedByTime: Bool {
        zip(self, dropFirst()).allSatisfy { ($0.eventTime, $0.eventId) <= ($1.eventTime, $1.eventId) }
    }
}
