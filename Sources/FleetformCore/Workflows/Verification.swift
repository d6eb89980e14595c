import FleetSpec
import Foundation
import GameLiftAPI

/// The steps `apply --watch --rollback-on-failure` and `rollback --watch` share: watch the fleets an apply
/// updated, apply a planned rollback, and roll back the fleets a watch found failing.
struct Verification: Sendable {
    let context: WorkflowContext
    let journalPath: String
    let parallelism: Int
    /// `--strict-watch`: unknown `SERVER_PROCESS_*` codes count as failures.
    var strictWatch = false

    /// How long GameLift may take to start a server process with a new configuration: the server SDK's
    /// InitSDK() and ProcessReady() timeouts, 5 minutes each (docs/verify.md, "How GameLift replaces
    /// processes"). A shorter watch can pass a launch path that has not launched yet.
    static let processStartSeconds: Double = 600

    private var observer: any WorkflowObserver { context.observer }

    /// Watches the fleets `report` updated for `seconds`; `nil` when none was updated.
    func watch(_ report: ApplyReport, seconds: Double) async -> WatchReport? {
        let targets = WatchTarget.updated(in: report)
        guard !targets.isEmpty else {
            observer.notice(.nothingToWatch)
            return nil
        }
        observer.notice(.watchStarted(fleets: targets.count, seconds: seconds))
        if seconds < Self.processStartSeconds {
            observer.notice(
                .warning(
                    "a watch of \(DurationText.words(seconds)) is shorter than the \(DurationText.words(Self.processStartSeconds)) "
                        + "GameLift may take to start a server process (InitSDK and ProcessReady timeouts, 5 minutes "
                        + "each): failures that show later are not seen (docs/verify.md)"))
        }
        let observer = self.observer
        let watcher = Watcher(
            gameLift: context.gameLift,
            options: WatchOptions(duration: seconds, parallelism: parallelism, strict: strictWatch),
            timing: context.timing,
            onFailure: { target, event in observer.notice(.failureEvent(target, event)) })
        let watched = await watcher.watch(targets)
        observer.notice(.watchFinished(watched))
        return watched
    }

    /// Applies a planned rollback through the ordinary applier, journaled with cause `rollback`.
    func applyRollback(_ rollback: RollbackPlan, runId: String) async -> ApplyReport {
        let observer = self.observer
        let applier = Applier(
            gameLift: context.gameLift, journal: Journal(path: journalPath),
            options: ApplyOptions(
                parallelism: parallelism, runId: runId, cause: .rollback, names: context.names),
            timing: context.timing, wallClock: context.wallClock,
            onOutcome: { observer.notice(.fleetFinished($0, cause: .rollback)) })
        let report = await applier.apply(rollback.plan)
        observer.notice(.applyFinished(report, cause: .rollback))
        return report
    }

    /// `--rollback-on-failure`: restores, from the journal, the fleets of `run` that logged failure events.
    func rollBackFailures(_ watched: WatchReport, run: String, rollbackRunId: String) async -> RollbackRun? {
        let failing = Set(watched.failingFleets.map(\.fleetId))
        guard !failing.isEmpty else { return nil }
        observer.notice(.rollbackStarted(fleets: failing.count))
        let planner = RollbackPlanner(
            reader: LiveFleetReader(gameLift: context.gameLift, parallelism: parallelism), wallClock: context.wallClock,
            names: context.names)
        do {
            let rollback = try await planner.plan(
                journalPath: journalPath, selection: .run(run, fleets: failing), force: false)
            observer.notice(.rollbackPlanned(rollback))
            let report = await applyRollback(rollback, runId: rollbackRunId)
            return RollbackRun(plan: rollback, report: report)
        } catch {
            observer.notice(.failed("rollback on failure: \(error)"))
            return nil
        }
    }
}
