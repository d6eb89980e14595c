import Foundation
import GameLiftAPI

/// What the fault plan decided for one call.
struct FaultDecision {
    var throttled = false
    var latencySeconds = 0.0
    var drop: FaultRule.DropPhase?
    var error: GameLiftServiceError?
    /// The index of the rule that dropped the call, for the message.
    var dropRule = 0
}

/// Applies a `FaultPlan` call by call. Counters are per (rule, fleet) and random draws are derived from
/// (seed, rule, fleet, call number), so outcomes do not depend on how concurrent calls interleave.
/// Not thread-safe: the simulation calls it under its lock.
struct FaultInjector {
    let plan: FaultPlan
    let seed: UInt64
    private var calls: [String: Int] = [:]
    /// The throttle's token buckets, by Region (and operation, with `scope: operation`), made full on first use.
    private var buckets: [String: (tokens: Double, refilledAt: Date)] = [:]

    init(plan: FaultPlan, seed: UInt64) {
        self.plan = plan
        self.seed = seed
    }

    private static func burst(_ rule: ThrottleRule) -> Double { max(1, rule.burst ?? rule.requestsPerSecond) }

    /// Decides the faults of one call of `operation` in `region` naming `fleets` (fleet ids, ARNs already
    /// resolved).
    mutating func decide(
        _ operation: GameLiftOperation, region: String, fleets: [String], now: Date, requestId: String
    ) -> FaultDecision {
        var decision = FaultDecision()
        if let throttle = plan.throttle,
            !takeToken(throttle, bucket: Self.bucket(throttle, operation, region), now: now)
        {
            decision.throttled = true
            return decision
        }
        let matching = plan.rules.enumerated().compactMap { index, rule in
            key(rule, operation, fleets).map { (index: index, rule: rule, key: $0) }
        }
        for (index, rule, key) in matching {
            let number = count("\(index)|\(key)")
            if let latency = rule.latencyMs { decision.latencySeconds += latency / 1000 }
            if decision.drop == nil, let rate = rule.dropRate, draw("drop", index, key, number) < rate {
                decision.drop = rule.dropPhase ?? .request
                decision.dropRule = index
            }
        }
        guard decision.drop != .request else { return decision }
        // Error rules count only the calls that reach them: a call failed by an earlier rule (or dropped before
        // the service saw it) does not use up a later rule's count.
        for (index, rule, key) in matching where rule.error != nil {
            let number = count("\(index)|\(key)|error")
            if let code = rule.error, fires(rule, index, key, number) {
                decision.error = GameLiftServiceError(
                    code: code, message: rule.message ?? Self.defaultMessage(code), requestId: requestId,
                    httpStatus: rule.httpStatus ?? code.httpStatus)
                break
            }
        }
        return decision
    }

    /// The counter key of a call for `rule` (its fleet, or "" for calls naming no single fleet), or nil when
    /// the rule does not match the call.
    private func key(_ rule: FaultRule, _ operation: GameLiftOperation, _ fleets: [String]) -> String? {
        guard rule.operation == nil || rule.operation == "*" || rule.operation == operation.rawValue else {
            return nil
        }
        guard let target = rule.fleet.map({ FleetReference($0).fleetId }) else {
            return fleets.count == 1 ? fleets[0] : ""
        }
        return fleets.contains(target) ? target : nil
    }

    /// Counts one more call under `counter`; returns the calls counted before it.
    private mutating func count(_ counter: String) -> Int {
        let number = calls[counter, default: 0]
        calls[counter] = number + 1
        return number
    }

    private func fires(_ rule: FaultRule, _ index: Int, _ key: String, _ number: Int) -> Bool {
        if let count = rule.count, number < count { return true }
        if let rate = rule.rate { return draw("error", index, key, number) < rate }
        return false
    }

    private func draw(_ purpose: String, _ index: Int, _ key: String, _ number: Int) -> Double {
        var generator = SeededGenerator(seed: seed, purpose, String(index), key, String(number))
        return generator.unit()
    }

    /// The name of the bucket a call draws from.
    private static func bucket(_ rule: ThrottleRule, _ operation: GameLiftOperation, _ region: String) -> String {
        switch rule.scope ?? .region {
        case .region: region
        case .operation: region + " " + operation.rawValue
        }
    }

    private mutating func takeToken(_ rule: ThrottleRule, bucket name: String, now: Date) -> Bool {
        var bucket = buckets[name] ?? (tokens: Self.burst(rule), refilledAt: now)
        let elapsed = max(0, now.timeIntervalSince(bucket.refilledAt))
        bucket.tokens = min(Self.burst(rule), bucket.tokens + elapsed * rule.requestsPerSecond)
        bucket.refilledAt = now
        defer { buckets[name] = bucket }
        guard bucket.tokens >= 1 else { return false }
        bucket.tokens -= 1
        return true
    }

    static func defaultMessage(_ code: GameLiftErrorCode) -> String {
        switch code {
        case .throttling: "Rate exceeded"
        case .internalService: "An internal service error occurred. Please retry the request."
        case .serviceUnavailable: "Service is currently unavailable. Please retry the request."
        default: "Injected fault: \(code)"
        }
    }
}
