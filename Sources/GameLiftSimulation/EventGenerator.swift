import Foundation
import GameLiftAPI

/// The events a fleet's instances log after a runtime configuration update, as GameLift would report them
/// once instances launch the new server processes. GameLift logs nothing for the update itself, and the
/// `FLEET_VALIDATION_*` codes belong to fleet creation, so only process events appear:
/// `SERVER_PROCESS_INVALID_PATH` for paths missing from the build,
/// `SERVER_PROCESS_SDK_INITIALIZATION_TIMEOUT` for a setup script used as the launch path,
/// `SERVER_PROCESS_CRASHED` at the fleet's crash rate, and `GAME_SESSION_ACTIVATION_TIMEOUT` when
/// the activation timeout is shorter than the fleet's sessions need. Times fall after the update, within
/// the fleet's event delay; every choice is derived from the seed, the fleet and its update number.
enum EventGenerator {
    static let defaultDelaySeconds = 3.0
    /// The server SDK's InitSDK() timeout: a started process that has not called it is given up on.
    static let initSDKTimeoutSeconds = 300.0

    /// Seconds after an update before the fleet's first new process starts (`Behaviour.EventDelaySeconds`).
    static func delay(of fleet: SimulatedFleet) -> Double {
        max(0.01, fleet.behaviour?.eventDelaySeconds ?? defaultDelaySeconds)
    }

    static func eventsAfterUpdate(of fleet: SimulatedFleet, account: String, at time: Date, seed: UInt64)
        -> [FleetEvent]
    {
        var random = SeededGenerator(seed: seed, "events", fleet.fleetId, String(fleet.updateCount))
        let delay = Self.delay(of: fleet)
        let configuration = fleet.runtimeConfiguration
        let processes = configuration.serverProcesses ?? []
        var events: [FleetEvent] = []

        func add(_ code: EventCode, _ message: String, at offset: Double, count: Int? = nil, log: Bool = false) {
            let id = random.uuid()
            let url = log ? logURL(fleet: fleet, account: account, eventId: id) : nil
            events.append(
                FleetEvent(
                    eventId: id, resourceId: fleet.fleetId, eventCode: code, message: message,
                    eventTime: time.addingTimeInterval(offset).wholeMilliseconds, preSignedLogUrl: url, count: count))
        }

        // With a process lifetime, each process configuration is first started with the new configuration when
        // an old process ends, at a random moment within the lifetime; otherwise all within the event delay.
        let lifetime = fleet.behaviour?.processLifetimeSeconds
        func started(_ share: Double) -> Double {
            guard let lifetime, lifetime > 0 else { return delay * share }
            return delay + random.unit() * lifetime
        }
        let missing = processes.filter { !BuildLayout.contains($0.launchPath, fleet: fleet) }
        let build = fleet.buildId ?? "the fleet's build"
        for process in missing {
            add(
                .serverProcessInvalidPath,
                "Server process launch path \(process.launchPath) was not found in \(build)"
                    + parametersNote(process) + ". GameLift cannot start this server process.",
                at: started(0.3 + 0.4 * random.unit()), count: process.concurrentExecutions, log: true)
        }

        let found = processes.filter { BuildLayout.contains($0.launchPath, fleet: fleet) }
        // A setup script starts, but it is not the server: it never calls InitSDK(), and GameLift stops it.
        let scripts = found.filter { process in
            GameLiftLimits.setupScriptExtensions.contains { process.launchPath.lowercased().hasSuffix($0) }
        }
        for process in scripts {
            add(
                "SERVER_PROCESS_SDK_INITIALIZATION_TIMEOUT",
                "Server process \(process.launchPath)" + parametersNote(process)
                    + " did not call InitSDK() in time and was terminated. The launch path must be the server "
                    + "executable that calls the server SDK, not a script that starts it.",
                at: lifetime == nil ? delay * (0.6 + 0.3 * random.unit()) : started(0) + Self.initSDKTimeoutSeconds,
                count: process.concurrentExecutions, log: true)
        }
        let running = found.filter { !scripts.contains($0) }
        if let crashRate = fleet.behaviour?.crashRate, crashRate > 0 {
            for process in running where random.unit() < crashRate {
                let crashes = 1 + Int(random.next() % UInt64(max(1, process.concurrentExecutions)))
                add(
                    .serverProcessCrashed,
                    "Server process \(process.launchPath)" + parametersNote(process)
                        + " exited without calling ProcessEnding() (exit code 139).",
                    at: started(0.5 + 0.45 * random.unit()), count: crashes, log: true)
            }
        }

        if let needed = fleet.behaviour?.gameSessionActivationSeconds, !running.isEmpty,
            let timeout = configuration.gameSessionActivationTimeoutSeconds, timeout < needed
        {
            add(
                .gameSessionActivationTimeout,
                "Game sessions did not activate within GameSessionActivationTimeoutSeconds (\(timeout) s); "
                    + "game sessions on this fleet take about \(needed) s to activate and were terminated.",
                at: delay * (0.8 + 0.2 * random.unit()), count: running.reduce(0) { $0 + $1.concurrentExecutions })
        }
        return events
    }

    private static func parametersNote(_ process: ServerProcess) -> String {
        guard let parameters = process.parameters, !parameters.isEmpty else { return "" }
        return " (parameters: \(parameters))"
    }

    /// A plausible pre-signed S3 URL for the process logs; it carries no credentials.
    static func logURL(fleet: SimulatedFleet, account: String, eventId: String) -> String {
        "https://gamelift-server-logs-\(fleet.region).s3.\(fleet.region).amazonaws.com/\(account)/\(fleet.fleetId)/"
            + "\(eventId).zip?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=900&X-Amz-SignedHeaders=host"
    }
}
