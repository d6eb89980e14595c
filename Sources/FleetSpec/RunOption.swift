/// An option of a run, or a command using options, that a message refers to when it says how to change the
/// outcome ("raise the limit with …"). The libraries never spell options: whoever took them names them through
/// `RunOptionNames`. The command line names them as its flags (`Sources/fleetform/Arguments/Words.swift`); a
/// Swift caller gets the properties it set (`RunOptionNames.swiftAPI`).
public enum RunOption: Sendable, Hashable, CaseIterable {
    /// The default region of fleet files that name none.
    case region
    /// The size limit of a fleet file.
    case maxFileBytes
    /// The memory each server process should keep at least.
    case minProcessMemory
    /// The most server processes per vCPU.
    case maxProcessesPerVCPU
    /// Going ahead without asking.
    case autoApprove
    /// Stopping after the first failure.
    case failFast
    /// Overwriting what a refusal protects.
    case force
    /// Restoring fleets that log failures after an update.
    case rollbackOnFailure
    /// Working on some fleets only.
    case target
    /// Saving a plan to a file.
    case planOut
    /// Saving a plan, then applying exactly that plan.
    case savePlanThenApplyIt
    /// Rolling out a saved plan's waves, with the bake time's placeholder.
    case rollOutSavedPlan
    /// Rolling out a saved plan's waves, in a few words.
    case rollOutSavedPlanBriefly
    /// Making a plan file.
    case makePlanFile
    /// Letting a broken rule of `fleetform.yaml` pass for one run, with a reason.
    case overrideRule
    /// Naming the settings file.
    case settingsFile
}

/// How a front end names the options it took, for messages that refer to them.
public struct RunOptionNames: Sendable {
    private let name: @Sendable (RunOption) -> String

    public init(_ name: @escaping @Sendable (RunOption) -> String) { self.name = name }

    /// What `option` is called where the run was asked for.
    public subscript(_ option: RunOption) -> String { name(option) }

    /// The names of a run started from Swift: the properties and calls that set each option.
    public static let swiftAPI = RunOptionNames { option in
        switch option {
        case .region: "`LoadOptions.defaultRegion`"
        case .maxFileBytes: "`LoadOptions.maxFileBytes`"
        case .minProcessMemory: "`ImpactOptions.minProcessMemory`"
        case .maxProcessesPerVCPU: "`ImpactOptions.maxProcessesPerVCPU`"
        case .autoApprove: "`Approval.automatic`"
        case .failFast: "`ApplyOptions.failFast`"
        case .force: "`force`"
        case .rollbackOnFailure: "`ApplyWorkflow.Options.rollbackOnFailure`"
        case .target: "a `FleetSelector`"
        case .planOut: "`PlanFile.save`"
        case .savePlanThenApplyIt: "save a plan with `PlanFile.save` and apply it as `.savedPlan`"
        case .rollOutSavedPlan, .rollOutSavedPlanBriefly: "`RolloutWorkflow.roll`"
        case .makePlanFile: "`PlanFile.save`"
        case .overrideRule: "`RuleOverrides` with a reason"
        case .settingsFile: "`SettingsFile.load(path:)`"
        }
    }
}
