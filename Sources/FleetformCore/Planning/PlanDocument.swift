import FleetSpec
import Foundation
import GameLiftAPI

/// A plan: for every fleet, what was observed, what would be sent, and why. The same value is printed as
/// `--format json`, saved with `--out` and read back by `apply --plan`, so its JSON form is versioned.
public struct PlanDocument: Codable, Sendable, Hashable {
    /// The JSON format's version; bumped on any incompatible change. Version 2 added each changed fleet's
    /// `impact`; version 1 plans (which lack it) are still read.
    public static let currentFormatVersion = 2
    /// Every format version `apply --plan` reads.
    public static let readableFormatVersions = 1...currentFormatVersion

    public var formatVersion: Int
    public var tool: ToolInfo
    public var createdAt: Date
    public var fleets: [FleetPlan]
    /// Warnings found while loading the files (a plan is never made while there are errors).
    public var diagnostics: [Diagnostic]
    /// The account and principal the plan was made as; `nil` in a plan made without asking (a test's plan).
    public var caller: PlanCaller?
    /// `plan --wave`: the waves `apply --plan --bake` rolls the changed fleets out in; `nil` without waves.
    public var waves: [PlanWave]?
    /// With `fleetform.yaml`: each environment of the plan, the account it must be in and the one it ran as.
    public var environments: [PlanEnvironment]?
    /// The broken rules let pass for this run (`--override`), with the reason given.
    public var overrides: [RuleOverride]?

    public init(fleets: [FleetPlan], diagnostics: [Diagnostic] = [], createdAt: Date, caller: PlanCaller? = nil) {
        self.formatVersion = Self.currentFormatVersion
        self.tool = ToolInfo()
        self.createdAt = createdAt
        self.fleets = fleets
        self.diagnostics = diagnostics
        self.caller = caller
    }

    public var summary: PlanSummary { PlanSummary(fleets.map(\.action)) }

    /// Every impact warning of every fleet (FF5xx), in the fleets' order.
    public var impactWarnings: [Diagnostic] { fleets.flatMap { $0.impact?.warnings ?? [] } }

    /// Whether applying this plan would send anything.
    public var hasChanges: Bool { fleets.contains(where: \.isChange) }

    public struct ToolInfo: Codable, Sendable, Hashable {
        public var name = "fleetform"
        public var version = FleetformVersion.current
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion, tool, createdAt, caller, environments, overrides, summary, fleets, waves, diagnostics
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try c.decode(Int.self, forKey: .formatVersion)
        guard Self.readableFormatVersions.contains(formatVersion) else {
            throw DecodingError.dataCorruptedError(
                forKey: .formatVersion, in: c,
                debugDescription:
                    "plan format version \(formatVersion) is not supported by fleetform \(FleetformVersion.current), which reads versions \(Self.readableFormatVersions.lowerBound) to \(Self.currentFormatVersion)"
            )
        }
        tool = try c.decode(ToolInfo.self, forKey: .tool)
        createdAt = try c.decode(Date.self, forKey: .createdAt)
        caller = try c.decodeIfPresent(PlanCaller.self, forKey: .caller)
        environments = try c.decodeIfPresent([PlanEnvironment].self, forKey: .environments)
        overrides = try c.decodeIfPresent([RuleOverride].self, forKey: .overrides)
        waves = try c.decodeIfPresent([PlanWave].self, forKey: .waves)
        fleets = try c.decode([FleetPlan].self, forKey: .fleets)
        diagnostics = try c.decodeIfPresent([Diagnostic].self, forKey: .diagnostics) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(formatVersion, forKey: .formatVersion)
        try c.encode(tool, forKey: .tool)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encodeIfPresent(caller, forKey: .caller)
        try c.encodeIfPresent(environments, forKey: .environments)
        try c.encodeIfPresent(overrides, forKey: .overrides)
        try c.encodeIfPresent(waves, forKey: .waves)
        try c.encode(summary, forKey: .summary)
        try c.encode(fleets, forKey: .fleets)
        try c.encode(diagnostics, forKey: .diagnostics)
    }
}

/// What a plan will do with one fleet.
public enum PlanAction: String, Codable, Sendable, Hashable {
    /// The live configuration differs: one `UpdateRuntimeConfiguration` will be sent.
    case update
    /// The live configuration already matches.
    case unchanged
    /// It differs, but the fleet's status does not accept updates now; apply will try and may hold.
    case held
    /// The fleet could not be read, so nothing can be planned for it.
    case failed
}

/// Counts of fleets by action.
public struct PlanSummary: Codable, Sendable, Hashable {
    public var update = 0
    public var unchanged = 0
    public var held = 0
    public var failed = 0

    public init(_ actions: [PlanAction] = []) {
        for action in actions { count(action) }
    }

    /// Counts one more fleet planned `action`.
    public mutating func count(_ action: PlanAction) {
        switch action {
        case .update: update += 1
        case .unchanged: unchanged += 1
        case .held: held += 1
        case .failed: failed += 1
        }
    }

    /// `Plan: 1 to update, 3 unchanged, 0 held, 0 failed.`
    public var line: String { "Plan: \(update) to update, \(unchanged) unchanged, \(held) held, \(failed) failed." }
}

/// The plan for one fleet.
public struct FleetPlan: Codable, Sendable, Hashable, NamesFleet {
    public var fleetId: String
    /// The fleet's id or ARN as the file wrote it; the request uses it.
    public var fleetIdOrArn: String
    public var region: String
    /// Where the fleet is declared.
    public var source: SourceLocation
    public var action: PlanAction
    public var status: FleetStatus?
    public var operatingSystem: OperatingSystem?
    /// The live configuration when the plan was made.
    public var observed: RuntimeConfiguration?
    /// `sha256:<hex>` of the observed configuration's canonical form; `apply --plan` refuses a fleet whose
    /// live configuration no longer has it.
    public var observedFingerprint: String?
    /// The exact request `apply` sends.
    public var request: UpdateRuntimeConfigurationInput?
    public var changes: [PlanChange]
    /// For `failed`: why the fleet could not be read.
    public var error: ServiceErrorInfo?
    /// For `failed`: why the account guard refused the fleet before any request (`AccountGuard`).
    public var refusal: AccountRefusal?
    /// The environment of `fleetform.yaml` the fleet is in; `nil` without settings, or in none.
    public var environment: String?
    /// Every location of a multi-location fleet with its status, the home Region first; `nil` otherwise.
    public var locations: [PlanLocation]?
    /// For `update` and `held` fleets: what the change does to capacity, each process's share of the instance
    /// and game-session activation, with its warnings. `nil` for other fleets, or when the plan did not read it.
    public var impact: FleetImpact? {
        get { boxedImpact?.value }
        set { boxedImpact = newValue.map(Boxed.init) }
    }
    private var boxedImpact: Boxed<FleetImpact>?

    /// True when applying the plan writes to the fleet, now (`update`) or once its status allows (`held`).
    public var isChange: Bool { action == .update || action == .held }

    /// Why a failed fleet failed, as plans and reports record it: its refusal, else its error.
    public var failure: ServiceErrorInfo? { refusal?.recordedError ?? error }

    public init(
        fleetId: String, fleetIdOrArn: String, region: String, source: SourceLocation, action: PlanAction,
        status: FleetStatus? = nil, operatingSystem: OperatingSystem? = nil, observed: RuntimeConfiguration? = nil,
        observedFingerprint: String? = nil, request: UpdateRuntimeConfigurationInput? = nil,
        changes: [PlanChange] = [], error: ServiceErrorInfo? = nil
    ) {
        self.fleetId = fleetId
        self.fleetIdOrArn = fleetIdOrArn
        self.region = region
        self.source = source
        self.action = action
        self.status = status
        self.operatingSystem = operatingSystem
        self.observed = observed
        self.observedFingerprint = observedFingerprint
        self.request = request
        self.changes = changes
        self.error = error
    }

    enum CodingKeys: String, CodingKey {
        case fleetId, fleetIdOrArn, region, source, environment, action, status, operatingSystem, observed
        case observedFingerprint, request, changes, error, locations, impact
    }

    /// A refusal is recorded as the fleet's `error` (docs/plan-json.md), and read back as one.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        fleetId = try c.decode(String.self, forKey: .fleetId)
        fleetIdOrArn = try c.decode(String.self, forKey: .fleetIdOrArn)
        region = try c.decode(String.self, forKey: .region)
        source = try c.decode(SourceLocation.self, forKey: .source)
        environment = try c.decodeIfPresent(String.self, forKey: .environment)
        action = try c.decode(PlanAction.self, forKey: .action)
        status = try c.decodeIfPresent(FleetStatus.self, forKey: .status)
        operatingSystem = try c.decodeIfPresent(OperatingSystem.self, forKey: .operatingSystem)
        observed = try c.decodeIfPresent(RuntimeConfiguration.self, forKey: .observed)
        observedFingerprint = try c.decodeIfPresent(String.self, forKey: .observedFingerprint)
        request = try c.decodeIfPresent(UpdateRuntimeConfigurationInput.self, forKey: .request)
        changes = try c.decode([PlanChange].self, forKey: .changes)
        let recorded = try c.decodeIfPresent(ServiceErrorInfo.self, forKey: .error)
        refusal = recorded.flatMap(AccountRefusal.init(recorded:))
        error = refusal == nil ? recorded : nil
        locations = try c.decodeIfPresent([PlanLocation].self, forKey: .locations)
        impact = try c.decodeIfPresent(FleetImpact.self, forKey: .impact)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(fleetId, forKey: .fleetId)
        try c.encode(fleetIdOrArn, forKey: .fleetIdOrArn)
        try c.encode(region, forKey: .region)
        try c.encode(source, forKey: .source)
        try c.encodeIfPresent(environment, forKey: .environment)
        try c.encode(action, forKey: .action)
        try c.encodeIfPresent(status, forKey: .status)
        try c.encodeIfPresent(operatingSystem, forKey: .operatingSystem)
        try c.encodeIfPresent(observed, forKey: .observed)
        try c.encodeIfPresent(observedFingerprint, forKey: .observedFingerprint)
        try c.encodeIfPresent(request, forKey: .request)
        try c.encode(changes, forKey: .changes)
        try c.encodeIfPresent(failure, forKey: .error)
        try c.encodeIfPresent(locations, forKey: .locations)
        try c.encodeIfPresent(impact, forKey: .impact)
    }
}

/// One line of a fleet's diff.
public struct PlanChange: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable {
        case add, remove, modify
        /// A field the file leaves out: the live value is kept, and the request carries it.
        case unmanaged
    }

    public var kind: Kind
    /// `ServerProcesses["<path>" "<params>"].ConcurrentExecutions`, `GameSessionActivationTimeoutSeconds`, …
    public var field: String
    public var before: Int?
    public var after: Int?

    public init(_ kind: Kind, _ field: String, before: Int? = nil, after: Int? = nil) {
        self.kind = kind
        self.field = field
        self.before = before
        self.after = after
    }
}

/// A GameLift error as plans and reports record it.
public struct ServiceErrorInfo: Codable, Sendable, Hashable, CustomStringConvertible {
    public var code: String
    public var message: String
    public var requestId: String?

    public init(code: String, message: String, requestId: String? = nil) {
        self.code = code
        self.message = message
        self.requestId = requestId
    }

    public init(_ error: any Error) {
        switch error {
        case let e as GameLiftServiceError:
            self.init(code: e.code.rawValue, message: e.message, requestId: e.requestId)
        case let e as GameLiftTransportError:
            self.init(code: e.code, message: e.message)
        default:
            self.init(code: String(describing: type(of: error)), message: String(describing: error))
        }
    }

    public var description: String {
        var s = "\(code): \(message)"
        if let requestId { s += " (request id \(requestId))" }
        return s
    }
}
