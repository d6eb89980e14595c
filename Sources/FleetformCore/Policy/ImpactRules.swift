import FleetSpec
import GameLiftAPI

/// An environment's impact rules (docs/policy.md, "Rules"): checked on a changed fleet's impact, the numbers a
/// plan already works out — game-session slots per location and in all, each process's memory, processes per
/// vCPU. A rule whose number could not be read (no capacity, an unknown instance type) is broken: a guardrail
/// fails closed.
enum ImpactRules {
    static func check(_ impact: FleetImpact, of plan: FleetPlan, environment: Environment, names: RunOptionNames)
        -> [Diagnostic]
    {
        let rules = environment.rules
        let at = plan.source
        var broken: [Diagnostic] = []
        func report(_ rule: RuleName, _ message: String) {
            broken.append(environment.broken(rule, message, at: at, names: names))
        }
        if let least = rules.minSlotsPerLocation {
            if impact.locations.isEmpty {
                report(.minSlotsPerLocation, "the fleet's capacity could not be read, so its slots are unknown")
            }
            for location in impact.locations where location.slots.after < least {
                report(
                    .minSlotsPerLocation,
                    "the change leaves \(location.slots.after) game-session slots in \(location.location) "
                        + "(\(ImpactText.count(location.instances, impact.unit)) × \(impact.processesPerInstance.after)), "
                        + "fewer than "
                        + "\(least)")
            }
        }
        if let least = rules.minSlots {
            if let slots = impact.slots {
                if slots.after < least {
                    report(.minSlots, "the change leaves \(slots.after) game-session slots in all, fewer than \(least)")
                }
            } else {
                report(.minSlots, "the fleet's capacity could not be read, so its slots are unknown")
            }
        }
        // A timeout the file leaves unmanaged keeps the live value, which the file rules could not see offline.
        if let least = rules.minActivationTimeoutSeconds,
            plan.changes.contains(where: { $0.kind == .unmanaged && $0.field == "GameSessionActivationTimeoutSeconds" }
            ),
            let timeout = plan.request?.runtimeConfiguration.gameSessionActivationTimeoutSeconds, timeout < least
        {
            report(
                .minActivationTimeoutSeconds,
                "GameSessionActivationTimeoutSeconds is \(timeout) (the live value, which the file leaves unmanaged), "
                    + "below the least allowed, \(least)")
        }
        let processes = impact.processesPerInstance.after
        guard impact.computeType == .ec2, processes > 0 else { return broken }
        if let least = rules.minProcessMemory {
            if let share = impact.perProcess?.after {
                if share.memoryMiB < least.mebibytes {
                    report(
                        .minProcessMemory,
                        "each server process gets \(MemorySize.text(mebibytes: share.memoryMiB)) (\(processes) per "
                            + "\(impact.instanceType ?? "instance")), less than \(least)")
                }
            } else {
                report(.minProcessMemory, "the fleet's instance type is unknown, so each process's memory is unknown")
            }
        }
        if let most = rules.maxProcessesPerVCPU {
            if let size = impact.instance {
                if processes > SaturatingSum.multiply(size.vCPUs, most) {
                    report(
                        .maxProcessesPerVCPU,
                        "\(processes) server processes per instance on \(size.vCPUs) vCPU\(size.vCPUs == 1 ? "" : "s"): "
                            + "more than \(most) per vCPU")
                }
            } else {
                report(.maxProcessesPerVCPU, "the fleet's instance type is unknown, so its vCPUs are unknown")
            }
        }
        return broken
    }
}
