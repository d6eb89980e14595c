import ArgumentParser
import FleetformCore
import Foundation

@main
struct Fleetform: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleetform",
        abstract: "Keep Amazon GameLift fleet runtime configuration in Git and reconcile live fleets to it.",
        version: FleetformVersion.summary,
        subcommands: [Validate.self, Plan.self, Apply.self, Import.self, Events.self, Rollback.self]
    )

    /// ArgumentParser's own entry point, except that bad arguments exit 1 (README, "Exit codes") rather than 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitStatus.error.rawValue)
            }
            exit(withError: error)
        }
    }
}
