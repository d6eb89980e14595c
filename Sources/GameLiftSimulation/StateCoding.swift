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

    /// Dates may be ISO 8601 strings (with or without fractional seconds, any offset) or epoch seconds.
    static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            if let seconds = try? c.decode(Double.self) {
                return Date(timeIntervalSince1970: seconds).wholeMilliseconds
            }
            let text = try c.decode(String.self)
            guard let date = parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: c, debugDescription: "'\(text)' is not an ISO 8601 date such as 2026-01-31T12:00:00Z")
            }
            return date
        }
        return d
    }

    /// `2026-01-31T12:00:00.250Z`: UTC, milliseconds. Exact: `parse(format(d)) == d.wholeMilliseconds`.
    static func format(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
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
            try fleet.checkKind(place: place)
        }
        return self
    }
}

extension Date {
    /// The date rounded to whole milliseconds, as GameLift and the state file keep times; keeping every
    /// time so makes them survive a trip through the state file exactly.
    var wholeMilliseconds: Date { Date(timeIntervalSince1970: (timeIntervalSince1970 * 1000).rounded() / 1000) }
}
