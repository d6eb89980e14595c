import FleetSpec
import Foundation
import GameLiftAPI

/// `fleetform apply`: plans the files (or takes a saved plan), gets approval, applies every changed fleet
/// (journaled first, refused when stale, held while GameLift's status says no), then optionally watches the
/// updated fleets' events and rolls back those that fail. With `--auto-approve` there is nobody to ask, so
/// planning and applying are one stream: each fleet is read once and updated as soon as its diff is known.
public struct ApplyWorkflow: Sendable {
    public struct Options: Sendable {
        /// How each fleet is applied: fleets at once, fail-fast, the hold timeout, and the run's id in the journal.
        public var apply: ApplyOptions
        /// The journal of overwritten configurations.
        public var journalPath: String
        /// Watch the updated fleets' events this many seconds after the apply; `nil`: no watch.
        public var watchSeconds: Double?
        /// With a watch: restore the fleets that log failure events.
        public var rollbackOnFailure: Bool
        /// How a plan with changes gets the go-ahead (a saved plan was approved when it was reviewed).
        public var approval: Approval
        /// Identifies a rollback on failure in the journal.
        public var rollbackRunId: String
        /// `--strict-watch`: a `SERVER_PROCESS_*` code this version does not know counts as a failure.
        public var strictWatch = false
        /// `fleetform.yaml` and the overrides: every rule is checked before anything is sent (docs/policy.md).
        public var policy: RunPolicy? {
            didSet { apply.overrides = policy?.overrides ?? [] }
        }
        /// This apply is one wave of a rollout (for `requireWaves`).
        public var inWaves = false
        /// The report lists each fleet's outcome, as `--format json` prints it. Without it, and without a watch
        /// (which reads the updated fleets), a streamed apply keeps the counts alone: nothing per fleet once the
        /// fleet is done (docs/benchmarks.md, "Lean again").
        public var reportsOutcomes = true

        public init(
            parallelism: Int = 8, failFast: Bool = false, holdTimeout: Double = 0,
            journalPath: String = Journal.defaultPath, watchSeconds: Double? = nil, rollbackOnFailure: Bool = false,
            approval: Approval = .unavailable, runId: String = RunID.make(), rollbackRunId: String = RunID.make()
        ) {
            self.apply = ApplyOptions(
                parallelism: parallelism, failFast: failFast, holdTimeout: holdTimeout, runId: runId, cause: .apply)
            self.journalPath = journalPath
            self.watchSeconds = watchSeconds
            self.rollbackOnFailure = rollbackOnFailure
            self.approval = approval
            self.rollbackRunId = rollbackRunId
        }

        /// Fleets read and updated at once.
        public var parallelism: Int { apply.parallelism }
        /// Identifies this run in the journal.
        public var runId: String { apply.runId }
    }

    /// What the run did at each step, and the exit status it earns (see `ExitStatus.forApply`).
    public struct Result: Sendable {
        /// The plan applied; `nil` when planning failed, and after a streamed apply (`--auto-approve` with files),
        /// which shows each fleet's plan as it goes and keeps only `planSummary` and the report.
        public var plan: PlanDocument?
        /// Counts of the planned fleets by action; `nil` when planning failed.
        public var planSummary: PlanSummary?
        /// `nil` when nothing was applied (planning failed, or approval was refused).
        public var apply: ApplyReport?
        public var watch: WatchReport?
        public var rollback: RollbackRun?
        public var status: ExitStatus

        /// The `--format json` document: the apply report alone, or with `--watch` the verified apply.
        public var jsonDocument: (any Encodable & Sendable)? {
            guard let apply else { return nil }
            return watchRequested ? VerifiedApplyJSON(apply: apply, watch: watch, rollback: rollback?.report) : apply
        }

        var watchRequested = false
    }

    public let context: WorkflowContext
    public let options: Options

    public init(context: WorkflowContext, options: Options) {
        self.context = context
        self.options = options
    }

    /// What to apply.
    public enum Source: Sendable {
        /// Fleet files: planned, shown and approved first.
        case files(FleetInput)
        /// A saved plan (`plan --out`), applied exactly: it was approved when it was reviewed, and fleets
        /// whose live configuration changed since are refused as stale.
        case savedPlan(PlanDocument)
    }

    /// Applies `source`: files are planned, shown (`planReady`) and approved first, or with `--auto-approve`
    /// streamed (each fleet read, planned and updated at once: `StreamingApplier`); a saved plan is applied as it
    /// is. Then the watch and the rollback on failure, when the options ask for them.
    public func run(_ source: Source) async -> Result {
        switch source {
        case .files(let input):
            let fleets = input.fleets.documents.map { (environment: $0.environment, location: $0.location) }
            if let gate, gate.refuses(fleets, diagnostics: input.fleets.diagnostics, announce: !options.inWaves) {
                return finish(plan: nil, apply: nil)
            }
            if case .automatic = options.approval { return await stream(input) }
            return await run(files: input)
        case .savedPlan(let plan):
            if let gate,
                gate.refuses(
                    PolicyGate.fleets(of: plan), diagnostics: gate.policy.brokenRules(in: plan, names: context.names),
                    announce: !options.inWaves)
            {
                return finish(plan: nil, apply: nil)
            }
            return await apply(await checkedAccounts(plan), readAt: nil)
        }
    }

    /// Plans `input`, shows the plan, asks for approval when it has changes, then applies it. A person sits
    /// between the read and the write, so each fleet is read again before its update unless the plan's read is
    /// younger than `FleetUpdatePipeline.freshReadSeconds`.
    private func run(files input: FleetInput) async -> Result {
        let readAt = context.timing.now()
        var planOptions = PlanWorkflow.Options(parallelism: options.parallelism, refuseARNsOfUnknownAccount: true)
        planOptions.policy = options.policy
        let planning = PlanWorkflow(context: context, options: planOptions)
        guard let plan = await planning.run(input).plan else { return finish(plan: nil, apply: nil) }
        context.observer.notice(.planReady(plan))
        if let gate, gate.refuses(gate.policy.unpassed(plan.impactWarnings), show: false) {
            return finish(plan: plan, apply: nil)
        }
        if plan.hasChanges,
            !(await options.approval.obtain(for: .apply, observer: context.observer, names: context.names))
        {
            return finish(plan: plan, apply: nil)
        }
        // A person may take a while to answer: the window may have closed, or a freeze begun.
        if let gate, gate.refuses(PolicyGate.fleets(of: plan), diagnostics: []) {
            return finish(plan: plan, apply: nil)
        }
        return await apply(plan, readAt: readAt)
    }

    /// `--auto-approve`: each fleet's plan is shown as it is decided (`fleetPlanned`) and applied at once, then
    /// the plan's summary (`planSummary`) and the apply's.
    private func stream(_ input: FleetInput) async -> Result {
        let observer = context.observer
        let streaming = StreamingApplier(
            applier: applier(),
            // No impact: the capacity reads it needs are batched after the whole plan is known, and nobody
            // reviews a streamed plan before it is applied (README, "How apply behaves").
            planner: LivePlanner(
                reader: LiveFleetReader(gameLift: context.gameLift, parallelism: options.parallelism),
                buildManifest: input.manifest, wallClock: context.wallClock, impact: nil),
            onPlanned: { observer.notice(.fleetPlanned($0)) })
        let context = self.context
        let checked = await streaming.check(input.fleets, callers: { await context.readCallers() })
        if !checked.diagnostics.isEmpty {
            observer.notice(.diagnostics(checked.diagnostics, fileCount: input.fleets.fileCount))
        }
        guard !checked.diagnostics.hasErrors else { return finish(plan: nil, apply: nil) }
        if let callers = checked.callers {
            let includeRun = input.fleets.documents.contains { $0.environment == nil }
            observer.notice(.callersRead(callers, includeRun: includeRun))
        }
        if let policy = options.policy {
            let broken = await ImpactPreview.brokenRules(
                of: input.fleets.documents, checked: checked, policy: policy, gameLift: context.gameLift,
                parallelism: options.parallelism, names: context.names)
            if gate?.refuses(policy.unpassed(broken), show: true) == true { return finish(plan: nil, apply: nil) }
        }
        observer.notice(.progressStarted(label: "Applying", total: input.fleets.documents.count))
        let streamed = await streaming.run(
            input.fleets, checked, keepingOutcomes: options.reportsOutcomes || options.watchSeconds != nil)
        observer.notice(.progressFinished)
        observer.notice(.planSummary(streamed.summary))
        observer.notice(.applyFinished(streamed.report, cause: .apply))
        return await verify(nil, streamed.report, summary: streamed.summary)
    }

    /// A saved plan with every fleet these credentials must not touch turned into a failed fleet, before
    /// anything is sent: all of them when the plan was made in another account than the one applying it, and
    /// otherwise fleets written as ARNs of another account, or of any account while this one is unknown.
    private func checkedAccounts(_ plan: PlanDocument) async -> PlanDocument {
        let guarding = await context.readCallers().accountGuard(failClosed: true)
        var checked = plan
        for index in checked.fleets.indices where checked.fleets[index].isChange {
            if let refusal = guarding.refusal(
                of: checked.fleets[index], plannedIn: plan.caller?.account, environments: plan.environments ?? [])
            {
                checked.fleets[index].action = .failed
                checked.fleets[index].refusal = refusal
                checked.fleets[index].request = nil
            }
        }
        return checked
    }

    private func apply(_ plan: PlanDocument, readAt: Double?) async -> Result {
        let observer = context.observer
        observer.notice(.progressStarted(label: "Applying", total: plan.fleets.count))
        let report = await applier().apply(plan, readAt: readAt)
        observer.notice(.progressFinished)
        observer.notice(.applyFinished(report, cause: .apply))
        return await verify(plan, report)
    }

    /// The run's policy gate; `nil` without `fleetform.yaml`.
    private var gate: PolicyGate? {
        options.policy.map { policy in
            PolicyGate(
                policy: policy, context: context,
                shape: RunPolicy.ApplyShape(watchSeconds: options.watchSeconds, waves: options.inWaves))
        }
    }

    /// The run's apply options, naming options as the caller does.
    private func applyOptions() -> ApplyOptions {
        var apply = options.apply
        apply.names = context.names
        return apply
    }

    private func applier() -> Applier {
        let observer = context.observer
        return Applier(
            gameLift: context.gameLift, journal: Journal(path: options.journalPath),
            options: applyOptions(),
            timing: context.timing, wallClock: context.wallClock,
            onOutcome: { outcome in
                observer.notice(.fleetFinished(outcome, cause: .apply))
                observer.notice(.progressAdvanced)
            })
    }

    /// With `--watch`, watches the updated fleets and, with `--rollback-on-failure`, restores those that fail.
    /// `summary`: a streamed apply's plan summary (it keeps no plan).
    private func verify(_ plan: PlanDocument?, _ report: ApplyReport, summary: PlanSummary? = nil) async -> Result {
        let observer = context.observer
        guard let seconds = options.watchSeconds else { return finish(plan: plan, apply: report, summary: summary) }
        var verification = Verification(
            context: context, journalPath: options.journalPath, parallelism: options.parallelism)
        verification.strictWatch = options.strictWatch
        let watched = await verification.watch(report, seconds: seconds)
        var rollback: RollbackRun?
        if options.rollbackOnFailure, let watched {
            rollback = await verification.rollBackFailures(
                watched, run: options.runId, rollbackRunId: options.rollbackRunId)
        }
        if let watched, watched.hasFailures {
            observer.notice(
                .failureEventsSeen(rolledBack: options.rollbackOnFailure ? rollback?.report.summary.updated ?? 0 : nil))
        }
        return finish(plan: plan, apply: report, watch: watched, rollback: rollback, summary: summary)
    }

    private func finish(
        plan: PlanDocument?, apply: ApplyReport?, watch: WatchReport? = nil, rollback: RollbackRun? = nil,
        summary: PlanSummary? = nil
    ) -> Result {
        let status = apply.map { ExitStatus.forApply($0, watch: watch) } ?? .error
        var result = Result(plan: plan, apply: apply, watch: watch, rollback: rollback, status: status)
        result.planSummary = summary ?? plan?.summary
        result.watchRequested = options.watchSeconds != nil
        return result
    }
}
