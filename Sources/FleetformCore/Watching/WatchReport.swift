import Foundation
import GameLiftAPI

/// What watching one fleet found.
public struct FleetWatch: Codable, Sendable, Hashable {
    public var fleetId: String
    public var region: String
    /// Events are counted from here on: the update time.
    public var since: Date
    /// Every event seen after the update, oldest first.
    public var events: [EventRecord]
    /// The error of the last poll, when it failed.
    public var readError: ServiceErrorInfo?
    /// Whether the log was read to the end of the watch: at least one poll succeeded and the last did.
    public var verified: Bool
    /// The failure events that count against the new configuration (a halt, a rollback, exit 4).
    public var failures: [EventRecord]
    /// Failure events of codes the fleet already logged at a similar rate before the update, not naming
    /// anything only the new configuration has: reported, never counted.
    public var alreadyFailing: [EventRecord]
    /// What the fleet logged before the update, the yardstick for `alreadyFailing`; `nil` when not read.
    public var baseline: WatchBaseline?

    public init(
        fleetId: String, region: String, since: Date, events: [EventRecord], readError: ServiceErrorInfo? = nil,
        verified: Bool, failures: [EventRecord]? = nil, alreadyFailing: [EventRecord] = [],
        baseline: WatchBaseline? = nil
    ) {
        self.fleetId = fleetId
        self.region = region
        self.since = since
        self.events = events
        self.readError = readError
        self.verified = verified
        self.failures = failures ?? events.filter(\.indicatesFailure)
        self.alreadyFailing = alreadyFailing
        self.baseline = baseline
    }

    public var hasFailures: Bool { !failures.isEmpty }

    enum CodingKeys: String, CodingKey {
        case fleetId, region, since, verified, readError, baseline, failures, alreadyFailing, events
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        fleetId = try c.decode(String.self, forKey: .fleetId)
        region = try c.decode(String.self, forKey: .region)
        since = try c.decode(Date.self, forKey: .since)
        events = try c.decode([EventRecord].self, forKey: .events)
        readError = try c.decodeIfPresent(ServiceErrorInfo.self, forKey: .readError)
        verified = try c.decode(Bool.self, forKey: .verified)
        failures = try c.decodeIfPresent([EventRecord].self, forKey: .failures) ?? events.filter(\.indicatesFailure)
        alreadyFailing = try c.decodeIfPresent([EventRecord].self, forKey: .alreadyFailing) ?? []
        baseline = try c.decodeIfPresent(WatchBaseline.self, forKey: .baseline)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(fleetId, forKey: .fleetId)
        try c.encode(region, forKey: .region)
        try c.encode(since, forKey: .since)
        try c.encode(verified, forKey: .verified)
        try c.encodeIfPresent(readError, forKey: .readError)
        try c.encodeIfPresent(baseline, forKey: .baseline)
        try c.encode(failures, forKey: .failures)
        try c.encode(alreadyFailing, forKey: .alreadyFailing)
        try c.encode(events, forKey: .events)
    }
}

/// A fleet's failure events in the window before its update.
public struct WatchBaseline: Codable, Sendable, Hashable {
    /// The window's length in seconds, ending at the update.
    public var seconds: Double
    /// Occurrences (events × `Count`) per failure code in the window.
    public var failures: [String: Int]
    /// Why the window could not be read; then nothing counts as already failing.
    public var readError: ServiceErrorInfo?

    public init(seconds: Double, failures: [String: Int], readError: ServiceErrorInfo? = nil) {
        self.seconds = seconds
        self.failures = failures
        self.readError = readError
    }
}

/// The result of `apply --watch`: per fleet, the failure events seen after its update.
public struct WatchReport: Codable, Sendable, Hashable {
    /// The JSON format's version; bumped on any incompatible change.
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    /// The duration asked for, in seconds.
    public var duration: Double
    /// How long the watch ran (shorter when every fleet failed early).
    public var watchedSeconds: Double
    public var polls: Int
    public var fleets: [FleetWatch]

    public init(duration: Double, watchedSeconds: Double, polls: Int, fleets: [FleetWatch]) {
        self.formatVersion = Self.currentFormatVersion
        self.duration = duration
        self.watchedSeconds = watchedSeconds
        self.polls = polls
        self.fleets = fleets
    }

    /// Whether any fleet logged a failure event after its update (exit status 4).
    public var hasFailures: Bool { fleets.contains(where: \.hasFailures) }
    /// The fleets that logged failure events.
    public var failingFleets: [FleetWatch] { fleets.filter(\.hasFailures) }
    /// Fleets whose events could not be read to the end: their health is unknown.
    public var unverifiedFleets: [FleetWatch] { fleets.filter { !$0.verified && !$0.hasFailures } }

    /// `Watch: 1 failing, 2 healthy, 0 unverified.`
    public var line: String {
        let failing = failingFleets.count
        let unverified = unverifiedFleets.count
        return "Watch: \(failing) failing, \(fleets.count - failing - unverified) healthy, \(unverified) unverified."
    }
}
