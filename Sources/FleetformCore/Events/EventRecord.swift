import Foundation
import GameLiftAPI

/// One event with what fleetform knows of its code.
public struct EventRecord: Codable, Sendable, Hashable {
    public var eventId: String
    public var resourceId: String?
    public var time: Date
    /// The code exactly as GameLift sent it, known or not.
    public var code: String
    /// The code's meaning from the API reference; absent for a code this version does not know.
    public var meaning: String?
    /// Whether the code shows a runtime configuration failing (what `apply --watch` reports).
    public var indicatesFailure: Bool
    public var message: String?
    public var count: Int?
    public var logUrl: String?

    public init(_ event: FleetEvent) {
        eventId = event.eventId
        resourceId = event.resourceId
        time = event.eventTime
        code = event.eventCode.rawValue
        meaning = event.eventCode.meaning
        indicatesFailure = event.eventCode.indicatesRuntimeConfigurationFailure
        message = event.message
        count = event.count
        logUrl = event.preSignedLogUrl
    }
}
