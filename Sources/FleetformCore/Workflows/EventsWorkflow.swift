import Foundation
import GameLiftAPI

/// `fleetform events FLEET`: reads one fleet's event log, every page, filtered by time and code.
public struct EventsWorkflow: Sendable {
    public struct Options: Sendable {
        /// The fleet, as the user named it (id or ARN).
        public var fleet: FleetIdentifier
        /// The region the user named (`--region`).
        public var region: String?
        /// The connection's default region, for a plain fleet id without `--region`.
        public var defaultRegion: String?
        public var since: Date?
        public var until: Date?
        /// Only these codes; empty: every code.
        public var codes: [String]

        public init(
            fleet: FleetIdentifier, region: String? = nil, defaultRegion: String? = nil, since: Date? = nil,
            until: Date? = nil, codes: [String] = []
        ) {
            self.fleet = fleet
            self.region = region
            self.defaultRegion = defaultRegion
            self.since = since
            self.until = until
            self.codes = codes
        }
    }

    public struct Result: Sendable {
        /// What was asked for; `nil` when no region could be found.
        public var query: EventQuery?
        /// Every event the query admits, oldest first; empty when the log could not be read.
        public var events: [FleetEvent]
        public var status: ExitStatus

        /// The `--format json` document.
        public var log: EventLog? { query.map { EventLog(query: $0, events: events) } }
    }

    public let context: WorkflowContext
    public let options: Options

    public init(context: WorkflowContext, options: Options) {
        self.context = context
        self.options = options
    }

    /// Reads the fleet's events in the window, every page; an unknown code in the filter is a warning.
    public func run() async -> Result {
        let name = options.fleet
        let region: String
        do {
            region = try FleetKey(
                argument: name.text, explicitRegion: options.region, defaultRegion: options.defaultRegion
            ).region
        } catch {
            context.observer.notice(.failed(error.description))
            return Result(query: nil, events: [], status: .error)
        }
        for code in options.codes where EventCode(rawValue: code).meaning == nil {
            context.observer.notice(
                .warning(
                    "\(code) is not an event code fleetform \(FleetformVersion.current) knows; filtering on it anyway"))
        }
        let query = EventQuery(
            fleet: name.text, region: region, since: options.since, until: options.until,
            codes: Set(options.codes.map(EventCode.init(rawValue:))))
        do {
            let events = try await EventReader(gameLift: context.gameLift).read(query)
            return Result(query: query, events: events, status: .success)
        } catch {
            context.observer.notice(.failed("cannot read the events of \(name.text): \(ServiceErrorInfo(error))"))
            return Result(query: query, events: [], status: .error)
        }
    }
}
