import Foundation
import GameLiftAPI

/// Which events of one fleet to read: a time window (both ends inclusive, as GameLift treats them) and,
/// optionally, only some codes.
public struct EventQuery: Sendable, Hashable {
    /// The fleet id or ARN, passed to GameLift as written.
    public var fleet: String
    public var region: String
    /// `StartTime`: events at or after it.
    public var since: Date?
    /// `EndTime`: events at or before it.
    public var until: Date?
    /// Only these codes; empty means every code. GameLift has no code filter, so this one is applied here.
    public var codes: Set<EventCode>

    public init(fleet: String, region: String, since: Date? = nil, until: Date? = nil, codes: Set<EventCode> = []) {
        self.fleet = fleet
        self.region = region
        self.since = since
        self.until = until
        self.codes = codes
    }

    /// Whether an event passes the client-side filters (codes, and the window again in case a service
    /// answers outside it).
    public func admits(_ event: FleetEvent) -> Bool {
        if !codes.isEmpty, !codes.contains(event.eventCode) { return false }
        if let since, event.eventTime < since { return false }
        if let until, event.eventTime > until { return false }
        return true
    }
}

/// Reads a fleet's event log with `DescribeFleetEvents`, following every `NextToken` page.
public struct EventReader: Sendable {
    public let gameLift: any GameLift
    /// Events asked for per page (GameLift answers at most `GameLiftLimits.eventPageSize`).
    public let pageSize: Int
    /// A safety stop against a service that never stops paging; far above any real log.
    public let maxPages: Int

    public init(gameLift: any GameLift, pageSize: Int = GameLiftLimits.eventPageSize, maxPages: Int = 10_000) {
        self.gameLift = gameLift
        self.pageSize = pageSize
        self.maxPages = maxPages
    }

    /// Every event the query admits, oldest first (ties broken by event id), each event once.
    public func read(_ query: EventQuery) async throws -> [FleetEvent] {
        var events: [FleetEvent] = []
        var seen: Set<String> = []
        var tokens: Set<String> = []
        var token: String?
        var pages = 0
        repeat {
            let input = DescribeFleetEventsInput(
                fleetId: query.fleet, startTime: query.since, endTime: query.until, limit: pageSize, nextToken: token)
            let output = try await gameLift.send(input, region: query.region)
            pages += 1
            for event in output.events ?? [] where query.admits(event) && seen.insert(event.eventId).inserted {
                events.append(event)
            }
            token = output.nextToken.flatMap { $0.isEmpty ? nil : $0 }
            if let next = token {
                guard tokens.insert(next).inserted else { throw EventReadError.repeatedToken(fleet: query.fleet) }
                guard pages < maxPages else { throw EventReadError.tooManyPages(fleet: query.fleet, pages: pages) }
            }
        } while token != nil
        return events.sorted { ($0.eventTime, $0.eventId) < ($1.eventTime, $1.eventId) }
    }
}

/// Why an event log could not be read to its end.
public enum EventReadError: Error, Hashable, CustomStringConvertible {
    /// GameLift answered a `NextToken` it had already given: following it would loop forever.
    case repeatedToken(fleet: String)
    case tooManyPages(fleet: String, pages: Int)

    public var description: String {
        switch self {
        case .repeatedToken(let fleet): "the event log of \(fleet) repeated a NextToken; stopped to avoid a loop"
        case .tooManyPages(let fleet, let pages): "the event log of \(fleet) did not end after \(pages) pages"
        }
    }
}
