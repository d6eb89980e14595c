import Foundation
import GameLiftAPI

/// `fleetform rollback`: restores the configurations the journal recorded as overwritten. The rollback is
/// planned against the live fleets (refusing those changed since, unless forced), shown, approved, applied
/// and journaled like any apply (cause `rollback`, so it can be undone too), and optionally watched.
public struct RollbackWorkflow: Sendable {
    public struct Options: Sendable {
        /// Which journal entries to undo.
        public var selection: RollbackSelection
        /// Restore even fleets whose live configuration changed since the run being undone.
        public var force: Bool
        public var journalPath: String
        /// Fleets read and updated at once.
        public var parallelism: Int
        public var approval: Approval
        /// Watch the restored fleets' events this many seconds; `nil`: no watch.
        public var watchSeconds: Double?
        /// Identifies this run in the journal.
        public var runId: String

        public init(
            selection: RollbackSelection = .run(nil), force: Bool = false, journalPath: String = Journal.defaultPath,
            parallelism: Int = 8, approval: Approval = .unavailable, watchSeconds: Double? = nil,
            runId: String = RunID.make()
        ) {
            self.selection = selection
            self.force = force
            self.journalPath = journalPath
            self.parallelism = parallelism
            self.approval = approval
            self.watchSeconds = watchSeconds
            self.runId = runId
        }
    }

    public struct Result: Sendable {
        /// `nil` when the journal could not be read or gave nothing to undo.
        public var rollback: RollbackPlan?
        /// `nil` when nothing was applied.
        public var apply: ApplyReport?
        public var watch: WatchReport?
        public var status: ExitStatus
    }

    public let context: WorkflowContext
    public let options: Options

    public init(context: WorkflowContext, options: Options) {
        self.context = context
        self.options = options
    }

    /// Plans the rollback from the journal against the live fleets, shows it (`rollbackPlanned`), gets
    /// approval, applies it and, with `watchSeconds`, watches the restored fleets.
    public func run() async -> Result {
        let planner = RollbackPlanner(
            reader: LiveFleetReader(gameLift: context.gameLift, parallelism: options.parallelism),
            wallClock: context.wallClock, names: context.names)
        let rollback: RollbackPlan
        do {
            rollback = try await planner.plan(
                journalPath: options.journalPath, selection: options.selection, force: options.force)
        } catch {
            context.observer.notice(.failed("\(error)"))
            return Result(rollback: nil, apply: nil, watch: nil, status: .error)
        }
        context.observer.notice(.rollbackPlanned(rollback))
        if rollback.plan.hasChanges,
            !(await options.approval.obtain(for: .rollback, observer: context.observer, names: context.names))
        {
            return Result(rollback: rollback, apply: nil, watch: nil, status: .error)
        }
        let verification = Verification(
            context: context, journalPath: options.journalPath, parallelism: options.parallelism)
        let report = await verification.applyRollback(rollback, runId: options.runId)
        var watched: WatchReport?
        if let seconds = options.watchSeconds {
            watched = await verification.watch(report, seconds: seconds)
        }
        let status = ExitStatus.forApply(report, watch: watched)
        // A refused fleet was not restored: that is an error, unless failure events (4) say more.
        return Result(
            rollback: rollback, apply: report, watch: watched,
            status: !rollback.refusals.isEmpty && status != .failureEvents ? .error : status)
    }
}
