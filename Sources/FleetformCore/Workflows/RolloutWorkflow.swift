import FleetSpec
import Foundation
import GameLiftAPI

/// `apply --wave … --bake DURATION`: plans once, splits the changed fleets into waves and applies them one wave
/// at a time, each watched for the bake time; the next wave starts only when the last is healthy
/// (docs/verify.md, "Waves"). Each wave is applied as a saved plan is, so a fleet changed since the plan
/// (during an earlier wave's bake, say) is refused, never overwritten. A failing wave halts the rollout; its
/// failing fleets are restored with `rollbackOnFailure`; later waves are reported as not started. Running the
/// same command again resumes: fleets already converged plan as unchanged and fall out of the waves.
public struct RolloutWorkflow: Sendable {
    public struct Options: Sendable {
        /// The waves, in order; the changed fleets no selector takes form a last wave.
        public var waves: [WaveSelector]
        /// Seconds each wave is watched before the next starts.
        public var bakeSeconds: Double
        /// A wave with held fleets lets the next start (otherwise it halts the rollout).
        public var continueOnHold: Bool
        /// How apply behaves within each wave (journal, holds, rollback on failure, approval, run id).
        public var apply: ApplyWorkflow.Options

        public init(
            waves: [WaveSelector], bakeSeconds: Double, continueOnHold: Bool = false, apply: ApplyWorkflow.Options
        ) {
            self.waves = waves
            self.bakeSeconds = bakeSeconds
            self.continueOnHold = continueOnHold
            self.apply = apply
        }
    }

    /// How one wave ended.
    public enum WaveResult: String, Codable, Sendable, Hashable, CaseIterable {
        /// Applied and healthy through its bake.
        case healthy
        /// Some fleets held (with `continueOnHold`, the rollout went on).
        case held
        /// Failure events, failed updates or fleets whose health could not be read: the rollout halted.
        case failed
        /// A halt before it: not touched.
        case notStarted
    }

    public struct WaveOutcome: Sendable {
        public var wave: PlanWave
        public var result: WaveResult
        /// What applying it did (`nil` when it did not start).
        public var run: ApplyWorkflow.Result?
    }

    public struct Result: Sendable {
        public var plan: PlanDocument?
        public var waves: [WaveOutcome]
        public var status: ExitStatus

        /// The `--format json` document.
        public var jsonDocument: RolloutJSON { RolloutJSON(self) }
    }

    public let context: WorkflowContext
    public let options: Options

    public init(context: WorkflowContext, options: Options) {
        self.context = context
        self.options = options
    }

    /// Plans `input`, shows the plan and its waves, asks for approval once, then rolls out wave by wave.
    public func run(_ input: FleetInput) async -> Result {
        // The whole rollout is judged before anything is read: a freeze or a broken file rule stops it here.
        let fleets = input.fleets.documents.map { (environment: $0.environment, location: $0.location) }
        if let gate, gate.refuses(fleets, diagnostics: input.fleets.diagnostics) {
            return Result(plan: nil, waves: [], status: .error)
        }
        var planOptions = PlanWorkflow.Options(parallelism: options.apply.parallelism, refuseARNsOfUnknownAccount: true)
        planOptions.policy = options.apply.policy
        let planning = PlanWorkflow(context: context, options: planOptions)
        guard let plan = await planning.run(input).plan else { return Result(plan: nil, waves: [], status: .error) }
        context.observer.notice(.planReady(plan))
        return await roll(plan, waves: WavePlanner.waves(of: plan, options.waves))
    }

    /// Rolls `plan` out in `waves` (a saved plan's, or freshly made); asks for approval when the plan has changes.
    public func roll(_ plan: PlanDocument, waves: [PlanWave]) async -> Result {
        let observer = context.observer
        guard !waves.isEmpty else {
            return Result(plan: plan, waves: [], status: plan.summary.failed > 0 ? .error : .success)
        }
        // Every wave's rules before the first wave: no wave is applied when a later one would be refused.
        if let gate,
            gate.refuses(
                PolicyGate.fleets(of: plan), diagnostics: gate.policy.brokenRules(in: plan, names: context.names),
                announce: true)
        {
            return Result(plan: plan, waves: [], status: .error)
        }
        observer.notice(.rolloutPlanned(waves, bakeSeconds: options.bakeSeconds))
        if !(await options.apply.approval.obtain(for: .apply, observer: observer, names: context.names)) {
            return Result(plan: plan, waves: [], status: .error)
        }
        var outcomes: [WaveOutcome] = []
        var halted = false
        for (index, wave) in waves.enumerated() {
            guard !halted else {
                outcomes.append(WaveOutcome(wave: wave, result: .notStarted, run: nil))
                continue
            }
            observer.notice(.waveStarted(index: index + 1, of: waves.count, wave: wave))
            let keys = Set(wave.fleets)
            var part = plan
            part.fleets = plan.fleets.filter { keys.contains($0.key) }
            var waveOptions = options.apply
            waveOptions.watchSeconds = options.bakeSeconds
            waveOptions.approval = .automatic
            waveOptions.inWaves = true
            let run = await ApplyWorkflow(context: context, options: waveOptions).run(.savedPlan(part))
            let result = Self.result(of: run)
            outcomes.append(WaveOutcome(wave: wave, result: result, run: run))
            observer.notice(.waveFinished(index: index + 1, result: result, status: run.status))
            halted = result == .failed || (result == .held && !options.continueOnHold)
        }
        observer.notice(.rolloutFinished(outcomes.map(\.result)))
        return Result(plan: plan, waves: outcomes, status: Self.status(outcomes, plan: plan))
    }

    /// The rollout's policy gate (each wave is watched for the bake time); `nil` without `fleetform.yaml`.
    private var gate: PolicyGate? {
        options.apply.policy.map { policy in
            PolicyGate(
                policy: policy, context: context,
                shape: RunPolicy.ApplyShape(watchSeconds: options.bakeSeconds, waves: true))
        }
    }

    static func result(of run: ApplyWorkflow.Result) -> WaveResult {
        switch run.status {
        case .success, .changesPending: .healthy
        case .held: .held
        case .error, .failureEvents: .failed
        }
    }

    /// The rollout's exit status: failure events (4) over errors (1) over holds (3); a plan that could not read
    /// some fleet is an error even when every wave is healthy.
    static func status(_ outcomes: [WaveOutcome], plan: PlanDocument) -> ExitStatus {
        let statuses = outcomes.compactMap(\.run?.status)
        if statuses.contains(.failureEvents) { return .failureEvents }
        if statuses.contains(.error) || plan.summary.failed > 0 { return .error }
        if statuses.contains(.held) { return .held }
        return .success
    }
}

/// `apply --wave … --format json`: each wave with what applying, baking and rolling it back did.
public struct RolloutJSON: Encodable, Sendable {
    public var formatVersion = 1
    public var waves: [Wave]

    public struct Wave: Encodable, Sendable {
        public var wave: Int
        public var selector: String
        public var fleets: [FleetKey]
        public var result: RolloutWorkflow.WaveResult
        public var apply: ApplyReport?
        public var watch: WatchReport?
        public var rollback: ApplyReport?
    }

    init(_ result: RolloutWorkflow.Result) {
        waves = result.waves.enumerated().map { index, outcome in
            Wave(
                wave: index + 1, selector: outcome.wave.selector, fleets: outcome.wave.fleets, result: outcome.result,
                apply: outcome.run?.apply, watch: outcome.run?.watch, rollback: outcome.run?.rollback?.report)
        }
    }
}
