import ArgumentParser
import FleetformCore
import Foundation

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
        do {
            _ = try options(now: Date())
        } catch {
            throw ValidationError(Words.sentence(for: error))
        }
    }

    private func options(now: Date) throws(EventsOptionError) -> EventsWorkflow.Options {
        try EventsWorkflow.Options(
            fleet: fleet, region: gameLift.region, since: since, until: until, codes: codes, now: now)
    }

    func run() async throws {
        let console = Console(noColor: color.noColor)
        var query = try console.require { try options(now: Date()) }
        try await gameLift.withConnection(console) { connection in
            query.defaultRegion = connection.defaultRegion
            // Resolved here, so that a fleet id with no region is worded with the flags.
            _ = try console.require {
                try FleetKey(argument: fleet, explicitRegion: gameLift.region, defaultRegion: connection.defaultRegion)
            }
            let result = await EventsWorkflow(context: connection.context(console), options: query).run()
            switch (format, result.log) {
            case (.text, .some):
                console.out(EventTextRenderer(style: console.style).render(result.events, fleet: query.fleet.fleetId))
            case (.json, .some(let log)): console.out(try ReportJSON.string(log))
            case (_, .none): break
            }
            return result.status
        }
    }
}
