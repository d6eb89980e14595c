import FleetSpec
import Foundation
import GameLiftAPI

/// How one fleet ended in an apply. Every fleet ends in exactly one of these.
public struct FleetOutcome: Codable, Sendable, Hashable {
    public enum Result: String, Codable, Sendable, Hashable { case updated, unchanged, held, failed }

    public var fleetId: String
    public var region: String
    public var source: SourceLocation
    public var result: Result
    /// The fleet's status, where it was read (always for a held fleet).
    public var status: FleetStatus?
    public var error: ServiceErrorInfo?
    /// A sentence for people: why held or failed.
    public var detail: String?
    /// When the accepted update was sent (before its first try), for reading events from then on.
    public var updatedAt: Date?
    /// The configuration that was overwritten (updated fleets).
    public var previous: RuntimeConfiguration?
    /// The configuration that was sent (updated fleets).
    public var applied: RuntimeConfiguration?

    public init(
        fleetId: String, region: String, source: SourceLocation, result: Result, status: FleetStatus? = nil,
        error: ServiceErrorInfo? = nil, detail: String? = nil, updatedAt: Date? = nil,
        previous: RuntimeConfiguration? = nil, applied: RuntimeConfiguration? = nil
    ) {
        self.fleetId = fleetId
        self.region = region
        self.source = source
        self.result = result
        self.status = status
        self.error = error
        self.detail = detail
        self.updatedAt = updatedAt
        self.previous = previous
        self.applied = applied
    }
}

/// Counts of fleets by outcome.
public struct ApplySummary: Codable, Sendable, Hashable {
    public var updated = 0
    public var unchanged = 0
    public var held = 0
    public var failed = 0

    public init(_ outcomes: [FleetOutcome] = []) {
        for outcome in outcomes { count(outcome.result) }
    }

    /// Counts one more fleet that ended `result`.
    public mutating func count(_ result: FleetOutcome.Result) {
        switch result {
        case .updated: updated += 1
        case .unchanged: unchanged += 1
        case .held: held += 1
        case .failed: failed += 1
        }
    }

    /// `Apply: 1 updated, 3 unchanged, 0 held, 0 failed.` (`Rollback: …` for a rollback).
    public func line(_ cause: ApplyCause = .apply) -> String {
        "\(cause.title): \(updated) updated, \(unchanged) unchanged, \(held) held, \(failed) failed."
    }
}

/// The result of an apply run.
public struct ApplyReport: Codable, Sendable, Hashable {
    public var formatVersion = 1
    public var run: String
    public var startedAt: Date
    public var finishedAt: Date
    /// Each fleet's outcome, in the plan's order (the files' for a streamed apply); empty when the run kept only
    /// the counts (see `summary`).
    public private(set) var outcomes: [FleetOutcome]
    /// The broken rules of `fleetform.yaml` let pass for this run (`--override`), with the reason given.
    public var overrides: [RuleOverride]?
    /// Counts of the fleets by outcome.
    public private(set) var summary: ApplySummary

    public init(run: String, startedAt: Date, finishedAt: Date, outcomes: [FleetOutcome]) {
        self.run = run
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcomes = outcomes
        self.summary = ApplySummary(outcomes)
    }

    /// A report of the counts alone: what an apply that prints text and does not watch needs, so a streamed
    /// apply keeps nothing per fleet (`ApplyWorkflow.Options.reportsOutcomes`).
    public init(run: String, startedAt: Date, finishedAt: Date, summary: ApplySummary) {
        self.run = run
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcomes = []
        self.summary = summary
    }

    enum CodingKeys: String, CodingKey { case formatVersion, run, startedAt, finishedAt, overrides, summary, outcomes }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try c.decode(Int.self, forKey: .formatVersion)
        run = try c.decode(String.self, forKey: .run)
        startedAt = try c.decode(Date.self, forKey: .startedAt)
        finishedAt = try c.decode(Date.self, forKey: .finishedAt)
        outcomes = try c.decode([FleetOutcome].self, forKey: .outcomes)
        overrides = try c.decodeIfPresent([RuleOverride].self, forKey: .overrides)
        // The outcomes are the truth; a report of counts alone has none.
        summary =
            outcomes.isEmpty
            ? try c.decodeIfPresent(ApplySummary.self, forKey: .summary) ?? ApplySummary() : ApplySummary(outcomes)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(formatVersion, forKey: .formatVersion)
        try c.encode(run, forKey: .run)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(finishedAt, forKey: .finishedAt)
        try c.encodeIfPresent(overrides, forKey: .overrides)
        try c.encode(summary, forKey: .summary)
        try c.encode(outcomes, forKey: .outcomes)
    }
}
