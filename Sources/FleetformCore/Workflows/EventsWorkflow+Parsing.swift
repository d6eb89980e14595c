import FleetSpec
import Foundation
import GameLiftAPI

extension EventsWorkflow.Options {
    /// The options from the command line's text: `fleet` an id or ARN (its region agreeing with `region`),
    /// `since`/`until` ISO 8601 times or durations before `now` (2h, 30m), `codes` event codes.
    public init(
        fleet: String, region: String?, since: String?, until: String?, codes: [String], now: Date
    ) throws(EventsOptionError) {
        guard let name = FleetIdentifier(fleet) else { throw .notAFleet(fleet) }
        if let arnRegion = name.arnRegion, let region, region != arnRegion {
            throw .regionDisagrees(arnRegion: arnRegion, region: region)
        }
        var window: [Date?] = []
        for (isUntil, text) in [(false, since), (true, until)] {
            guard let text else {
                window.append(nil)
                continue
            }
            guard let date = EventTimeText.date(text, now: now) else { throw .notATime(text, isUntil: isUntil) }
            window.append(date)
        }
        if let from = window[0], let to = window[1], from > to { throw .sinceAfterUntil(from, to) }
        for code in codes where code.isEmpty || code.contains(where: { !($0.isUppercase || $0.isNumber || $0 == "_") })
        {
            throw .notAnEventCode(code)
        }
        self.init(fleet: name, region: region, since: window[0], until: window[1], codes: codes)
    }
}

/// An `events` option that does not say what it must; the command line words it.
public enum EventsOptionError: Error, Equatable, Sendable {
    case notAFleet(String)
    /// The fleet's ARN and the region option name different regions.
    case regionDisagrees(arnRegion: String, region: String)
    /// The value of `since` (or, with `isUntil`, `until`) is neither a time nor a duration.
    case notATime(String, isUntil: Bool)
    case sinceAfterUntil(Date, Date)
    case notAnEventCode(String)

}
