import Foundation
import GameLiftAPI

// DescribeFleetCapacity and DescribeFleetUtilization (the home Region of each fleet, as GameLift reports them)
// and their one-location forms DescribeFleetLocationCapacity and DescribeFleetLocationUtilization, answered from
// the state's instance and game-session counts (`Instances`, `ActiveGameSessions`; docs/local-gamelift.md).
extension SimulationEngine {
    mutating func describeFleetCapacity(_ input: DescribeFleetCapacityInput, _ call: inout SimulationCall)
        throws -> DescribeFleetCapacityOutput
    {
        let page = try selectForCapacity(input, kind: "capacity", &call)
        return .init(fleetCapacity: page.items.map { capacity($0) }, nextToken: page.next)
    }

    mutating func describeFleetUtilization(_ input: DescribeFleetUtilizationInput, _ call: inout SimulationCall)
        throws -> DescribeFleetUtilizationOutput
    {
        let page = try selectForCapacity(input.members, kind: "utilization", &call)
        return .init(fleetUtilization: page.items.map { utilization($0, now: call.now) }, nextToken: page.next)
    }

    /// The fleets a capacity or utilization request names (unknown ones left out, each fleet once, in the order
    /// asked), or every fleet of the Region; then the page asked for.
    private mutating func selectForCapacity(
        _ input: DescribeFleetCapacityInput, kind: String, _ call: inout SimulationCall
    ) throws -> (items: [Int], next: String?) {
        var violations = RequestValidation.limit(input.limit) + RequestValidation.nextToken(input.nextToken)
        var chosen: [Int]
        if let ids = input.fleetIds {
            if ids.isEmpty {
                violations.append(
                    RequestValidation.violation("[]", at: "fleetIds", "have length greater than or equal to 1"))
            }
            if ids.count > GameLiftLimits.fleetCapacityBatch {
                violations.append(
                    RequestValidation.violation(
                        "[\(ids.count) fleets]", at: "fleetIds",
                        "have length less than or equal to \(GameLiftLimits.fleetCapacityBatch)"))
            }
            for (offset, id) in ids.enumerated() {
                violations += RequestValidation.fleetIdOrArn(id, member: "fleetIds.\(offset + 1).member")
            }
            try reject(violations, call)
            var seen: Set<String> = []
            chosen = []
            for id in ids {
                guard let index = find(id, call), !state.fleets[index].isContainerFleet,
                    seen.insert(state.fleets[index].fleetId).inserted
                else { continue }
                settleHolds(index, &call)
                chosen.append(index)
            }
        } else {
            try reject(violations, call)
            chosen = state.fleets.indices.filter {
                state.fleets[$0].region == call.region && !state.fleets[$0].isContainerFleet && visible($0, call)
            }
        }
        // The token names the request it was issued for (a digest of its fleet list keeps it short), so one
        // issued for another list is refused.
        let scope = "\(kind):" + (input.fleetIds.map { Self.digest($0.joined(separator: ",")) } ?? "*")
        return try paginate(chosen, limit: input.limit, token: input.nextToken, kind: scope, call)
    }

    /// FNV-1a, 64 bits, in hex: stable across runs and processes (unlike `Hasher`), which page tokens need.
    static func digest(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    /// Counts of the fleet at `index` in `location` (its home Region when `nil`).
    private func counts(_ index: Int, location: String?) -> (instances: Int, sessions: Int, name: String) {
        let fleet = state.fleets[index]
        guard let location, location != fleet.region,
            let remote = fleet.locations?.first(where: { $0.location == location })
        else { return (fleet.instances ?? 1, fleet.activeGameSessions ?? 0, fleet.region) }
        return (remote.instances ?? 1, remote.activeGameSessions ?? 0, remote.location)
    }

    private func capacity(_ index: Int, location: String? = nil) -> FleetCapacity {
        let fleet = state.fleets[index]
        let (instances, sessions, name) = counts(index, location: location)
        return FleetCapacity(
            fleetId: fleet.fleetId, fleetArn: fleet.arn(account: fleet.account ?? state.account),
            instanceType: fleet.effectiveComputeType == .ec2 ? fleet.instanceType : nil,
            instanceCounts: InstanceCounts(
                desired: instances, minimum: 0, maximum: max(instances, 1), pending: 0, active: instances,
                idle: sessions > 0 ? 0 : instances, terminating: 0),
            location: name)
    }

    private func utilization(_ index: Int, location: String? = nil, now: Date) -> FleetUtilization {
        let fleet = state.fleets[index]
        let (instances, sessions, name) = counts(index, location: location)
        let perInstance = Self.activeProcessesPerInstance(fleet, now: now)
        let processes = SaturatingSum.multiply(instances, perInstance)
        return FleetUtilization(
            fleetId: fleet.fleetId, fleetArn: fleet.arn(account: fleet.account ?? state.account),
            activeServerProcessCount: processes, activeGameSessionCount: sessions,
            currentPlayerSessionCount: 0, maximumPlayerSessionCount: 0, location: name)
    }

    /// Server processes active on one instance at `now`. A process whose launch path is not in the build never
    /// starts, so it is never active. After an update with a process lifetime, old processes end evenly over
    /// the lifetime (from the event delay on) and each is replaced by one of the new configuration, as GameLift
    /// replaces them (docs/local-gamelift.md): the count moves from the old configuration's to the new one's.
    static func activeProcessesPerInstance(_ fleet: SimulatedFleet, now: Date) -> Int {
        func launchable(_ configuration: RuntimeConfiguration) -> Int {
            SaturatingSum.of(
                (configuration.serverProcesses ?? []).filter { BuildLayout.contains($0.launchPath, fleet: fleet) }
                    .map(\.concurrentExecutions))
        }
        let new = launchable(fleet.runtimeConfiguration)
        guard let replacement = fleet.replacement, let lifetime = fleet.behaviour?.processLifetimeSeconds,
            lifetime > 0
        else { return new }
        let started = now.timeIntervalSince(replacement.since) - EventGenerator.delay(of: fleet)
        let replaced = min(1, max(0, started / lifetime))
        guard replaced.isFinite else { return new }
        let blended = Double(launchable(replacement.previous)) * (1 - replaced) + Double(new) * replaced
        return Int(exactly: blended.rounded()) ?? Int.max
    }

    // MARK: One location

    mutating func describeFleetLocationCapacity(
        _ input: DescribeFleetLocationCapacityInput, _ call: inout SimulationCall
    ) throws -> DescribeFleetLocationCapacityOutput {
        let index = try locate(input, &call)
        return .init(fleetCapacity: capacity(index, location: input.location))
    }

    mutating func describeFleetLocationUtilization(
        _ input: DescribeFleetLocationUtilizationInput, _ call: inout SimulationCall
    ) throws -> DescribeFleetLocationUtilizationOutput {
        let index = try locate(input.members, &call)
        return .init(fleetUtilization: utilization(index, location: input.members.location, now: call.now))
    }

    /// The fleet a one-location request names, once its members are valid and the location is the fleet's home
    /// Region or one of its remote locations.
    private mutating func locate(_ input: DescribeFleetLocationCapacityInput, _ call: inout SimulationCall) throws
        -> Int
    {
        var violations = RequestValidation.fleetIdOrArn(input.fleetId, member: "fleetId")
        if !GameLiftLimits.locationLength.contains(input.location.count) {
            violations.append(
                RequestValidation.violation(
                    input.location, at: "location",
                    "have length between \(GameLiftLimits.locationLength.lowerBound) and "
                        + "\(GameLiftLimits.locationLength.upperBound)"))
        }
        try reject(violations, call)
        guard let index = find(input.fleetId, call), !state.fleets[index].isContainerFleet else {
            throw GameLiftServiceError.answer(
                .notFound, "Fleet (\(input.fleetId)) not found", requestId: call.requestId)
        }
        settleHolds(index, &call)
        let fleet = state.fleets[index]
        guard
            input.location == fleet.region
                || fleet.locations?.contains(where: { $0.location == input.location }) == true
        else {
            throw GameLiftServiceError.answer(
                .notFound, "Location \(input.location) not found in fleet \(fleet.fleetId)", requestId: call.requestId)
        }
        return index
    }
}
