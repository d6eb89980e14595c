import Foundation
import GameLiftAPI

/// Everything the simulated GameLift knows: an account and its fleets. The state file is this, as JSON.
public struct SimulationState: Codable, Hashable, Sendable {
    /// The state-file format version this build reads and writes.
    public static let currentVersion = 1

    public var version: Int
    /// The AWS account id that fleet ARNs name, and the account of every fleet that names none of its own.
    public var account: String
    public var fleets: [SimulatedFleet]

    /// A state with the given fleets.
    /// Every account that has fleets (the state's own first), for `AssumeRole`.
    public var accounts: [String] {
        var seen: Set<String> = [account]
        return [account] + fleets.compactMap(\.account).filter { seen.insert($0).inserted }
    }

    public init(account: String = "123456789012", fleets: [SimulatedFleet] = []) {
        self.version = Self.currentVersion
        self.account = account
        self.fleets = fleets
    }

    enum CodingKeys: String, CodingKey {
        case version = "Version"
        case account = "Account"
        case fleets = "Fleets"
    }
}

/// One simulated fleet: what `DescribeFleetAttributes` shows, its runtime configuration, its build's files,
/// its event log, and optional scripted behaviour.
public struct SimulatedFleet: Codable, Hashable, Sendable {
    public var fleetId: String
    public var region: String
    public var name: String
    public var description: String?
    /// The fleet's own status; a `hold` shows another status for a while.
    public var status: FleetStatus
    public var operatingSystem: OperatingSystem
    public var buildId: String?
    /// Files of the fleet's build, relative to the install root (`/local/game/` or `C:\game\`), with `/`
    /// separators. `nil` means unknown: no launch path is reported missing.
    public var buildFiles: [String]?
    public var instanceType: String?
    public var creationTime: Date?
    public var runtimeConfiguration: RuntimeConfiguration
    /// The event log, oldest first.
    public var events: [FleetEvent]
    /// A scripted status that rejects updates until a time or for a number of update attempts.
    public var hold: StatusHold?
    /// How the fleet's instances behave after an update (crashes, activation time).
    public var behaviour: FleetBehaviour?
    /// Updates accepted so far; seeds the event generation of the next one.
    public var updateCount: Int
    /// `EC2` (the default) or `ANYWHERE`. A container fleet is told by its id (`containerfleet-…`) instead.
    public var computeType: ComputeType?
    /// Remote locations of a multi-location fleet; the home Region is `region`.
    public var locations: [SimulatedLocation]?
    /// The account the fleet is in, when not the state's own (`Account` at the top): only callers of that account
    /// see it (`GameLiftSimulation.acting(as:)`).
    public var account: String?
    /// Active instances (computes, for an Anywhere fleet) in the home Region, as `DescribeFleetCapacity`
    /// reports them; one when the state does not say, as a new fleet starts.
    public var instances: Int?
    /// Game sessions running in the home Region now, as `DescribeFleetUtilization` reports them; none when the
    /// state does not say.
    public var activeGameSessions: Int?
    /// The configuration the last update replaced and when, kept while `Behaviour.ProcessLifetimeSeconds` is
    /// set: old processes run on until they end, so for a lifetime after an update both configurations run.
    public var replacement: ProcessReplacement?

    /// A fleet; only the identifying fields and the configuration are required.
    public init(
        fleetId: String, region: String, name: String? = nil, description: String? = nil,
        status: FleetStatus = .active, operatingSystem: OperatingSystem = .amazonLinux2023,
        buildId: String? = nil, buildFiles: [String]? = nil, instanceType: String? = "c5.large",
        creationTime: Date? = nil, runtimeConfiguration: RuntimeConfiguration, events: [FleetEvent] = [],
        hold: StatusHold? = nil, behaviour: FleetBehaviour? = nil, updateCount: Int = 0,
        computeType: ComputeType? = nil, locations: [SimulatedLocation]? = nil, instances: Int? = nil,
        activeGameSessions: Int? = nil
    ) {
        self.instances = instances
        self.activeGameSessions = activeGameSessions
        self.computeType = computeType
        self.locations = locations
        self.fleetId = fleetId
        self.region = region
        self.name = name ?? fleetId
        self.description = description
        self.status = status
        self.operatingSystem = operatingSystem
        self.buildId = buildId
        self.buildFiles = buildFiles
        self.instanceType = instanceType
        self.creationTime = creationTime
        self.runtimeConfiguration = runtimeConfiguration
        self.events = events
        self.hold = hold
        self.behaviour = behaviour
        self.updateCount = updateCount
    }

    /// `arn:aws:gamelift:<region>:<account>:fleet/<id>` (`containerfleet/<id>` for a container fleet).
    public func arn(account: String) -> String {
        "arn:aws:gamelift:\(region):\(account):\(isContainerFleet ? "containerfleet" : "fleet")/\(fleetId)"
    }

    /// Whether this is a container fleet: it has no runtime configuration.
    public var isContainerFleet: Bool { fleetId.hasPrefix(FleetIdentifier.containerFleetPrefix) }

    /// The compute type `DescribeFleetAttributes` shows: EC2 unless the state says otherwise.
    public var effectiveComputeType: ComputeType { computeType ?? .ec2 }

    enum CodingKeys: String, CodingKey {
        case fleetId = "FleetId"
        case region = "Region"
        case name = "Name"
        case description = "Description"
        case status = "Status"
        case operatingSystem = "OperatingSystem"
        case buildId = "BuildId"
        case buildFiles = "BuildFiles"
        case instanceType = "InstanceType"
        case creationTime = "CreationTime"
        case runtimeConfiguration = "RuntimeConfiguration"
        case events = "Events"
        case hold = "Hold"
        case behaviour = "Behaviour"
        case updateCount = "UpdateCount"
        case computeType = "ComputeType"
        case locations = "Locations"
        case instances = "Instances"
        case activeGameSessions = "ActiveGameSessions"
        case replacement = "Replacement"
        case account = "Account"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        fleetId = try c.decode(String.self, forKey: .fleetId)
        region = try c.decode(String.self, forKey: .region)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? fleetId
        description = try c.decodeIfPresent(String.self, forKey: .description)
        status = try c.decodeIfPresent(FleetStatus.self, forKey: .status) ?? .active
        operatingSystem = try c.decodeIfPresent(OperatingSystem.self, forKey: .operatingSystem) ?? .amazonLinux2023
        buildId = try c.decodeIfPresent(String.self, forKey: .buildId)
        buildFiles = try c.decodeIfPresent([String].self, forKey: .buildFiles)
        instanceType = try c.decodeIfPresent(String.self, forKey: .instanceType)
        creationTime = try c.decodeIfPresent(Date.self, forKey: .creationTime)
        // A container fleet has no runtime configuration; every other fleet must give one.
        if fleetId.hasPrefix(FleetIdentifier.containerFleetPrefix) {
            runtimeConfiguration =
                try c.decodeIfPresent(RuntimeConfiguration.self, forKey: .runtimeConfiguration)
                ?? RuntimeConfiguration()
        } else {
            runtimeConfiguration = try c.decode(RuntimeConfiguration.self, forKey: .runtimeConfiguration)
        }
        events = try c.decodeIfPresent([FleetEvent].self, forKey: .events) ?? []
        hold = try c.decodeIfPresent(StatusHold.self, forKey: .hold)
        behaviour = try c.decodeIfPresent(FleetBehaviour.self, forKey: .behaviour)
        updateCount = try c.decodeIfPresent(Int.self, forKey: .updateCount) ?? 0
        computeType = try c.decodeIfPresent(ComputeType.self, forKey: .computeType)
        locations = try c.decodeIfPresent([SimulatedLocation].self, forKey: .locations)
        instances = try c.decodeIfPresent(Int.self, forKey: .instances)
        activeGameSessions = try c.decodeIfPresent(Int.self, forKey: .activeGameSessions)
        replacement = try c.decodeIfPresent(ProcessReplacement.self, forKey: .replacement)
        account = try c.decodeIfPresent(String.self, forKey: .account)
    }
}

/// An update whose old processes may still run: the configuration it replaced and when it was accepted.
public struct ProcessReplacement: Codable, Hashable, Sendable {
    public var previous: RuntimeConfiguration
    public var since: Date

    enum CodingKeys: String, CodingKey {
        case previous = "PreviousRuntimeConfiguration"
        case since = "Since"
    }
}

/// A scripted status: the fleet shows `status` and answers `InvalidFleetStatusException` to updates until
/// `until`, or for the next `updateAttempts` update attempts; with neither, until the state is edited.
public struct StatusHold: Codable, Hashable, Sendable {
    public var status: FleetStatus
    public var until: Date?
    /// Update attempts still to be rejected.
    public var updateAttempts: Int?

    /// A hold showing `status`.
    public init(status: FleetStatus, until: Date? = nil, updateAttempts: Int? = nil) {
        self.status = status
        self.until = until
        self.updateAttempts = updateAttempts
    }

    /// Whether the hold still applies at `date`.
    public func isActive(at date: Date) -> Bool {
        if let until, date >= until { return false }
        if let updateAttempts, updateAttempts <= 0 { return false }
        return true
    }

    enum CodingKeys: String, CodingKey {
        case status = "Status"
        case until = "Until"
        case updateAttempts = "UpdateAttempts"
    }
}

/// How a fleet's instances react to a new runtime configuration, for event generation.
public struct FleetBehaviour: Codable, Hashable, Sendable {
    /// Chance (0–1) that a server process configuration crashes after an update (`SERVER_PROCESS_CRASHED`).
    public var crashRate: Double?
    /// Seconds a game session on this fleet needs to activate; a `GameSessionActivationTimeoutSeconds`
    /// below it gives `GAME_SESSION_ACTIVATION_TIMEOUT` events.
    public var gameSessionActivationSeconds: Int?
    /// Events of an update appear within this many seconds after it (default 3).
    public var eventDelaySeconds: Double?
    /// How long a server process runs before it ends and is replaced. When set, an update's events come as
    /// GameLift's would: each process configuration is first started with the new configuration at a random
    /// moment within this time after the update (old processes keep running until they end), and a process
    /// that never calls InitSDK() is given up on 5 minutes after it started. Unset: every event within
    /// `eventDelaySeconds`.
    public var processLifetimeSeconds: Double?
    /// A failure the fleet logs at a steady rate whatever its runtime configuration (a bug in the build, a
    /// bad instance image): the "already failing before the update" case of docs/verify.md.
    public var ongoingFailure: OngoingFailure?

    /// Behaviour with the given settings.
    public init(
        crashRate: Double? = nil, gameSessionActivationSeconds: Int? = nil, eventDelaySeconds: Double? = nil,
        processLifetimeSeconds: Double? = nil, ongoingFailure: OngoingFailure? = nil
    ) {
        self.processLifetimeSeconds = processLifetimeSeconds
        self.crashRate = crashRate
        self.gameSessionActivationSeconds = gameSessionActivationSeconds
        self.eventDelaySeconds = eventDelaySeconds
        self.ongoingFailure = ongoingFailure
    }

    enum CodingKeys: String, CodingKey {
        case crashRate = "CrashRate"
        case gameSessionActivationSeconds = "GameSessionActivationSeconds"
        case eventDelaySeconds = "EventDelaySeconds"
        case processLifetimeSeconds = "ProcessLifetimeSeconds"
        case ongoingFailure = "OngoingFailure"
    }
}

/// An event the fleet logs every `everySeconds` from `since` on (and until `until`, when set), generated when
/// the events are read rather than stored.
public struct OngoingFailure: Codable, Hashable, Sendable {
    public var code: EventCode
    public var everySeconds: Double
    public var since: Date
    public var until: Date?
    public var message: String?

    /// The shortest interval: one event a second keeps any window's events countable.
    public static let minimumEverySeconds = 1.0
    /// The most events one read generates (the newest ones), however long the window.
    public static let maximumPerRead = 10_000

    public init(code: EventCode, everySeconds: Double, since: Date, until: Date? = nil, message: String? = nil) {
        self.code = code
        self.everySeconds = everySeconds
        self.since = since
        self.until = until
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case code = "Code"
        case everySeconds = "EverySeconds"
        case since = "Since"
        case until = "Until"
        case message = "Message"
    }
}
