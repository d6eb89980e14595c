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
    /// What the code is caused by: `configuration`, `capacity`, `informational` or `unknownFailure`.
    public var cause: EventCause
    public var message: String?
    public var count: Int?
    public var logUrl: String?

    enum CodingKeys: String, CodingKey {
        case eventId, resourceId, time, code, meaning, indicatesFailure, cause, message, count, logUrl
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        eventId = try c.decode(String.self, forKey: .eventId)
        resourceId = try c.decodeIfPresent(String.self, forKey: .resourceId)
        time = try c.decode(Date.self, forKey: .time)
        code = try c.decode(String.self, forKey: .code)
        meaning = try c.decodeIfPresent(String.self, forKey: .meaning)
        indicatesFailure = try c.decode(Bool.self, forKey: .indicatesFailure)
        cause = try c.decodeIfPresent(EventCause.self, forKey: .cause) ?? EventCode(rawValue: code).cause
        message = try c.decodeIfPresent(String.self, forKey: .message)
        count = try c.decodeIfPresent(Int.self, forKey: .count)
        logUrl = try c.decodeIfPresent(String.self, forKey: .logUrl)
    }

    /// How many occurrences the event stands for (`Count`, at least 1).
    public var occurrences: Int { max(1, count ?? 1) }

    public init(_ event: FleetEvent) {
        eventId = event.eventId
        resourceId = event.resourceId
        time = event.eventTime
        code = event.eventCode.rawValue
        meaning = event.eventCode.meaning
        indicatesFailure = event.eventCode.indicatesRuntimeConfigurationFailure
        cause = event.eventCode.cause
        message = event.message
        count = event.count
        logUrl = event.preSignedLogUrl
    }
}
