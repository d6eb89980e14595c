import FleetSpec
import GameLiftAPI

/// A streamed apply's impact rules (docs/policy.md, "Rules"): a streamed apply updates each fleet as soon as it
/// is read, so the rules that need capacity are checked first, on the fleets' desired configurations alone —
/// slots, memory and processes per vCPU after the change need only the instances (`DescribeFleetCapacity`, one
/// request per 50 fleets per Region) and the instance type (the attributes the stream read already). Only fleets
/// of environments with impact rules are read; their remote locations are not known before their reads, so the
/// per-location rule covers each fleet's home Region here (a planned apply covers every location).
enum ImpactPreview {
    static func brokenRules(
        of documents: [FleetDocument], checked: StreamingApplier.Checked, policy: RunPolicy, gameLift: any GameLift,
        parallelism: Int, names: RunOptionNames
    ) async -> [Diagnostic] {
        let governed = documents.filter { document in
            guard let name = document.environment, checked.refused[FleetKey(document)] == nil,
                let rules = policy.settings.environment(named: name)?.rules
            else { return false }
            return rules.names.contains { $0.stage == .impact }
        }
        guard !governed.isEmpty else { return [] }
        let capacity = await CapacityReader(gameLift: gameLift, parallelism: parallelism)
            .capacity(of: governed.map(FleetKey.init))
        var options = ImpactOptions(maxProcessesPerVCPU: nil, names: names)
        options.settings = policy.settings
        var broken: [Diagnostic] = []
        for document in governed {
            let key = FleetKey(document)
            // The desired configuration on both sides: what the rules judge is the fleet after the change.
            var fleet = Planner.planFleet(
                document,
                ObservedFleet(attributes: checked.attributes[key], configuration: document.runtimeConfiguration))
            fleet.request = UpdateRuntimeConfigurationInput(
                fleetId: document.fleetIdOrArn, runtimeConfiguration: document.runtimeConfiguration)
            let observed = ImpactCalculator.Observed(attributes: checked.attributes[key], capacity: capacity[key])
            let impact = ImpactCalculator.impact(of: fleet, observed: observed, options: options)
            broken += (impact?.warnings ?? []).filter { warning in
                RuleName.allCases.contains { $0.code == warning.code }
            }
        }
        return broken
    }
}
