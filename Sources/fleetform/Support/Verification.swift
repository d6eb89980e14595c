import ArgumentParser
import FleetformCore
import Foundation
import GameLiftAPI

/// What `apply --watch`, `--rollback-on-failure` and `rollback` share: watch updated fleets, roll back.
enum Verification {
    /// Rejects a `--watch` value that is not a positive duration.
    static func validateDuration(_ text: String) throws {
        guard let seconds = DurationText.seconds(text), seconds > 0 else {
            throw ValidationError("--watch '\(text)' is not a positive duration (e.g. 90s, 5m, 1h)")
        }
    }

    /// Watches the fleets the report updated, printing each failure as it is seen and the report at the end.
    static func watch(
        _ report: ApplyReport, seconds: Double, parallelism: Int, connection: Connection, console: Console,
        quiet: Bool = false
    ) async -> WatchReport? {
        let targets = WatchTarget.updated(in: report)
        guard !targets.isEmpty else {
            if !quiet { console.err("Nothing to watch: no fleet was updated.") }
            return nil
        }
        if !quiet {
            console.err(
                "Watching \(targets.count) updated fleet\(targets.count == 1 ? "" : "s") for \(DurationWords.text(seconds))…"
            )
        }
        let style = console.errorStyle
        let watcher = Watcher(
            gameLift: connection.gameLift, options: WatchOptions(duration: seconds, parallelism: parallelism),
            onFailure: { target, event in
                if !quiet {
                    console.err(
                        style.red("failure event") + "  \(FleetNames.short(target.fleetId)): \(event.eventCode)")
                }
            })
        let watched = await watcher.watch(targets)
        if !quiet { console.out(WatchTextRenderer(style: console.style).render(watched)) }
        return watched
    }

    /// Applies a planned rollback through the ordinary applier, journaled with cause `rollback`.
    static func applyRollback(
        _ rollback: RollbackPlan, journal: String, parallelism: Int, connection: Connection, console: Console,
        quiet: Bool = false
    ) async -> ApplyReport {
        let renderer = ApplyTextRenderer(style: console.style)
        let applier = Applier(
            gameLift: connection.gameLift, journal: Journal(path: journal),
            options: ApplyOptions(parallelism: parallelism, runId: RunID.make(), cause: "rollback"),
            onOutcome: { outcome in
                if !quiet, let line = renderer.line(outcome) { console.out("rollback " + line) }
            })
        let report = await applier.apply(rollback.plan)
        if !quiet { console.out(renderer.summary(report).replacingOccurrences(of: "Apply:", with: "Rollback:")) }
        return report
    }

    /// `--rollback-on-failure`: restores, from the journal, the fleets of `run` that logged failure events.
    static func rollBackFailures(
        _ watched: WatchReport, run: String, journal: String, parallelism: Int, connection: Connection,
        console: Console, quiet: Bool = false
    ) async -> (plan: RollbackPlan, report: ApplyReport)? {
        let failing = Set(watched.failingFleets.map(\.fleetId))
        guard !failing.isEmpty else { return nil }
        if !quiet {
            console.err(
                "Rolling back \(failing.count) failing fleet\(failing.count == 1 ? "" : "s") (--rollback-on-failure)…")
        }
        let planner = RollbackPlanner(reader: FleetReader(gameLift: connection.gameLift, parallelism: parallelism))
        do {
            let rollback = try await planner.plan(
                journalPath: journal, selection: .run(run, fleets: failing), force: false)
            if !quiet { console.out(RollbackTextRenderer(style: console.style).render(rollback)) }
            let report = await applyRollback(
                rollback, journal: journal, parallelism: parallelism, connection: connection, console: console,
                quiet: quiet)
            return (rollback, report)
        } catch {
            console.err(console.errorStyle.red("error: ") + "rollback on failure: \(error)")
            return nil
        }
    }
}
