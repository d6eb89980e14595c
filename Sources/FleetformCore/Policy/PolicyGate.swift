import FleetSpec
import Foundation

/// What `fleetform.yaml` lets an apply do, decided before it sends anything (docs/policy.md, "Rules"): an
/// override of a locked rule stops it at once; a broken rule no override passes refuses the whole apply, never one
/// fleet. Apply, rollouts and each of their waves ask the same gate; it says why on the observer when it refuses.
struct PolicyGate {
    let policy: RunPolicy
    let context: WorkflowContext
    /// What the apply does, for `requireWatch` and `requireWaves`.
    let shape: RunPolicy.ApplyShape

    /// Whether the apply of `fleets` (each fleet's environment and place) must stop: a locked override, or a
    /// broken rule among `diagnostics` and the apply rules of the fleets' environments now. `announce`: say which
    /// overrides pass when it goes on.
    func refuses(
        _ fleets: [(environment: String?, location: SourceLocation)], diagnostics: [Diagnostic], announce: Bool = false
    ) -> Bool {
        if let locked = PolicyText.lockedOverride(
            policy, environments: Set(fleets.compactMap(\.environment)), names: context.names)
        {
            context.observer.notice(.failed(locked))
            return true
        }
        let broken = policy.applyRules(
            environments: RunPolicy.firstFleets(fleets), shape: shape, now: context.wallClock(), names: context.names)
        if refuses(policy.unpassed(diagnostics + broken), show: true) { return true }
        if announce {
            for override in policy.overrides {
                context.observer.notice(
                    .warning(
                        "\(override.code) (\(override.rule.rawValue)) is overridden for this run: \(override.reason)"))
            }
        }
        return false
    }

    /// Whether `broken` holds a rule no override passes; says so, and shows them first when `show`.
    func refuses(_ broken: [Diagnostic], show: Bool) -> Bool {
        guard !broken.isEmpty else { return false }
        if show {
            let files = Set(broken.compactMap(\.location?.path)).count
            context.observer.notice(.diagnostics(broken.sorted(by: Diagnostic.readingOrder), fileCount: files))
        }
        context.observer.notice(.failed(PolicyText.refused(broken.count, names: context.names)))
        return true
    }

    /// The changed fleets of `plan`, as the gate takes them.
    static func fleets(of plan: PlanDocument) -> [(environment: String?, location: SourceLocation)] {
        plan.fleets.filter(\.isChange).map { (environment: $0.environment, location: $0.source) }
    }
}

extension RunPolicy {
    /// The file and impact rules `plan` breaks under today's settings: each changed fleet's request against its
    /// environment's file rules (the request carries the live value of a field the file leaves unmanaged), and
    /// its recorded impact against the impact rules. A saved plan is untrusted and the settings may have changed
    /// since it was made, so what it recorded is not taken for this.
    public func brokenRules(in plan: PlanDocument, names: RunOptionNames) -> [Diagnostic] {
        var broken: [Diagnostic] = []
        for fleet in plan.fleets where fleet.isChange {
            guard let name = fleet.environment, let environment = settings.environment(named: name) else { continue }
            if let request = fleet.request {
                let document = FleetDocument(
                    fleetIdOrArn: fleet.fleetIdOrArn, fleetId: fleet.fleetId, region: fleet.region,
                    runtimeConfiguration: request.runtimeConfiguration, location: fleet.source)
                broken += environment.checkFileRules(document, names: names)
            }
            if let impact = fleet.impact {
                // The request already carries an unmanaged timeout, which the file rules judged just above.
                broken += ImpactRules.check(impact, of: fleet, environment: environment, names: names)
                    .filter { $0.code != .ruleMinActivationTimeout }
            }
        }
        var seen: Set<Diagnostic> = []
        return broken.filter { seen.insert($0).inserted }
    }
}
