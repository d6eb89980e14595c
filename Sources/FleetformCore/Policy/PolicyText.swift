import FleetSpec

/// The sentences a run says about its policy before it reads anything.
enum PolicyText {
    /// Why the run stops at once: an override names a rule an environment of the run locks; `nil` when none does.
    static func lockedOverride(_ policy: RunPolicy?, fleets: [FleetDocument], names: RunOptionNames) -> String? {
        lockedOverride(policy, environments: Set(fleets.compactMap(\.environment)), names: names)
    }

    static func lockedOverride(_ policy: RunPolicy?, environments: Set<String>, names: RunOptionNames) -> String? {
        guard let policy, let locked = policy.lockedOverrides(in: environments).first else { return nil }
        return "\(locked.rule.code) (\(locked.rule.rawValue)) is locked in environment \(locked.environment) "
            + "(\(locked.location)): no override passes it, and nothing was sent"
    }

    /// Why an apply stops before sending anything: `count` broken rules no override passes.
    static func refused(_ count: Int, names: RunOptionNames) -> String {
        "apply refused: \(count) rule\(count == 1 ? "" : "s") of fleetform.yaml broken, and nothing was sent; "
            + "fix the fleets, or let a rule pass for one run: \(names[.overrideRule])"
    }
}
