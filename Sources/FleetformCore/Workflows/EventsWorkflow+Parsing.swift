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
        for (option, text) in [(RunOption.since, since), (.until, until)] {
            guard let text else {
                window.append(nil)
                continue
            }
            guard let date = EventTimeText.date(text, now: now) else { throw .notATime(option, text) }
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

/// An `events` option that does not say what it must.
public enum EventsOptionError: OptionError, Equatable, Sendable {
    case notAFleet(String)
    /// The fleet's ARN and the region option name different regions.
    case regionDisagrees(arnRegion: String, region: String)
    /// The value of `since` or `until` is neither a time nor a duration.
    case notATime(RunOption, String)
    case sinceAfterUntil(Date, Date)
    case notAnEventCode(String)

    public func message(_ names: RunOptionNames) -> String {
        switch self {
        case .notAFleet(let text): "'\(text)' is neither a fleet id (fleet-…) nor a fleet ARN"
        case .regionDisagrees(let arnRegion, let region):
            "the fleet ARN is in \(arnRegion) but \(names[.region]) says \(region)"
        case .notATime(let option, let text):
            "\(names[option]) '\(text)' is neither an ISO 8601 time nor a duration (e.g. 2h, 30m)"
        case .sinceAfterUntil(let from, let to):
            "\(names[.since]) (\(EventTimeText.format(from))) is after \(names[.until]) (\(EventTimeText.format(to)))"
        case .notAnEventCode(let code):
            "\(names[.eventCode]) '\(code)' is not an event code (e.g. SERVER_PROCESS_CRASHED)"
        }
    }
}
