import FleetSpec
import GameLiftAPI

/// Works out a changed fleet's impact from its plan and what was read of the live fleet. Pure: no I/O.
/// Every number from GameLift is range-checked before use and every product saturates, so no answer can trap.
public enum ImpactCalculator {
    /// The largest count taken from GameLift: its integers are 32-bit whole numbers.
    static let countRange = 0...GameLiftLimits.wireInteger.upperBound

    /// What was read of one fleet for its impact.
    public struct Observed: Sendable {
        public var attributes: FleetAttributes?
        /// `nil`: not read.
        public var capacity: CapacityRead<FleetCapacity>?
        public var utilization: CapacityRead<FleetUtilization>?
        /// Remote locations of a multi-location fleet, each read on its own, by location.
        public var remoteCapacity: [String: CapacityRead<FleetCapacity>]
        public var remoteUtilization: [String: CapacityRead<FleetUtilization>]

        public init(
            attributes: FleetAttributes?, capacity: CapacityRead<FleetCapacity>? = nil,
            utilization: CapacityRead<FleetUtilization>? = nil,
            remoteCapacity: [String: CapacityRead<FleetCapacity>] = [:],
            remoteUtilization: [String: CapacityRead<FleetUtilization>] = [:]
        ) {
            self.attributes = attributes
            self.capacity = capacity
            self.utilization = utilization
            self.remoteCapacity = remoteCapacity
            self.remoteUtilization = remoteUtilization
        }
    }

    /// The impact of `plan` (an update or a held fleet: it has `observed` and `request`); `nil` otherwise.
    public static func impact(of plan: FleetPlan, observed: Observed, options: ImpactOptions) -> FleetImpact? {
        guard let live = plan.observed, let desired = plan.request?.runtimeConfiguration else { return nil }
        let computeType = observed.attributes?.effectiveComputeType ?? .ec2
        // A live count below zero (which GameLift would never hold) runs no process: counted as none.
        let processes = BeforeAfter(
            before: max(0, live.totalConcurrentExecutions), after: max(0, desired.totalConcurrentExecutions))
        var notes: [String] = []
        var impact = FleetImpact(
            computeType: computeType, processesPerInstance: processes,
            activation: activation(live: live, desired: desired, instances: nil, unit: unit(computeType)), notes: [])

        if computeType == .ec2 {
            let type = observed.attributes?.instanceType ?? homeCapacity(observed.capacity, plan)?.instanceType
            impact.instanceType = type
            if let type, let size = InstanceTypeTable.size(of: type) {
                impact.instance = size
                impact.perProcess = ProcessShareChange(
                    before: share(of: size, processes: processes.before),
                    after: share(of: size, processes: processes.after))
            } else if let type {
                notes.append(
                    "instance type \(type) is not in fleetform's instance table: each process's share of it is unknown")
            } else {
                notes.append("GameLift did not report the fleet's instance type: each process's share is unknown")
            }
        } else {
            notes.append(
                "an \(computeType == .anywhere ? "Anywhere" : computeType.rawValue) fleet runs its processes on "
                    + "your own computes, whose hardware GameLift does not report: no share per process")
        }

        let (locations, capacityNotes) = locationImpacts(plan, observed: observed, processes: processes)
        notes += capacityNotes
        impact.locations = locations
        if !locations.isEmpty {
            impact.slots = BeforeAfter(
                before: SaturatingSum.of(locations.map(\.slots.before)),
                after: SaturatingSum.of(locations.map(\.slots.after)))
            impact.activation = activation(
                live: live, desired: desired, instances: SaturatingSum.of(locations.map(\.instances)),
                unit: impact.unit)
        }
        impact.notes = notes
        impact.warnings = warnings(impact, at: plan.source, options: options)
        if let name = plan.environment, let environment = options.settings?.environment(named: name) {
            impact.warnings += ImpactRules.check(impact, of: plan, environment: environment, names: options.names)
        }
        return impact
    }

    /// Whether the change leaves any location fewer slots than it has now: only then can running game sessions
    /// outnumber the slots, so only then is the fleet's use read.
    public static func dropsCapacity(_ impact: FleetImpact) -> Bool {
        !droppingLocations(impact).isEmpty
    }

    /// The locations where the change leaves fewer slots than now.
    public static func droppingLocations(_ impact: FleetImpact) -> [String] {
        impact.locations.filter { $0.slots.after < $0.slots.before }.map(\.location)
    }

    // MARK: Parts

    /// "instance", or "compute" for an Anywhere fleet.
    static func unit(_ computeType: ComputeType) -> String { computeType == .anywhere ? "compute" : "instance" }

    static func share(of size: InstanceSize, processes: Int) -> ProcessShare? {
        guard processes > 0 else { return nil }
        let vCPUs = (Double(size.vCPUs) / Double(processes) * 1000).rounded() / 1000
        return ProcessShare(vCPUs: vCPUs, memoryMiB: size.memoryMiB / processes)
    }

    /// The capacity entry of the fleet's home Region, if one was read.
    static func homeCapacity(_ read: CapacityRead<FleetCapacity>?, _ plan: FleetPlan) -> FleetCapacity? {
        guard case .read(let entries) = read else { return nil }
        return entries.first { ($0.location ?? plan.region) == plan.region } ?? entries.first
    }

    /// One entry per location GameLift reported with a usable `ACTIVE` count, the home Region first, each with
    /// the game sessions running there when they were read; and notes for what could not be used.
    static func locationImpacts(_ plan: FleetPlan, observed: Observed, processes: BeforeAfter)
        -> ([LocationCapacityImpact], [String])
    {
        var notes: [String] = []
        var entries: [FleetCapacity] = []
        switch observed.capacity {
        case nil: notes.append("capacity was not read")
        case .failed(let error):
            notes.append("capacity could not be read (DescribeFleetCapacity: \(error.code): \(error.message))")
        case .read(let read):
            entries = read
            if read.isEmpty { notes.append("GameLift reported no capacity for the fleet") }
        }
        for (location, read) in observed.remoteCapacity.sorted(by: { $0.key < $1.key }) {
            switch read {
            case .read(let read):
                entries += read.map { entry in
                    var e = entry
                    e.location = e.location ?? location
                    return e
                }
            case .failed(let error):
                notes.append(
                    "capacity in \(location) could not be read (DescribeFleetLocationCapacity: \(error.code): "
                        + "\(error.message))")
            }
        }
        var sessions: [String: Int] = [:]
        var uses: [(String?, CapacityRead<FleetUtilization>)] = observed.utilization.map { [(nil, $0)] } ?? []
        uses += observed.remoteUtilization.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        for (location, read) in uses {
            switch read {
            case .read(let read):
                for use in read {
                    guard let count = use.activeGameSessionCount, countRange.contains(count) else { continue }
                    sessions[use.location ?? location ?? plan.region] = count
                }
            case .failed(let error):
                let operation = location == nil ? "DescribeFleetUtilization" : "DescribeFleetLocationUtilization"
                notes.append(
                    "game sessions running now\(location.map { " in \($0)" } ?? "") could not be read "
                        + "(\(operation): \(error.code): \(error.message))")
            }
        }
        var seen: Set<String> = []
        var locations: [LocationCapacityImpact] = []
        for entry in entries {
            let name = entry.location ?? plan.region
            guard seen.insert(name).inserted else { continue }
            guard let active = entry.instanceCounts?.active, countRange.contains(active) else {
                notes.append("GameLift reported no usable count of active instances in \(name)")
                continue
            }
            locations.append(
                LocationCapacityImpact(
                    location: name, home: name == plan.region ? true : nil, instances: active,
                    slots: BeforeAfter(
                        before: SaturatingSum.multiply(active, processes.before),
                        after: SaturatingSum.multiply(active, processes.after)),
                    activeGameSessions: sessions[name]))
        }
        locations.sort { ($0.home == true ? 0 : 1, $0.location) < ($1.home == true ? 0 : 1, $1.location) }
        return (locations, notes)
    }

    /// The activation settings before → after and, in words, what they mean for game sessions starting.
    static func activation(live: RuntimeConfiguration, desired: RuntimeConfiguration, instances: Int?, unit: String)
        -> ActivationImpact
    {
        let limit = OptionalBeforeAfter(
            before: live.maxConcurrentGameSessionActivations, after: desired.maxConcurrentGameSessionActivations)
        let timeout = OptionalBeforeAfter(
            before: live.gameSessionActivationTimeoutSeconds, after: desired.gameSessionActivationTimeoutSeconds)
        var summary: String
        if limit.before == nil && limit.after == nil {
            summary = "no limit of its own on game sessions activating at once per \(unit) (GameLift's default)"
        } else {
            let sessions = limit.before == 1 && limit.after == 1 ? "game session" : "game sessions"
            summary = "up to \(text(limit)) \(sessions) activating at once per \(unit)"
            if let instances, instances > 0, let before = limit.before, let after = limit.after {
                let fleetWide = OptionalBeforeAfter(
                    before: SaturatingSum.multiply(before, instances), after: SaturatingSum.multiply(after, instances))
                summary += " (\(text(fleetWide)) across \(instances) \(unit)\(instances == 1 ? "" : "s"))"
            }
        }
        if timeout.before == nil && timeout.after == nil {
            summary += "; GameLift's default time to activate"
        } else {
            summary += "; each has \(text(timeout, unit: " s")) to activate"
        }
        return ActivationImpact(maxConcurrentPerInstance: limit, timeoutSeconds: timeout, summary: summary)
    }

    /// `4`, `2 → 4`, `default → 4`.
    static func text(_ value: OptionalBeforeAfter, unit: String = "") -> String {
        func side(_ v: Int?) -> String { v.map { "\($0)\(unit)" } ?? "default" }
        return value.before == value.after ? side(value.after) : "\(side(value.before)) → \(side(value.after))"
    }

    // MARK: Warnings

    static func warnings(_ impact: FleetImpact, at source: SourceLocation, options: ImpactOptions) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let after = impact.processesPerInstance.after
        for location in impact.locations {
            guard let sessions = location.activeGameSessions, location.slots.after < sessions else { continue }
            found.append(
                Diagnostic(
                    .warning, .capacityBelowGameSessions,
                    "the change leaves \(location.slots.after) game-session slots in \(location.location) "
                        + "(\(location.instances) \(impact.unit)s × \(after)) for the \(sessions) game sessions "
                        + "running there now",
                    hint: "running sessions keep their processes until they end, but no new session finds room until "
                        + "enough have ended: add instances first, or change the processes when the fleet is quieter",
                    at: source))
        }
        guard let size = impact.instance, let type = impact.instanceType, after > 0 else { return found }
        if let minimum = options.minProcessMemory, let share = impact.perProcess?.after,
            share.memoryMiB < minimum.mebibytes
        {
            found.append(
                Diagnostic(
                    .warning, .processMemoryBelowMinimum,
                    "each server process gets \(MemorySize.text(mebibytes: share.memoryMiB)) of a \(type)'s "
                        + "\(MemorySize.text(mebibytes: size.memoryMiB)) (\(after) per instance), under "
                        + "\(options.names[.minProcessMemory]) \(minimum)",
                    hint: "run fewer processes per instance, or move the fleet to an instance type with more memory",
                    at: source))
        }
        if let perVCPU = options.maxProcessesPerVCPU, perVCPU > 0, after > SaturatingSum.multiply(size.vCPUs, perVCPU) {
            found.append(
                Diagnostic(
                    .warning, .processesAboveVCPUs,
                    "\(after) server processes per instance on a \(type)'s \(size.vCPUs) vCPU"
                        + "\(size.vCPUs == 1 ? "" : "s"): more than \(perVCPU) per vCPU (\(options.names[.maxProcessesPerVCPU]))",
                    hint: "processes that share a vCPU share its time; if the server is light enough, raise "
                        + options.names[.maxProcessesPerVCPU],
                    at: source))
        }
        return found
    }
}
