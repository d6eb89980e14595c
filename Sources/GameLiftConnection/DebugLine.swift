import Foundation
import GameLiftAPI

/// `--debug` lines for what the resilience layer does.
public enum DebugLine {
    public static func describe(_ event: ResilienceEvent) -> String {
        switch event {
        case let .attempt(op, region, attempt):
            "debug: \(op.rawValue) \(region) attempt \(attempt)"
        case let .retry(op, region, attempt, code, delay):
            "debug: \(op.rawValue) \(region) attempt \(attempt) failed with \(code); retrying in \(String(format: "%.3f", delay))s"
        case let .throttled(op, region, rate):
            "debug: \(op.rawValue) \(region) throttled; rate limit now \(rate.map { String(format: "%.1f/s", $0) } ?? "unlimited")"
        case let .rateLimited(op, region, delay):
            "debug: \(op.rawValue) \(region) waiting \(String(format: "%.3f", delay))s for the rate limiter"
        case let .gaveUp(op, region, attempt, code):
            "debug: \(op.rawValue) \(region) gave up after attempt \(attempt): \(code)"
        }
    }
}
