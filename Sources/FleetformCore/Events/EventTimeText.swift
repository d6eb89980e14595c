import Foundation
import GameLiftAPI

/// Parses the times `events --since/--until` accept: ISO 8601 (`2026-11-24T09:00:00Z`, with or without
/// fractional seconds, or a plain date `2026-11-24`, read as UTC midnight), or a duration before now
/// (`2h`, `90m`, `1h30m`, `45s`).
public enum EventTimeText {
    /// The time the text names, or `nil` when it is neither form.
    public static func date(_ text: String, now: Date) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let seconds = DurationText.seconds(trimmed) { return now.addingTimeInterval(-seconds) }
        for options in [
            ISO8601DateFormatter.Options.withInternetDateTime,
            [.withInternetDateTime, .withFractionalSeconds],
            [.withFullDate],
        ] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            formatter.timeZone = TimeZone(identifier: "UTC")
            if let date = formatter.date(from: trimmed) { return date }
        }
        return nil
    }

    /// `2026-11-24T09:00:00Z`: how event times are printed.
    public static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = .withInternetDateTime
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

/// A fleet named on the command line by id or ARN, with the region an ARN carries.
public struct FleetName: Sendable, Hashable {
    /// As written: GameLift accepts either form.
    public var idOrArn: String
    /// The plain `fleet-…` id.
    public var fleetId: String
    /// The ARN's region, when an ARN was given.
    public var arnRegion: String?

    /// Splits `arn:aws:gamelift:<region>:<account>:fleet/<id>`; `nil` when the text is neither a fleet id
    /// nor a fleet ARN (the patterns of `GameLiftLimits`).
    public init?(_ text: String) {
        guard GameLiftLimits.fleetIdOrArnLength.contains(text.count) else { return nil }
        if text.hasPrefix("arn:") {
            let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            guard parts.count == 6, text.range(of: GameLiftLimits.fleetArnPattern, options: .regularExpression) != nil,
                let slash = parts[5].lastIndex(of: "/")
            else { return nil }
            fleetId = String(parts[5][parts[5].index(after: slash)...])
            arnRegion = parts[3].isEmpty ? nil : String(parts[3])
        } else {
            guard text.range(of: GameLiftLimits.fleetIdPattern, options: .regularExpression) != nil else { return nil }
            fleetId = text
            arnRegion = nil
        }
        idOrArn = text
    }
}
