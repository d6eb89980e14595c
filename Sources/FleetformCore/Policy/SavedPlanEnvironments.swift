import FleetSpec

/// A saved plan's environments, checked before `apply --plan` connects (docs/plan-json.md, "Environments"): a plan
/// is untrusted input, and a fleet's `environment` chooses the credentials its update is sent with. Each changed
/// fleet's environment must be one the plan lists, and the one the settings put its file in today.
public enum SavedPlanEnvironments {
    /// FF113 for each changed fleet whose environment the plan does not list, or the settings contradict.
    public static func problems(_ plan: PlanDocument, settings: RepositorySettings?, path: String) -> [Diagnostic] {
        let listed = Set((plan.environments ?? []).map(\.name))
        var problems: [Diagnostic] = []
        for (index, fleet) in plan.fleets.enumerated() where fleet.isChange {
            let at = SourceLocation(path: path, pointer: "/fleets/\(index)/environment")
            if let name = fleet.environment, !listed.contains(name) {
                problems.append(
                    Diagnostic(
                        .error, .inconsistentPlan,
                        "fleet \(fleet.fleetId) is in environment '\(name)', which the plan's environments do not list",
                        at: at))
                continue
            }
            guard let settings else { continue }
            let governing = settings.environments(governing: fleet.source.path)
            let today = governing.count == 1 ? governing[0].name : nil
            guard today != fleet.environment else { continue }
            problems.append(
                Diagnostic(
                    .error, .inconsistentPlan,
                    "the plan puts fleet \(fleet.fleetId) in \(Self.describe(fleet.environment)), but \(settings.path) "
                        + "puts \(fleet.source.path) in \(Self.describe(today))",
                    hint: "make the plan again with the settings as they are now", at: at))
        }
        return problems
    }

    private static func describe(_ environment: String?) -> String {
        environment.map { "environment '\($0)'" } ?? "no environment"
    }
}
