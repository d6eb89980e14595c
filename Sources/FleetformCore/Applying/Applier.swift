import FleetSpec
import Foundation
import GameLiftAPI

/// Settings of one apply run.
public struct ApplyOptions: Sendable {
    /// Fleets applied at once.
    public var parallelism: Int
    /// Stop starting new fleets after the first failure.
    public var failFast: Bool
    /// How long a held fleet may be waited for (seconds); 0 reports it held at once.
    public var holdTimeout: Double
    /// Identifies the run in the journal.
    public var runId: String
    /// What started the run, recorded in the journal (`apply` or `rollback`).
    public var cause: String

    public init(
        parallelism: Int = 8, failFast: Bool = false, holdTimeout: Double = 0, runId: String,
        cause: String = "apply"
    ) {
        self.parallelism = parallelism
        self.failFast = failFast
        self.holdTimeout = holdTimeout
        self.runId = runId
        self.cause = cause
    }
}

/// Applies a plan: per fleet, re-reads the live configuration and refuses it if it changed since the plan
/// (stale), journals the configuration about to be overwritten, then sends one `UpdateRuntimeConfiguration`.
/// Transient errors and throttling are retried by the `GameLift` it is given (`ResilientGameLift`);
/// `InvalidFleetStatusException` holds the fleet (waiting up to `holdTimeout` for its status to allow the
/// update); other errors fail that fleet only, unless `failFast`.
public struct Applier: Sendable {
    public let gameLift: any GameLift
    public let journal: Journal
    public let options: ApplyOptions
    public let timing: Timing
    public let wallClock: @Sendable () -> Date
    public let onOutcome: @Sendable (FleetOutcome) -> Void

    public init(
        gameLift: any GameLift, journal: Journal, options: ApplyOptions, timing: Timing = .system,
        wallClock: @escaping @Sendable () -> Date = { Date() },
        onOutcome: @escaping @Sendable (FleetOutcome) -> Void = { _ in }
    ) {
        self.gameLift = gameLift
        self.journal = journal
        self.options = options
        self.timing = timing
        self.wallClock = wallClock
        self.onOutcome = onOutcome
    }

    public func apply(_ plan: PlanDocument) async -> ApplyReport {
        let started = wallClock()
        let stop = StopSignal()
        let outcomes = await boundedMap(plan.fleets, limit: options.parallelism) { [self] fleet in
            let outcome: FleetOutcome
            if let reason = await stop.reason, fleet.action == .update || fleet.action == .held {
                outcome = self.outcome(fleet, .failed, detail: "not attempted: \(reason)")
            } else {
                outcome = await applyFleet(fleet)
            }
            if outcome.result == .failed, options.failFast {
                await stop.set("--fail-fast after \(fleet.fleetId) failed")
            }
            onOutcome(outcome)
            return outcome
        }
        return ApplyReport(run: options.runId, startedAt: started, finishedAt: wallClock(), outcomes: outcomes)
    }

    private func applyFleet(_ fleet: FleetPlan) async -> FleetOutcome {
        switch fleet.action {
        case .unchanged:
            return outcome(fleet, .unchanged, status: fleet.status)
        case .failed:
            return outcome(fleet, .failed, error: fleet.error, detail: "could not be read")
        case .update, .held:
            guard let request = fleet.request else {
                return outcome(fleet, .failed, detail: "the plan has no request for this fleet")
            }
            return await update(fleet, request)
        }
    }

    private func update(_ fleet: FleetPlan, _ request: UpdateRuntimeConfigurationInput) async -> FleetOutcome {
        let key = FleetKey(region: fleet.region, fleetId: fleet.fleetId)
        let reader = FleetReader(gameLift: gameLift)
        let deadline = timing.now() + options.holdTimeout
        var pollDelay = 1.0
        while true {
            // Re-read: a change made since the plan is never overwritten.
            let live: RuntimeConfiguration
            do {
                live = try await reader.configuration(of: key)
            } catch {
                return outcome(fleet, .failed, error: ServiceErrorInfo(error), detail: "could not re-read the fleet")
            }
            if let expected = fleet.observedFingerprint, Fingerprint.of(live) != expected {
                return outcome(
                    fleet, .failed, error: ServiceErrorInfo(code: "StalePlan", message: "live configuration changed"),
                    detail: "refused: its live configuration changed since the plan was made; run plan again")
            }
            do {
                try await journal.append(entry(.intent, fleet, previous: live, new: request.runtimeConfiguration))
            } catch {
                return outcome(fleet, .failed, detail: "not sent, journal unavailable: \(error)")
            }
            do {
                _ = try await gameLift.updateRuntimeConfiguration(request, region: fleet.region)
                let done = outcome(
                    fleet, .updated, updatedAt: wallClock(), previous: live, applied: request.runtimeConfiguration)
                try? await journal.append(entry(.result, fleet, outcome: .updated))
                return done
            } catch {
                guard ErrorDisposition.of(error) == .hold else {
                    try? await journal.append(entry(.result, fleet, outcome: .failed))
                    return outcome(fleet, .failed, error: ServiceErrorInfo(error))
                }
                let status = try? await reader.status(of: key)
                // Wait, polling the status with backoff, while the hold timeout lasts.
                var allowed = false
                while timing.now() < deadline {
                    let wait = min(pollDelay, deadline - timing.now())
                    try? await timing.sleep(wait)
                    pollDelay = min(pollDelay * 2, 30)
                    if let now = try? await reader.status(of: key), now.allowsRuntimeConfigurationUpdate {
                        allowed = true
                        break
                    }
                }
                if !allowed {
                    try? await journal.append(entry(.result, fleet, outcome: .held))
                    var shown = status.map { "the fleet's status is \($0)" } ?? "the fleet's status is unknown"
                    // A multi-location fleet: the locations' statuses may explain the refusal.
                    let locations = await FleetReader.locations(
                        of: key, attributes: nil, gameLift: gameLift)
                    let named = (locations ?? []).compactMap { l in
                        l.location.map { "\($0) \(l.status?.rawValue ?? "unknown")" }
                    }
                    if !named.isEmpty { shown += "; its locations: " + named.joined(separator: ", ") }
                    let waited =
                        options.holdTimeout > 0 ? "; still refused after waiting \(Int(options.holdTimeout))s" : ""
                    return outcome(
                        fleet, .held, status: status, error: ServiceErrorInfo(error),
                        detail: "held: GameLift refused the update for the fleet's status (\(shown))\(waited)")
                }
            }
        }
    }

    private func entry(
        _ kind: JournalEntry.Kind, _ fleet: FleetPlan, previous: RuntimeConfiguration? = nil,
        new: RuntimeConfiguration? = nil, outcome: FleetOutcome.Result? = nil
    ) -> JournalEntry {
        JournalEntry(
            kind: kind, run: options.runId, time: wallClock(), fleetId: fleet.fleetId,
            fleetIdOrArn: fleet.fleetIdOrArn, region: fleet.region, cause: options.cause, previous: previous,
            new: new, outcome: outcome)
    }

    private func outcome(
        _ fleet: FleetPlan, _ result: FleetOutcome.Result, status: FleetStatus? = nil,
        error: ServiceErrorInfo? = nil, detail: String? = nil, updatedAt: Date? = nil,
        previous: RuntimeConfiguration? = nil, applied: RuntimeConfiguration? = nil
    ) -> FleetOutcome {
        FleetOutcome(
            fleetId: fleet.fleetId, region: fleet.region, source: fleet.source, result: result,
            status: status ?? fleet.status, error: error, detail: detail, updatedAt: updatedAt, previous: previous,
            applied: applied)
    }
}

/// Set once by the first failure when `--fail-fast` is on.
private actor StopSignal {
    private(set) var reason: String?
    func set(_ reason: String) { if self.reason == nil { self.reason = reason } }
}
