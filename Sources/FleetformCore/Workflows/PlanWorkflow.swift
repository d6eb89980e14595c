import FleetSpec
import Foundation
import GameLiftAPI

/// `fleetform plan`: reads the live fleets the (already validated) files name, checks the files against
/// them (operating system, build manifest), diffs, and optionally saves the plan for `apply --plan`.
/// Never writes to GameLift.
public struct PlanWorkflow: Sendable {
    public struct Options: Sendable {
        /// Fleets read at once.
        public var parallelism: Int
        /// `--detailed-exitcode`: exit 2 when there are changes.
        public var detailedExitCode: Bool
        /// `--out`: save the plan here.
        public var savePath: String?
        /// The thresholds of the impact warnings (`--min-process-memory`, `--max-processes-per-vcpu`).
        public var impact: ImpactOptions
        /// `--strict`: a warning in the files stops the plan before the network, as an error would; an impact
        /// warning (FF5xx) makes the plan exit 1 after it is shown.
        public var strict: Bool
        /// `plan --wave`: the waves a rollout of this plan takes, shown and saved with it.
        public var waves: [WaveSelector] = []
        /// Refuse fleets written as ARNs while the caller's account is unknown (apply writes; a plan only
        /// reads, so it records the unknown account and goes on).
        public var refuseARNsOfUnknownAccount: Bool
        /// `fleetform.yaml` and the overrides: each changed fleet is checked against its environment's impact
        /// rules, and the plan records each environment's account and window, and the overrides.
        public var policy: RunPolicy?

        public init(
            parallelism: Int = 8, detailedExitCode: Bool = false, savePath: String? = nil,
            impact: ImpactOptions = ImpactOptions(), strict: Bool = false, refuseARNsOfUnknownAccount: Bool = false
        ) {
            self.parallelism = parallelism
            self.detailedExitCode = detailedExitCode
            self.savePath = savePath
            self.impact = impact
            self.strict = strict
            self.refuseARNsOfUnknownAccount = refuseARNsOfUnknownAccount
        }
    }

    /// A plan, or the diagnostics that prevent one, and the exit status that says which.
    public struct Result: Sendable {
        /// `nil` when any diagnostic is an error (or the plan could not be saved).
        public var plan: PlanDocument?
        /// Every diagnostic, from the files and from the checks against the live fleets.
        public var diagnostics: [Diagnostic]
        public var status: ExitStatus
    }

    public let context: WorkflowContext
    public let options: Options

    public init(context: WorkflowContext, options: Options) {
        self.context = context
        self.options = options
    }

    /// `--strict`: every warning an error, except a broken rule an override passes.
    private func strict(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let passed = Set(options.policy?.overrides.map(\.code) ?? [])
        return diagnostics.map { d in
            var copy = d
            if !passed.contains(d.code) { copy.severity = .error }
            return copy
        }
    }

    /// Plans `input` against the live fleets; reports progress and every diagnostic to the observer.
    public func run(_ input: FleetInput) async -> Result {
        let context = self.context
        var fleets = input.fleets
        if let locked = PolicyText.lockedOverride(options.policy, fleets: fleets.documents, names: context.names) {
            context.observer.notice(.failed(locked))
            return Result(plan: nil, diagnostics: fleets.diagnostics, status: .error)
        }
        if options.strict { fleets.diagnostics = strict(fleets.diagnostics) }
        context.observer.notice(.progressStarted(label: "Reading fleets", total: fleets.documents.count))
        var impact = options.impact
        impact.settings = options.policy?.settings
        var planner = LivePlanner(
            reader: LiveFleetReader(
                gameLift: context.gameLift, parallelism: options.parallelism,
                onFleetRead: { context.observer.notice(.progressAdvanced) }),
            buildManifest: input.manifest, wallClock: context.wallClock, impact: impact)
        planner.settings = options.policy?.settings
        var planned = await planner.plan(
            fleets, callers: { await context.readCallers() }, failClosed: options.refuseARNsOfUnknownAccount)
        if options.strict { planned.diagnostics = strict(planned.diagnostics) }
        context.observer.notice(.progressFinished)
        if !planned.diagnostics.isEmpty {
            context.observer.notice(.diagnostics(planned.diagnostics, fileCount: fleets.fileCount))
        }
        guard var plan = planned.plan, !planned.diagnostics.hasErrors else {
            return Result(plan: nil, diagnostics: planned.diagnostics, status: .error)
        }
        if !options.waves.isEmpty { plan.waves = WavePlanner.waves(of: plan, options.waves) }
        if let overrides = options.policy?.overrides, !overrides.isEmpty { plan.overrides = overrides }
        if let path = options.savePath {
            do {
                try PlanFile.save(plan, to: path)
            } catch {
                context.observer.notice(.failed("\(error)"))
                return Result(plan: nil, diagnostics: planned.diagnostics, status: .error)
            }
            context.observer.notice(.planSaved(path: path))
        }
        // Impact warnings are shown with the plan (each under its fleet); under --strict they fail it.
        // A broken rule an override passes does not fail it.
        let passed = Set(options.policy?.overrides.map(\.code) ?? [])
        let failsStrict = options.strict && plan.impactWarnings.contains { !passed.contains($0.code) }
        return Result(
            plan: plan, diagnostics: planned.diagnostics,
            status: failsStrict ? .error : ExitStatus.forPlan(plan, detailed: options.detailedExitCode))
    }
}
