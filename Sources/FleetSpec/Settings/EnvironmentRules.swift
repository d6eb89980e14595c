import Foundation
import GameLiftAPI

/// A rule an environment can set in `fleetform.yaml`, by its key there. Each has a stable code (FF6xx) for the
/// diagnostic that says it is broken, and a stage: when it can be checked (docs/policy.md, "Rules").
public enum RuleName: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case launchPathPrefixes, minConcurrentExecutions, maxConcurrentExecutions, minActivationTimeoutSeconds
    case minSlotsPerLocation, minSlots, minProcessMemory, maxProcessesPerVCPU
    case requireWatch, requireWaves, window, freeze

    /// When a rule can be checked.
    public enum Stage: Sendable { case file, impact, apply }

    public var stage: Stage {
        switch self {
        case .launchPathPrefixes, .minConcurrentExecutions, .maxConcurrentExecutions, .minActivationTimeoutSeconds:
            .file
        case .minSlotsPerLocation, .minSlots, .minProcessMemory, .maxProcessesPerVCPU: .impact
        case .requireWatch, .requireWaves, .window, .freeze: .apply
        }
    }

    /// The code of the diagnostic that says this rule is broken.
    public var code: DiagnosticCode {
        switch self {
        case .launchPathPrefixes: .ruleLaunchPathPrefixes
        case .minConcurrentExecutions: .ruleMinConcurrentExecutions
        case .maxConcurrentExecutions: .ruleMaxConcurrentExecutions
        case .minActivationTimeoutSeconds: .ruleMinActivationTimeout
        case .minSlotsPerLocation: .ruleMinSlotsPerLocation
        case .minSlots: .ruleMinSlots
        case .minProcessMemory: .ruleMinProcessMemory
        case .maxProcessesPerVCPU: .ruleMaxProcessesPerVCPU
        case .requireWatch: .ruleRequireWatch
        case .requireWaves: .ruleRequireWaves
        case .window: .ruleWindow
        case .freeze: .ruleFreeze
        }
    }

    /// The rule a code or a key names (`FF630` or `minSlotsPerLocation`, as `--override` takes it).
    public init?(codeOrKey text: String) {
        if let rule = RuleName(rawValue: text) {
            self = rule
        } else if let rule = RuleName.allCases.first(where: { $0.code.rawValue == text.uppercased() }) {
            self = rule
        } else {
            return nil
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.code.rawValue < b.code.rawValue }
}

/// An environment's rules (`rules:` in `fleetform.yaml`); a rule left out is not checked. Each value comes with
/// where it is written, so a broken rule is located both at the fleet and at the rule.
public struct EnvironmentRules: Sendable, Hashable {
    /// Every `LaunchPath` must start with one of these.
    public var launchPathPrefixes: [String]?
    /// Bounds of every server process's `ConcurrentExecutions`.
    public var minConcurrentExecutions: Int?
    public var maxConcurrentExecutions: Int?
    /// The least `GameSessionActivationTimeoutSeconds` a fleet may set.
    public var minActivationTimeoutSeconds: Int?
    /// The least game-session slots a change may leave in any one location of a fleet, and in all of them.
    public var minSlotsPerLocation: Int?
    public var minSlots: Int?
    /// The least memory a change may leave each server process, and the most processes per vCPU.
    public var minProcessMemory: MemorySize?
    public var maxProcessesPerVCPU: Int?
    /// `apply` must watch the updated fleets at least this many seconds (`--watch`, or `--bake` with waves).
    public var requireWatchSeconds: Double?
    /// `apply` must roll out in waves.
    public var requireWaves: Bool
    /// `apply` runs only inside one of these windows (none: any time) and outside every freeze.
    public var windows: [ChangeWindow]
    public var freezes: [FreezePeriod]
    /// Where each rule is written.
    public var locations: [RuleName: SourceLocation]

    public init() {
        requireWaves = false
        windows = []
        freezes = []
        locations = [:]
    }

    /// The rules this environment sets, in code order.
    public var names: [RuleName] { locations.keys.sorted() }

    /// Where `rule` is written; the settings file's start when it is not (never asked for a rule not set).
    func location(of rule: RuleName, in path: String) -> SourceLocation {
        locations[rule] ?? SourceLocation(path: path, line: 1, column: 1)
    }
}

extension Environment {
    /// The diagnostic for this environment's `rule` broken at `location` (in a fleet file): a warning that `plan
    /// --strict` and `apply` fail on, located at the fleet and, as `related`, at the rule.
    /// `names`: what the caller calls its options, for the hint that says how to let the rule pass once.
    public func broken(_ rule: RuleName, _ message: String, at location: SourceLocation?, names: RunOptionNames)
        -> Diagnostic
    {
        let fix = rule.stage == .apply ? "apply as the rule asks" : "change the fleet"
        let pass =
            locked[rule] == nil
            ? "\(fix), or let the rule pass for one run: \(names[.overrideRule]) (CODE \(rule.code))"
            : "\(fix); the rule is locked, so no override passes it"
        var diagnostic = Diagnostic(
            .warning, rule.code, "\(message) (rule \(rule.rawValue) of environment \(name))", hint: pass,
            at: location)
        diagnostic.related = rules.location(of: rule, in: self.location.path)
        return diagnostic
    }

    /// The file rules (launch path prefixes, `ConcurrentExecutions` bounds, the activation timeout), checked
    /// offline on a fleet of this environment.
    public func checkFileRules(_ document: FleetDocument, names: RunOptionNames) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let configuration = document.runtimeConfiguration
        for process in configuration.serverProcesses ?? [] {
            let at = document.location(ofProcess: process.key)
            if let prefixes = rules.launchPathPrefixes,
                !prefixes.contains(where: { Self.launchPath(process.launchPath, startsWith: $0) })
            {
                diagnostics.append(
                    broken(
                        .launchPathPrefixes,
                        "LaunchPath \(process.launchPath) starts with none of "
                            + prefixes.map { "'\($0)'" }.joined(separator: ", "), at: at, names: names))
            }
            if let least = rules.minConcurrentExecutions, process.concurrentExecutions < least {
                diagnostics.append(
                    broken(
                        .minConcurrentExecutions,
                        "ConcurrentExecutions is \(process.concurrentExecutions), below the least allowed, \(least)",
                        at: at, names: names))
            }
            if let most = rules.maxConcurrentExecutions, process.concurrentExecutions > most {
                diagnostics.append(
                    broken(
                        .maxConcurrentExecutions,
                        "ConcurrentExecutions is \(process.concurrentExecutions), above the most allowed, \(most)",
                        at: at, names: names))
            }
        }
        if let least = rules.minActivationTimeoutSeconds,
            let timeout = configuration.gameSessionActivationTimeoutSeconds,
            timeout < least
        {
            diagnostics.append(
                broken(
                    .minActivationTimeoutSeconds,
                    "GameSessionActivationTimeoutSeconds is \(timeout), below the least allowed, \(least)",
                    at: document.location, names: names))
        }
        return diagnostics
    }
}

extension Environment {
    /// Whether `path` lies under `prefix`: a path with a `.` or `..` segment never does (it could climb out of the
    /// prefix), and a Windows drive letter matches in either case, as GameLift accepts both.
    static func launchPath(_ path: String, startsWith prefix: String) -> Bool {
        let segments = path.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        if segments.contains(".") || segments.contains("..") { return false }
        let drive = { (text: String) in text.utf8.count >= 2 && text.utf8.dropFirst().first == UInt8(ascii: ":") }
        if drive(path), drive(prefix) {
            return path.prefix(1).lowercased() == prefix.prefix(1).lowercased()
                && path.dropFirst().hasPrefix(prefix.dropFirst())
        }
        return path.hasPrefix(prefix)
    }

    /// A fleet written as an ARN of another account than the environment's is an error offline (FF609): no
    /// credentials of this environment could ever touch it.
    func checkAccount(of document: FleetDocument) -> [Diagnostic] {
        guard let account, let named = FleetIdentifier(unchecked: document.fleetIdOrArn).arnAccount, named != account
        else { return [] }
        var diagnostic = Diagnostic(
            .error, .fleetAccountMismatch,
            "the fleet's ARN names account \(named), but environment \(name) is account \(account)",
            hint: "move the file to the environment of account \(named), or fix the ARN", at: document.location)
        diagnostic.related = accountLocation
        return [diagnostic]
    }
}
