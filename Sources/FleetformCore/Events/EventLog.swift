import Foundation
import GameLiftAPI

/// A fleet's events as `events --format json` prints them. Versioned: tools may parse it.
public struct EventLog: Codable, Sendable, Hashable {
    /// The JSON format's version; bumped on any incompatible change.
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    public var fleet: String
    public var region: String
    public var since: Date?
    public var until: Date?
    /// The code filter; empty means every code.
    public var codes: [String]
    public var events: [EventRecord]

    public init(query: EventQuery, events: [FleetEvent]) {
        formatVersion = Self.currentFormatVersion
        fleet = query.fleet
        region = query.region
        since = query.since
        until = query.until
        codes = query.codes.map(\.rawValue).sorted()
        self.events = events.map(EventRecord.init)
    }
}
