import Foundation
import GameLiftAPI

/// Faults to inject, read from a JSON file (`--faults`): error rules, throttling, latency, dropped
/// connections and status holds. Every random choice follows the simulation seed.
public struct FaultPlan: Codable, Hashable, Sendable {
    /// A request rate above which calls answer `ThrottlingException`.
    public var throttle: ThrottleRule?
    /// Rules applied to each call, in order.
    public var rules: [FaultRule]
    /// Fleets shown in another status, rejecting updates, for a while.
    public var holds: [FaultHold]

    /// A plan with the given parts.
    public init(throttle: ThrottleRule? = nil, rules: [FaultRule] = [], holds: [FaultHold] = []) {
        self.throttle = throttle
        self.rules = rules
        self.holds = holds
    }

    /// No faults.
    public static let none = FaultPlan()

    /// Reads a faults file; unknown keys and bad values are errors naming the file.
    public static func load(path: String) throws -> FaultPlan {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SimulationError("\(path): cannot read the faults file")
        }
        return try StateCoding.decode(FaultPlan.self, from: data, file: path).validated(file: path)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case throttle, rules, holds
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try rejectUnknownKeys(decoder, known: CodingKeys.allCases.map(\.rawValue))
        throttle = try c.decodeIfPresent(ThrottleRule.self, forKey: .throttle)
        rules = try c.decodeIfPresent([FaultRule].self, forKey: .rules) ?? []
        holds = try c.decodeIfPresent([FaultHold].self, forKey: .holds) ?? []
    }

    /// The largest latency a rule may add, in milliseconds: ten minutes, far past any client timeout.
    static let maxLatencyMs = 600_000.0
    /// The longest a hold may last, in seconds: a year.
    static let maxHoldSeconds = 31_536_000.0

    func validated(file: String) throws -> FaultPlan {
        if let throttle {
            guard throttle.requestsPerSecond > 0, throttle.requestsPerSecond.isFinite else {
                throw SimulationError("\(file): throttle.requestsPerSecond must be greater than 0 and finite")
            }
            if let burst = throttle.burst, !(burst > 0 && burst.isFinite) {
                throw SimulationError("\(file): throttle.burst must be a finite number greater than 0")
            }
        }
        for (index, rule) in rules.enumerated() {
            let place = "\(file): rules[\(index)]"
            for (name, rate) in [("rate", rule.rate), ("dropRate", rule.dropRate)] {
                if let rate, !(0...1).contains(rate) {
                    throw SimulationError("\(place): \(name) must be between 0 and 1")
                }
            }
            if let latency = rule.latencyMs, !(0...Self.maxLatencyMs).contains(latency) {
                throw SimulationError("\(place): latencyMs must be between 0 and \(Int(Self.maxLatencyMs))")
            }
            if let status = rule.httpStatus, !(400...599).contains(status) {
                throw SimulationError("\(place): httpStatus \(status) is not an error status (400 to 599)")
            }
            if let count = rule.count, count < 0 {
                throw SimulationError("\(place): count \(count) is below 0")
            }
            if rule.error == nil && (rule.count != nil || rule.rate != nil) {
                throw SimulationError("\(place): count and rate need an error code (\"error\")")
            }
            if rule.error != nil && rule.count == nil && rule.rate == nil {
                throw SimulationError("\(place): an error rule needs a count (first N calls) or a rate (0–1)")
            }
            if let operation = rule.operation, operation != "*", GameLiftOperation(rawValue: operation) == nil {
                let known = GameLiftOperation.allCases.map(\.rawValue).joined(separator: ", ")
                throw SimulationError("\(place): unknown operation '\(operation)' (one of \(known), or *)")
            }
        }
        for (index, hold) in holds.enumerated() {
            let place = "\(file): holds[\(index)]"
            if hold.seconds == nil && hold.updateAttempts == nil {
                throw SimulationError("\(place): give seconds or updateAttempts")
            }
            if let seconds = hold.seconds, !(0...Self.maxHoldSeconds).contains(seconds) {
                throw SimulationError("\(place): seconds must be between 0 and \(Int(Self.maxHoldSeconds))")
            }
            if let attempts = hold.updateAttempts, attempts < 0 {
                throw SimulationError("\(place): updateAttempts \(attempts) is below 0")
            }
        }
        return self
    }
}

/// One fault rule. It matches calls of `operation` (a GameLift operation name, or `*`/absent for all) and,
/// when `fleet` is set, only calls naming that fleet (id or ARN). Its effects are independent:
/// an error (`error` with `count`: the first N matching calls of each fleet fail; or `rate`: each fails with
/// that probability), `latencyMs` added before answering, and `dropRate`: the connection is dropped.
public struct FaultRule: Codable, Hashable, Sendable {
    public var operation: String?
    public var fleet: String?
    public var error: GameLiftErrorCode?
    public var message: String?
    public var count: Int?
    public var rate: Double?
    /// The HTTP status of the error; by default 500 for `InternalServiceException`, 503 for
    /// `ServiceUnavailable`, else 400, as AWS answers.
    public var httpStatus: Int?
    public var latencyMs: Double?
    public var dropRate: Double?
    /// `request` (default): dropped before the simulation acts; `response`: after it acted, so the caller
    /// cannot know whether an update happened.
    public var dropPhase: DropPhase?

    /// A rule; set the effects you need.
    public init(
        operation: String? = nil, fleet: String? = nil, error: GameLiftErrorCode? = nil, message: String? = nil,
        count: Int? = nil, rate: Double? = nil, httpStatus: Int? = nil, latencyMs: Double? = nil,
        dropRate: Double? = nil, dropPhase: DropPhase? = nil
    ) {
        self.operation = operation
        self.fleet = fleet
        self.error = error
        self.message = message
        self.count = count
        self.rate = rate
        self.httpStatus = httpStatus
        self.latencyMs = latencyMs
        self.dropRate = dropRate
        self.dropPhase = dropPhase
    }

    /// When a dropped connection happens.
    public enum DropPhase: String, Codable, Hashable, Sendable { case request, response }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case operation, fleet, error, message, count, rate, httpStatus, latencyMs, dropRate, dropPhase
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try rejectUnknownKeys(decoder, known: CodingKeys.allCases.map(\.rawValue))
        operation = try c.decodeIfPresent(String.self, forKey: .operation)
        fleet = try c.decodeIfPresent(String.self, forKey: .fleet)
        error = try c.decodeIfPresent(GameLiftErrorCode.self, forKey: .error)
        message = try c.decodeIfPresent(String.self, forKey: .message)
        count = try c.decodeIfPresent(Int.self, forKey: .count)
        rate = try c.decodeIfPresent(Double.self, forKey: .rate)
        httpStatus = try c.decodeIfPresent(Int.self, forKey: .httpStatus)
        latencyMs = try c.decodeIfPresent(Double.self, forKey: .latencyMs)
        dropRate = try c.decodeIfPresent(Double.self, forKey: .dropRate)
        dropPhase = try c.decodeIfPresent(DropPhase.self, forKey: .dropPhase)
    }
}

/// Throttling: token buckets refilled at `requestsPerSecond`, holding at most `burst` tokens (default: one
/// second's worth). A call finding its bucket empty answers `ThrottlingException`. With `scope` `region`
/// (the default) every call to a Region shares one bucket; with `operation` each operation has its own bucket
/// in each Region, as GameLift's API limits are set (docs/local-gamelift.md).
public struct ThrottleRule: Codable, Hashable, Sendable {
    /// What one token bucket covers.
    public enum Scope: String, Codable, Hashable, Sendable, CaseIterable {
        /// Every operation in a Region draws from one bucket.
        case region
        /// Each operation in each Region has a bucket of its own.
        case operation
    }

    public var requestsPerSecond: Double
    public var burst: Double?
    /// `nil`: `region`.
    public var scope: Scope?

    /// A throttle at the given rate.
    public init(requestsPerSecond: Double, burst: Double? = nil, scope: Scope? = nil) {
        self.requestsPerSecond = requestsPerSecond
        self.burst = burst
        self.scope = scope
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case requestsPerSecond, burst, scope }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try rejectUnknownKeys(decoder, known: CodingKeys.allCases.map(\.rawValue))
        requestsPerSecond = try c.decode(Double.self, forKey: .requestsPerSecond)
        burst = try c.decodeIfPresent(Double.self, forKey: .burst)
        scope = try c.decodeIfPresent(Scope.self, forKey: .scope)
    }
}

/// A fleet shown in `status` (default ERROR) for `seconds` after the simulation starts or for its next
/// `updateAttempts` update attempts. As with any status, updates are refused with
/// `InvalidFleetStatusException` only when the status forbids them (DELETING, ERROR, TERMINATED, NOT_FOUND);
/// a hold in another status only shows it.
public struct FaultHold: Codable, Hashable, Sendable {
    /// The status a hold shows when it names none: one that refuses updates, so the hold is felt.
    public static let defaultStatus: FleetStatus = .error

    public var fleet: String
    public var status: FleetStatus?
    public var seconds: Double?
    public var updateAttempts: Int?

    /// A hold on one fleet.
    public init(fleet: String, status: FleetStatus? = nil, seconds: Double? = nil, updateAttempts: Int? = nil) {
        self.fleet = fleet
        self.status = status
        self.seconds = seconds
        self.updateAttempts = updateAttempts
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case fleet, status, seconds, updateAttempts }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try rejectUnknownKeys(decoder, known: CodingKeys.allCases.map(\.rawValue))
        fleet = try c.decode(String.self, forKey: .fleet)
        status = try c.decodeIfPresent(FleetStatus.self, forKey: .status)
        seconds = try c.decodeIfPresent(Double.self, forKey: .seconds)
        updateAttempts = try c.decodeIfPresent(Int.self, forKey: .updateAttempts)
    }
}

private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// A typo in a faults file must not silently disable a fault: unknown keys are errors.
private func rejectUnknownKeys(_ decoder: any Decoder, known: [String]) throws {
    let container = try decoder.container(keyedBy: AnyKey.self)
    for key in container.allKeys where !known.contains(key.stringValue) {
        throw DecodingError.dataCorruptedError(
            forKey: key, in: container,
            debugDescription: "unknown key '\(key.stringValue)' (known: \(known.joined(separator: ", ")))")
    }
}
