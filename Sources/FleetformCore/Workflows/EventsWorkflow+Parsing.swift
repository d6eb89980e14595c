import Foundation
import GameLiftAPI

extension EventsWorkflow.Options {
    /// The options from the command line's text: `fleet` an id or ARN (its region agreeing with `region`),
    /// `since`/`until` ISO 8601 times or durations before `now` (2h, 30m), `codes` event codes.
    public init(
        fleet: String, region: String?, since: String?, until: String?, codes: [String], now: Date
    ) throws(EventsOptionError) {
        guard let name = FleetIdentifier(fleet) else {
            throw EventsOptionError("'\(fleet)' is neither a fleet id (fleet-…) nor a fleet ARN")
        }
        if let arnRegion = name.arnRegion, let region, region != arnRegion {
            throw EventsOptionError("the fleet ARN is in \(arnRegion) but --region says \(region)")
        }
        var window: [Date?] = []
        for (flag, text) in [("--since", since), ("--until", until)] {
            guard let text else {
                window.append(nil)
                continue
            }
            guard let date = EventTimeText.date(text, now: now) else {
                throw EventsOptionError("\(flag) '\(text)' is neither an ISO 8601 time nor a duration (e.g. 2h, 30m)")
            }
            window.append(date)
        }
        if let from = window[0], let to = window[1], from > to {
            throw EventsOptionError(
                "--since (\(EventTimeText.format(from))) is after --until (\(EventTimeText.format(to)))")
        }
        for code in codes where code.isEmpty || code.contains(where: { !($0.isUppercase || $0.isNumber || $0 == "_") })
        {
            throw EventsOptionError("--code '\(code)' is not an event code (e.g. SERVER_PROCESS_CRASHED)")
        }
        self.init(fleet: name, region: region, since: window[0], until: window[1], codes: codes)
    }
}

/// An `events` option that does not say what it must.
public struct EventsOptionError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
