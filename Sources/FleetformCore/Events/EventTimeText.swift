import FleetSpec
import Foundation
import GameLiftAPI
import SigV4

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

    /// `2026-11-24T09:00:00Z`: how event times are printed (computed in UTC, without ICU's formatters).
    public static func format(_ date: Date) -> String { AmzDate.iso8601(date) }
}
