import Foundation
import GameLiftAPI

/// A problem with the simulation's files (state, seed, faults): says which file and what is wrong.
public struct SimulationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// JSON coding of the state and faults files: readable dates (ISO 8601, UTC, milliseconds), sorted keys.
enum StateCoding {
    private static let seconds = Date.ISO8601FormatStyle()

    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(format(date))
        }
        return e
    }

    /// The dates the files may hold: years 1 to 9999, what ISO 8601's four-digit years can write. Past
    /// them a date could not be written back (and its milliseconds would not fit in 64 bits).
    static let dateRange = -62_135_596_800.0...253_402_300_799.999

    /// Dates may be ISO 8601 strings (with or without fractional seconds, any offset) or epoch seconds.
    static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            if let seconds = try? c.decode(Double.self) {
                guard dateRange.contains(seconds) else {
                    throw DecodingError.dataCorruptedError(
                        in: c, debugDescription: "\(seconds) epoch seconds is outside the years 1 to 9999")
                }
                return Date(timeIntervalSince1970: seconds).wholeMilliseconds
            }
            let text = try c.decode(String.self)
            guard let date = parse(text), dateRange.contains(date.timeIntervalSince1970) else {
                throw DecodingError.dataCorruptedError(
                    in: c, debugDescription: "'\(text)' is not an ISO 8601 date such as 2026-01-31T12:00:00Z")
            }
            return date
        }
        return d
    }

    /// `2026-01-31T12:00:00.250Z`: UTC, milliseconds. Exact: `parse(format(d)) == d.wholeMilliseconds`.
    /// Dates outside `dateRange` (only a bug could make one: every file date is checked as it is read) are
    /// written as its nearest end rather than trapping.
    static func format(_ date: Date) -> String {
        let epoch = date.timeIntervalSince1970
        let clamped = epoch.isNaN ? 0 : min(max(epoch, dateRange.lowerBound), dateRange.upperBound)
        let milliseconds = Int64((clamped * 1000).rounded())
        let (whole, fraction) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let (second, millisecond) = fraction < 0 ? (whole - 1, fraction + 1000) : (whole, fraction)
        let text = Date(timeIntervalSince1970: Double(second)).formatted(seconds)
        let digits = String(millisecond + 1000).dropFirst()
        return text.dropLast() + "." + digits + "Z"
    }

    static func parse(_ text: String) -> Date? {
        guard text.hasSuffix("Z"), let dot = text.firstIndex(of: ".") else {
            return (try? seconds.parse(text))?.wholeMilliseconds
        }
        let digits = text[text.index(after: dot)..<text.index(before: text.endIndex)]
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let value = Int(digits.prefix(3)),
            let whole = try? seconds.parse(text[..<dot] + "Z")
        else { return nil }
        let millisecond = value * [100, 10, 1][min(digits.count, 3) - 1]
        return Date(timeIntervalSince1970: (whole.timeIntervalSince1970 * 1000 + Double(millisecond)) / 1000)
    }

    /// Decodes `T` from `data`, turning decoding errors into one line naming the file and the JSON path.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, file: String) throws -> T {
        do {
            return try decoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw SimulationError("\(file): \(describe(error))")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "the document" : String(text.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing key '\(key.stringValue)' at \(path(context.codingPath))"
        case .typeMismatch(let type, let context):
            return "wrong type at \(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "missing value at \(path(context.codingPath)): expected \(type)"
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return "invalid JSON at \(path(context.codingPath)): \(underlying ?? context.debugDescription)"
        @unknown default:
            return "invalid: \(error)"
        }
    }
}

extension SimulationState {
    /// Checks what JSON decoding cannot: the version, fleet ids, duplicate fleets, ranges.
    func validated(file: String) throws -> SimulationState {
        guard version == Self.currentVersion else {
            throw SimulationError(
                "\(file): state file version \(version) is not supported "
                    + "(this fleetform reads version \(Self.currentVersion))")
        }
        var seen: Set<String> = []
        for (index, fleet) in fleets.enumerated() {
            let place = "\(file): Fleets[\(index)]"
            guard fleet.fleetId.wholeMatch(of: RequestValidation.fleetIdRegex) != nil else {
                throw SimulationError("\(place): FleetId '\(fleet.fleetId)' is not a fleet id (fleet-…)")
            }
            guard seen.insert(fleet.fleetId).inserted else {
                throw SimulationError("\(place): fleet \(fleet.fleetId) appears twice")
            }
            guard !fleet.region.isEmpty else { throw SimulationError("\(place): Region is empty") }
            if let rate = fleet.behaviour?.crashRate, !(0...1).contains(rate) {
                throw SimulationError("\(place): Behaviour.CrashRate \(rate) is not between 0 and 1")
            }
            if let account = fleet.account,
                !(account.utf8.count == 12 && account.utf8.allSatisfy({ (0x30...0x39).contains($0) }))
            {
                throw SimulationError("\(place): Account '\(account)' is not a 12-digit account id")
            }
            try fleet.checkKind(place: place)
            try fleet.checkNumbers(place: place)
        }
        return self
    }
}

extension Date {
    /// The date rounded to whole milliseconds, as GameLift and the state file keep times; keeping every
    /// time so makes them survive a trip through the state file exactly.
    var wholeMilliseconds: Date { Date(timeIntervalSince1970: (timeIntervalSince1970 * 1000).rounded() / 1000) }
}

extension SimulatedFleet {
    /// The longest event delay a fleet may script: an hour, far past any watch, short enough that event
    /// times stay ordinary dates.
    static let maxEventDelaySeconds = 3_600.0
    /// The longest process lifetime a fleet may script: a day.
    static let maxProcessLifetimeSeconds = 86_400.0

    /// Numbers JSON decoding accepts but the simulation could not use: counters below zero, delays that are
    /// not ordinary durations, and a runtime configuration GameLift itself would have refused.
    func checkNumbers(place: String) throws {
        guard updateCount >= 0 else { throw SimulationError("\(place): UpdateCount \(updateCount) is below 0") }
        try Self.checkCounts(instances: instances, activeGameSessions: activeGameSessions, place: place)
        if let attempts = hold?.updateAttempts, attempts < 0 {
            throw SimulationError("\(place): Hold.UpdateAttempts \(attempts) is below 0")
        }
        if let delay = behaviour?.eventDelaySeconds, !(0...Self.maxEventDelaySeconds).contains(delay) {
            throw SimulationError(
                "\(place): Behaviour.EventDelaySeconds \(delay) is not between 0 and \(Self.maxEventDelaySeconds)")
        }
        if let lifetime = behaviour?.processLifetimeSeconds, !(0...Self.maxProcessLifetimeSeconds).contains(lifetime) {
            throw SimulationError(
                "\(place): Behaviour.ProcessLifetimeSeconds \(lifetime) is not between 0 and "
                    + "\(Self.maxProcessLifetimeSeconds)")
        }
        if let ongoing = behaviour?.ongoingFailure {
            guard ongoing.everySeconds.isFinite, ongoing.everySeconds >= OngoingFailure.minimumEverySeconds else {
                throw SimulationError(
                    "\(place): Behaviour.OngoingFailure.EverySeconds \(ongoing.everySeconds) is not a number of "
                        + "seconds of at least \(OngoingFailure.minimumEverySeconds)")
            }
            guard ongoing.since.timeIntervalSince1970.isFinite, ongoing.until.map({ $0 >= ongoing.since }) ?? true
            else {
                throw SimulationError("\(place): Behaviour.OngoingFailure.Until is before its Since")
            }
        }
        if let needed = behaviour?.gameSessionActivationSeconds, needed < 0 {
            throw SimulationError("\(place): Behaviour.GameSessionActivationSeconds \(needed) is below 0")
        }
        try Self.checkWireNumbers(runtimeConfiguration, place: "\(place).RuntimeConfiguration")
        if let replacement {
            guard replacement.since.timeIntervalSince1970.isFinite else {
                throw SimulationError("\(place): Replacement.Since is not a date")
            }
            try Self.checkWireNumbers(
                replacement.previous, place: "\(place).Replacement.PreviousRuntimeConfiguration")
        }
    }

    /// GameLift's integers are 32-bit: a configuration holding a larger number is not one GameLift could have.
    static func checkWireNumbers(_ configuration: RuntimeConfiguration, place: String) throws {
        let numbers: [(String, Int?)] =
            (configuration.serverProcesses ?? []).enumerated().map {
                ("ServerProcesses[\($0)].ConcurrentExecutions", $1.concurrentExecutions)
            } + [
                ("MaxConcurrentGameSessionActivations", configuration.maxConcurrentGameSessionActivations),
                ("GameSessionActivationTimeoutSeconds", configuration.gameSessionActivationTimeoutSeconds),
            ]
        for case let (name, value?) in numbers where !GameLiftLimits.wireInteger.contains(value) {
            throw SimulationError("\(place).\(name): \(value) does not fit in 32 bits")
        }
    }

    /// Instance and game-session counts are GameLift whole numbers: 0 up to the 32-bit maximum.
    static func checkCounts(instances: Int?, activeGameSessions: Int?, place: String) throws {
        let counts: [(String, Int?)] = [("Instances", instances), ("ActiveGameSessions", activeGameSessions)]
        for case let (name, value?) in counts where !(0...GameLiftLimits.wireInteger.upperBound).contains(value) {
            throw SimulationError(
                "\(place): \(name) \(value) is not between 0 and \(GameLiftLimits.wireInteger.upperBound)")
        }
    }
}
