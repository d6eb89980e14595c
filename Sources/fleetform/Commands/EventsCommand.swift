import ArgumentParser
import FleetformCore
import Foundation
import GameLiftAPI

/// `fleetform events FLEET`: a fleet's event log, every page, each code named with its meaning.
struct Events: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a fleet's event log (DescribeFleetEvents), every page, each code with its meaning.",
        discussion: """
            Events are printed oldest first with time, code, count, message, the code's meaning from the API \
            reference and the pre-signed log URL where GameLift gives one. Codes fleetform does not know yet \
            are shown as GameLift sends them. --since and --until take ISO 8601 times (2026-11-24T09:00:00Z) \
            or durations before now (2h, 30m, 1h30m). --code keeps only the given codes.
            Exit codes: 0 success, 1 error.

            Examples:
              fleetform events fleet-2f1c3a9e-1b2c-4d5e-8f90-123456789abc --since 2h
              fleetform events "$FLEET_ARN" --code SERVER_PROCESS_INVALID_PATH SERVER_PROCESS_CRASHED
              fleetform events fleet-2f1c3a9e-1b2c-4d5e-8f90-123456789abc --since 2026-11-24T09:00:00Z --until 1h --format json
              fleetform events fleet-2f1c3a9e-1b2c-4d5e-8f90-123456789abc --local --local-seed examples/local/seed.json
            """)

    @Argument(help: "The fleet: a fleet id or a fleet ARN.")
    var fleet: String

    @Option(help: "Only events at or after this time: ISO 8601, or a duration before now (2h, 30m).")
    var since: String?

    @Option(help: "Only events at or before this time: ISO 8601, or a duration before now.")
    var until: String?

    @Option(name: .customLong("code"), parsing: .upToNextOption, help: "Only events with these codes.")
    var codes: [String] = []

    @Option(help: "Output format: text or json.")
    var format: EventsFormat = .text

    @OptionGroup var gameLift: GameLiftOptions
    @OptionGroup var color: ColorOptions

    enum EventsFormat: String, ExpressibleByArgument, Sendable { case text, json }

    func validate() throws {
        guard let name = FleetIdentifier(fleet) else {
            throw ValidationError("'\(fleet)' is neither a fleet id (fleet-…) nor a fleet ARN")
        }
        if let arnRegion = name.arnRegion, let region = gameLift.region, region != arnRegion {
            throw ValidationError("the fleet ARN is in \(arnRegion) but --region says \(region)")
        }
        let now = Date()
        for (flag, text) in [("--since", since), ("--until", until)] {
            if let text, EventTimeText.date(text, now: now) == nil {
                throw ValidationError("\(flag) '\(text)' is neither an ISO 8601 time nor a duration (e.g. 2h, 30m)")
            }
        }
        if let since, let until, let from = EventTimeText.date(since, now: now),
            let to = EventTimeText.date(until, now: now), from > to
        {
            throw ValidationError(
                "--since (\(EventTimeText.format(from))) is after --until (\(EventTimeText.format(to)))")
        }
        for code in codes where code.isEmpty || code.contains(where: { !($0.isUppercase || $0.isNumber || $0 == "_") })
        {
            throw ValidationError("--code '\(code)' is not an event code (e.g. SERVER_PROCESS_CRASHED)")
        }
    }

    func run() async throws {
        try await gameLift.withConnection(noColor: color.noColor, execute)
    }

    private func execute(_ connection: Connection, _ console: Console) async -> ExitStatus {
        let red = console.errorStyle.red("error: ")
        guard let name = FleetIdentifier(fleet) else { return .error }
        guard let region = name.arnRegion ?? gameLift.region ?? connection.defaultRegion else {
            console.err(red + "no region for \(fleet): give --region, a fleet ARN, or set AWS_REGION")
            return .error
        }
        for code in codes where EventCode(rawValue: code).meaning == nil {
            console.err(
                "warning: \(code) is not an event code fleetform \(FleetformVersion.current) knows; filtering on it anyway"
            )
        }
        let now = Date()
        let query = EventQuery(
            fleet: name.text, region: region, since: since.flatMap { EventTimeText.date($0, now: now) },
            until: until.flatMap { EventTimeText.date($0, now: now) }, codes: Set(codes.map(EventCode.init(rawValue:))))
        let events: [FleetEvent]
        do {
            events = try await EventReader(gameLift: connection.gameLift).read(query)
        } catch {
            console.err(red + "cannot read the events of \(fleet): \(ServiceErrorInfo(error))")
            return .error
        }
        switch format {
        case .text:
            console.out(EventTextRenderer(style: console.style).render(events, fleet: name.fleetId))
        case .json:
            guard let data = try? ReportJSON.encoder().encode(EventLog(query: query, events: events)) else {
                return .error
            }
            console.out(String(decoding: data, as: UTF8.self))
        }
        return .success
    }
}
