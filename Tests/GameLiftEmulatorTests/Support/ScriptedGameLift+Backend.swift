import FleetformTesting
import Foundation
import GameLiftAPI

extension ScriptedGameLift {
    /// When every fleet of `backend` was created and logged its one event.
    static let eventTime = Date(timeIntervalSince1970: 1_700_000_000.25)

    /// A GameLift behind the emulator: the fleets answer in every region, each created at `eventTime` and
    /// with one `FLEET_STATE_ACTIVE` event then.
    static func backend(_ configurations: [String: RuntimeConfiguration] = [:]) -> ScriptedGameLift {
        let gameLift = ScriptedGameLift(configurations: configurations, creationTime: eventTime)
        for fleetId in configurations.keys {
            gameLift.log(
                fleetId,
                [
                    FleetEvent(
                        eventId: "event-1", resourceId: fleetId, eventCode: "FLEET_STATE_ACTIVE", message: "active",
                        eventTime: eventTime)
                ])
        }
        return gameLift
    }
}
