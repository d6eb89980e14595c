import ArgumentParser
import FleetformCore

@main
struct Fleetform: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleetform",
        abstract: "Keep Amazon GameLift fleet runtime configuration in Git and reconcile live fleets to it.",
        version: FleetformVersion.current,
        subcommands: [Validate.self, Plan.self, Apply.self, Import.self, Events.self, Rollback.self]
    )
}
