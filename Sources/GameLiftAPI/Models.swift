import Foundation

/// One kind of server process a fleet runs on each instance (GameLift's `ServerProcess`).
public struct ServerProcess: Codable, Hashable, Sendable {
    public var launchPath: String
    /// Launch parameters; `nil` means none.
    public var parameters: String?
    public var concurrentExecutions: Int

    public init(launchPath: String, parameters: String? = nil, concurrentExecutions: Int) {
        self.launchPath = launchPath
        self.parameters = parameters
        self.concurrentExecutions = concurrentExecutions
    }

    /// The identity of a server process: GameLift runs one kind per (LaunchPath, Parameters).
    public var key: ServerProcessKey { ServerProcessKey(launchPath: launchPath, parameters: parameters ?? "") }

    enum CodingKeys: String, CodingKey {
        case launchPath = "LaunchPath"
        case parameters = "Parameters"
        case concurrentExecutions = "ConcurrentExecutions"
    }
}

/// (LaunchPath, Parameters): what makes two server processes the same kind. Empty parameters equal omitted ones.
public struct ServerProcessKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var launchPath: String
    public var parameters: String

    public init(launchPath: String, parameters: String) {
        self.launchPath = launchPath
        self.parameters = parameters
    }

    public static func < (a: Self, b: Self) -> Bool {
        (a.launchPath, a.parameters) < (b.launchPath, b.parameters)
    }

    /// `"<launch path>" "<parameters>"`, the form plans print.
    public var description: String {
        parameters.isEmpty ? "\"\(launchPath)\"" : "\"\(launchPath)\" \"\(parameters)\""
    }
}

/// A fleet's runtime configuration (GameLift's `RuntimeConfiguration`).
public struct RuntimeConfiguration: Codable, Hashable, Sendable {
    public var serverProcesses: [ServerProcess]?
    public var maxConcurrentGameSessionActivations: Int?
    public var gameSessionActivationTimeoutSeconds: Int?

    public init(
        serverProcesses: [ServerProcess]? = nil,
        maxConcurrentGameSessionActivations: Int? = nil,
        gameSessionActivationTimeoutSeconds: Int? = nil
    ) {
        self.serverProcesses = serverProcesses
        self.maxConcurrentGameSessionActivations = maxConcurrentGameSessionActivations
        self.gameSessionActivationTimeoutSeconds = gameSessionActivationTimeoutSeconds
    }

    /// The same configuration with server processes in a canonical order and empty parameters omitted,
    /// so that two configurations GameLift treats alike compare equal.
    public var normalized: RuntimeConfiguration {
        var copy = self
        copy.serverProcesses = serverProcesses.map { list in
            list.map { process in
                var p = process
                if p.parameters?.isEmpty == true { p.parameters = nil }
                return p
            }
            .sorted { ($0.key, $0.concurrentExecutions) < ($1.key, $1.concurrentExecutions) }
        }
        return copy
    }

    /// Total processes per instance: the sum of `ConcurrentExecutions`, saturating at `Int.max` (the values may
    /// come from outside, so the sum must not trap; anything that large is far past the limit anyway).
    public var totalConcurrentExecutions: Int {
        SaturatingSum.of((serverProcesses ?? []).map(\.concurrentExecutions))
    }

    enum CodingKeys: String, CodingKey {
        case serverProcesses = "ServerProcesses"
        case maxConcurrentGameSessionActivations = "MaxConcurrentGameSessionActivations"
        case gameSessionActivationTimeoutSeconds = "GameSessionActivationTimeoutSeconds"
    }
}

/// A fleet status (`FleetStatus`). A struct, not an enum, so statuses added by AWS later pass through.
public struct FleetStatus: RawRepresentable, Codable, Hashable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public static let new: FleetStatus = "NEW"
    public static let downloading: FleetStatus = "DOWNLOADING"
    public static let validating: FleetStatus = "VALIDATING"
    public static let building: FleetStatus = "BUILDING"
    public static let activating: FleetStatus = "ACTIVATING"
    public static let active: FleetStatus = "ACTIVE"
    public static let deleting: FleetStatus = "DELETING"
    public static let error: FleetStatus = "ERROR"
    public static let terminated: FleetStatus = "TERMINATED"
    public static let notFound: FleetStatus = "NOT_FOUND"

    /// Statuses from which a fleet will never again accept an update.
    public var isFinal: Bool { self == .deleting || self == .error || self == .terminated || self == .notFound }

    /// Whether GameLift may accept `UpdateRuntimeConfiguration` for a fleet in this status. The API reference
    /// allows updates at any time after creation, so only a fleet being deleted, in error or gone is refused;
    /// GameLift can still answer `InvalidFleetStatusException` in other statuses, which the applier then holds.
    public var allowsRuntimeConfigurationUpdate: Bool { !isFinal }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// A fleet's operating system (`OperatingSystem`), kept open for values AWS adds later.
public struct OperatingSystem: RawRepresentable, Codable, Hashable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public static let amazonLinux2: OperatingSystem = "AMAZON_LINUX_2"
    public static let amazonLinux2023: OperatingSystem = "AMAZON_LINUX_2023"
    public static let windows2016: OperatingSystem = "WINDOWS_2016"
    public static let windows2022: OperatingSystem = "WINDOWS_2022"

    public var isWindows: Bool { rawValue.hasPrefix("WINDOWS") }
    public var isLinux: Bool { rawValue.contains("LINUX") }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// The attributes of a fleet that fleetform reads (`FleetAttributes`); other fields are ignored. Every member is
/// optional in the service model, so none is required here: a missing `FleetId` is taken from `FleetArn`.
public struct FleetAttributes: Codable, Hashable, Sendable {
    /// The fleet id; empty only when the service gave neither `FleetId` nor `FleetArn`.
    public var fleetId: String
    public var fleetArn: String?
    public var name: String?
    public var description: String?
    public var status: FleetStatus?
    public var operatingSystem: OperatingSystem?
    public var buildId: String?
    public var instanceType: String?
    public var creationTime: Date?
    /// `EC2` or `ANYWHERE`; absent in older answers, which then mean EC2.
    public var computeType: ComputeType?

    public init(
        fleetId: String, fleetArn: String? = nil, name: String? = nil, description: String? = nil,
        status: FleetStatus? = nil, operatingSystem: OperatingSystem? = nil, buildId: String? = nil,
        instanceType: String? = nil, creationTime: Date? = nil, computeType: ComputeType? = nil
    ) {
        self.fleetId = fleetId
        self.fleetArn = fleetArn
        self.name = name
        self.description = description
        self.status = status
        self.operatingSystem = operatingSystem
        self.buildId = buildId
        self.instanceType = instanceType
        self.creationTime = creationTime
        self.computeType = computeType
    }

    enum CodingKeys: String, CodingKey {
        case fleetId = "FleetId"
        case fleetArn = "FleetArn"
        case name = "Name"
        case description = "Description"
        case status = "Status"
        case operatingSystem = "OperatingSystem"
        case buildId = "BuildId"
        case instanceType = "InstanceType"
        case creationTime = "CreationTime"
        case computeType = "ComputeType"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        fleetArn = try c.decodeIfPresent(String.self, forKey: .fleetArn)
        fleetId =
            try c.decodeIfPresent(String.self, forKey: .fleetId)
            ?? fleetArn.map { FleetIdentifier(unchecked: $0).fleetId } ?? ""
        name = try c.decodeIfPresent(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        status = try c.decodeIfPresent(FleetStatus.self, forKey: .status)
        operatingSystem = try c.decodeIfPresent(OperatingSystem.self, forKey: .operatingSystem)
        buildId = try c.decodeIfPresent(String.self, forKey: .buildId)
        instanceType = try c.decodeIfPresent(String.self, forKey: .instanceType)
        creationTime = try c.decodeIfPresent(Date.self, forKey: .creationTime)
        computeType = try c.decodeIfPresent(ComputeType.self, forKey: .computeType)
    }

    /// The compute type, EC2 when the answer did not say (as answers from before Anywhere fleets).
    public var effectiveComputeType: ComputeType { computeType ?? .ec2 }
}

/// One entry of a fleet's event log (`Event`). The service model makes every member optional, so an event
/// missing any of them still decodes (an absent id or code reads as empty, an absent time as 1970) rather
/// than failing its whole page.
public struct FleetEvent: Codable, Hashable, Sendable {
    public var eventId: String
    public var resourceId: String?
    public var eventCode: EventCode
    public var message: String?
    public var eventTime: Date
    public var preSignedLogUrl: String?
    public var count: Int?
    /// How many occurrences the event stands for: `Count`, at least 1.
    public var occurrences: Int { max(1, count ?? 1) }

    public init(
        eventId: String, resourceId: String? = nil, eventCode: EventCode, message: String? = nil,
        eventTime: Date, preSignedLogUrl: String? = nil, count: Int? = nil
    ) {
        self.eventId = eventId
        self.resourceId = resourceId
        self.eventCode = eventCode
        self.message = message
        self.eventTime = eventTime
        self.preSignedLogUrl = preSignedLogUrl
        self.count = count
    }

    enum CodingKeys: String, CodingKey {
        case eventId = "EventId"
        case resourceId = "ResourceId"
        case eventCode = "EventCode"
        case message = "Message"
        case eventTime = "EventTime"
        case preSignedLogUrl = "PreSignedLogUrl"
        case count = "Count"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        eventId = try c.decodeIfPresent(String.self, forKey: .eventId) ?? ""
        resourceId = try c.decodeIfPresent(String.self, forKey: .resourceId)
        eventCode = try c.decodeIfPresent(EventCode.self, forKey: .eventCode) ?? EventCode(rawValue: "")
        message = try c.decodeIfPresent(String.self, forKey: .message)
        eventTime = try c.decodeIfPresent(Date.self, forKey: .eventTime) ?? Date(timeIntervalSince1970: 0)
        preSignedLogUrl = try c.decodeIfPresent(String.self, forKey: .preSignedLogUrl)
        count = try c.decodeIfPresent(Int.self, forKey: .count)
    }
}
