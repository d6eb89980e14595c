import FleetSpec
import GameLiftAPI

/// What a changed fleet's new runtime configuration does to its players and its hardware: processes per
/// instance, game-session slots per location, each process's share of the instance, how game sessions
/// activate, and the warnings that follow (docs/plan-json.md, `impact`).
public struct FleetImpact: Codable, Sendable, Hashable {
    /// `EC2` or `ANYWHERE` (for Anywhere fleets "instance" means a registered compute).
    public var computeType: ComputeType
    /// The fleet's instance type (EC2 fleets), as GameLift reports it.
    public var instanceType: String?
    /// The instance type's vCPUs and memory from fleetform's table; absent when the type is unknown to it.
    public var instance: InstanceSize?
    /// Server processes each instance runs: the sum of `ConcurrentExecutions`, before → after.
    public var processesPerInstance: BeforeAfter
    /// Each process's share of the instance before → after (EC2 fleets of a known instance type).
    public var perProcess: ProcessShareChange?
    /// Game-session slots (active instances × processes per instance) over all locations read; absent when no
    /// capacity could be read.
    public var slots: BeforeAfter?
    /// Capacity per location: the home Region first, then remote locations.
    public var locations: [LocationCapacityImpact]
    /// How game sessions activate, before → after.
    public var activation: ActivationImpact
    /// Things the numbers could not be found for, in words (an unknown instance type, an unreadable capacity).
    public var notes: [String]
    /// FF5xx warnings: what the change risks for players (docs/fleet-files.md lists the codes).
    public var warnings: [Diagnostic]

    public init(
        computeType: ComputeType, instanceType: String? = nil, instance: InstanceSize? = nil,
        processesPerInstance: BeforeAfter, perProcess: ProcessShareChange? = nil, slots: BeforeAfter? = nil,
        locations: [LocationCapacityImpact] = [], activation: ActivationImpact, notes: [String] = [],
        warnings: [Diagnostic] = []
    ) {
        self.computeType = computeType
        self.instanceType = instanceType
        self.instance = instance
        self.processesPerInstance = processesPerInstance
        self.perProcess = perProcess
        self.slots = slots
        self.locations = locations
        self.activation = activation
        self.notes = notes
        self.warnings = warnings
    }

    /// "instance" or, for Anywhere fleets, "compute".
    public var unit: String { ImpactCalculator.unit(computeType) }
}

/// A number before and after the change.
public struct BeforeAfter: Codable, Sendable, Hashable {
    public var before: Int
    public var after: Int

    /// `4 → 8`, or `8` when it does not change.
    public var text: String { before == after ? "\(after)" : "\(before) → \(after)" }
}

/// One process's share of its instance.
public struct ProcessShare: Codable, Sendable, Hashable {
    /// vCPUs per process, to three decimals (`0.25`).
    public var vCPUs: Double
    /// Memory per process in MiB, rounded down.
    public var memoryMiB: Int

}

/// A process's share before → after; a side is absent when the fleet runs no process then.
public struct ProcessShareChange: Codable, Sendable, Hashable {
    public var before: ProcessShare?
    public var after: ProcessShare?

    public init(before: ProcessShare?, after: ProcessShare?) {
        self.before = before
        self.after = after
    }
}

/// The capacity of one location: its active instances and the game-session slots they give before → after.
public struct LocationCapacityImpact: Codable, Sendable, Hashable {
    public var location: String
    /// `true` for the fleet's home Region; absent for remote locations.
    public var home: Bool?
    /// Active instances now (`ACTIVE` of `DescribeFleetCapacity`).
    public var instances: Int
    public var slots: BeforeAfter
    /// Game sessions running now (`DescribeFleetUtilization`); read only where the slots drop.
    public var activeGameSessions: Int?

}

/// How game sessions activate: how many may be activating at once on each instance, and how long each may take.
public struct ActivationImpact: Codable, Sendable, Hashable {
    /// `MaxConcurrentGameSessionActivations` before → after; absent when neither side sets it.
    public var maxConcurrentPerInstance: OptionalBeforeAfter
    /// `GameSessionActivationTimeoutSeconds` before → after.
    public var timeoutSeconds: OptionalBeforeAfter
    /// The same in words, for people.
    public var summary: String

}

/// A setting before and after the change; a side is absent when the fleet does not set it then.
public struct OptionalBeforeAfter: Codable, Sendable, Hashable {
    public var before: Int?
    public var after: Int?
}
