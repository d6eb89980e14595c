import FleetSpec
import Foundation

/// What `fleetform.yaml` asks of one run, and the rules let pass for it (docs/policy.md): the settings, the
/// overrides with their reason, and what `apply` decides from them before it sends anything.
public struct RunPolicy: Sendable {
    public var settings: RepositorySettings
    /// `--override`: the broken rules that pass for this run, each with `reason`.
    public var overrides: [RuleOverride]

    public init(settings: RepositorySettings, overrides: [RuleOverride] = []) {
        self.settings = settings
        self.overrides = overrides
    }

    /// Why an override cannot be given: it names a rule an environment of the run locks.
    public struct LockedRule: Error, Sendable, Hashable {
        public var rule: RuleName
        public var environment: String
        public var location: SourceLocation
    }

    /// The overrides' rules that an environment in `environments` locks, with where each is locked. A locked
    /// rule refuses the run before anything is read: no override of it is ever recorded.
    public func lockedOverrides(in environments: Set<String>) -> [LockedRule] {
        var locked: [LockedRule] = []
        for override in overrides {
            for environment in settings.environments where environments.contains(environment.name) {
                if let location = environment.locked[override.rule] {
                    locked.append(LockedRule(rule: override.rule, environment: environment.name, location: location))
                }
            }
        }
        return locked
    }

    /// The diagnostics among `diagnostics` that are broken rules (FF6xx of a rule) no override passes.
    public func unpassed(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let passed = Set(overrides.map(\.code))
        let rules = Set(RuleName.allCases.map(\.code))
        return diagnostics.filter { rules.contains($0.code) && !passed.contains($0.code) }
    }

    /// What an apply does, for the apply rules.
    public struct ApplyShape: Sendable {
        /// Seconds the updated fleets are watched (`--watch`, or each wave's `--bake`); `nil`: not watched.
        public var watchSeconds: Double?
        /// Whether the changes roll out in waves.
        public var waves: Bool

        public init(watchSeconds: Double?, waves: Bool) {
            self.watchSeconds = watchSeconds
            self.waves = waves
        }
    }

    /// The apply rules (`requireWatch`, `requireWaves`, `window`, `freeze`) each environment in `environments`
    /// breaks at `now` with an apply of `shape`: located at the environment's first fleet and at the rule.
    public func applyRules(
        environments firstFleets: [String: SourceLocation], shape: ApplyShape, now: Date, names: RunOptionNames
    ) -> [Diagnostic] {
        var broken: [Diagnostic] = []
        for environment in settings.environments {
            guard let at = firstFleets[environment.name] else { continue }
            let rules = environment.rules
            if let required = rules.requireWatchSeconds, (shape.watchSeconds ?? 0) < required {
                let watched = shape.watchSeconds.map { "watches \(DurationText.words($0))" } ?? "does not watch"
                broken.append(
                    environment.broken(
                        .requireWatch, "the apply \(watched); at least \(DurationText.words(required)) is required",
                        at: at, names: names))
            }
            if rules.requireWaves, !shape.waves {
                broken.append(
                    environment.broken(.requireWaves, "the apply does not roll out in waves", at: at, names: names))
            }
            if let rule = ChangeSchedule.rule(rules, at: now), let closed = ChangeSchedule.closure(rules, at: now) {
                let opens = ChangeSchedule.nextOpening(rules, after: now).map { "; it opens \(CallerText.time($0))" }
                broken.append(
                    environment.broken(rule, "apply is closed now: \(closed)\(opens ?? "")", at: at, names: names))
            }
        }
        return broken
    }

    /// Each environment's first fleet (in the files' order) among `fleets` (environment, where declared).
    public static func firstFleets(_ fleets: [(environment: String?, location: SourceLocation)]) -> [String:
        SourceLocation]
    {
        var first: [String: SourceLocation] = [:]
        for fleet in fleets {
            guard let name = fleet.environment else { continue }
            if let known = first[name], known < fleet.location { continue }
            first[name] = fleet.location
        }
        return first
    }
}
