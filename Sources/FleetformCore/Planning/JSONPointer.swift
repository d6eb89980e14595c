import Foundation

/// JSON pointers (RFC 6901) for places in the JSON files fleetform reads back (saved plans, journal lines),
/// so every problem in them is located the way a fleet-file problem is located by line and column.
public enum JSONPointer {
    /// The pointer of a decoding path: `/fleets/2/request/FleetId`.
    public static func of(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { key in "/" + escape(key.intValue.map { String($0) } ?? key.stringValue) }.joined()
    }

    /// `~` and `/` in a key, escaped as RFC 6901 asks.
    public static func escape(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// Where decoding stopped and why, in a sentence without Swift type names.
    public static func describe(_ error: DecodingError) -> (pointer: String, message: String) {
        switch error {
        case .keyNotFound(let key, let context):
            return (of(context.codingPath), "missing required key '\(key.stringValue)'")
        case .typeMismatch(let type, let context):
            return (of(context.codingPath), "wrong type: expected \(kind(of: type))")
        case .valueNotFound(let type, let context):
            return (of(context.codingPath), "missing value: expected \(kind(of: type)), found null")
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return (of(context.codingPath), excerpt(underlying ?? context.debugDescription))
        @unknown default:
            return ("", "not readable")
        }
    }

    /// "an integer", "a string", …: what a Swift type is in JSON's words.
    static func kind(of type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt64.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        default:
            String(describing: type).hasPrefix("Array") ? "an array" : "an object or value of the expected shape"
        }
    }

    /// Messages echo input: at most 200 characters of it.
    static func excerpt(_ text: String) -> String { text.count <= 200 ? text : String(text.prefix(200)) + "…" }
}

extension JSONPointer {
    /// Keys whose values are integers in the files fleetform reads back (plans, journal lines).
    static let integerKeys: Set<String> = [
        "ConcurrentExecutions", "MaxConcurrentGameSessionActivations", "GameSessionActivationTimeoutSeconds",
        "formatVersion", "line", "column", "before", "after", "update", "unchanged", "held", "failed",
    ]

    /// A number that no field can hold, found where JSON decoding would only say "not valid JSON".
    public struct NumberProblem: Hashable, Sendable {
        public var pointer: String
        public var message: String
        /// Past 64 bits (rather than a fraction where an integer belongs).
        public var isOutOfRange: Bool
    }

    /// Every number in `tree` (as `JSONSerialization` reads it) that is past 64 bits, or not whole under a key
    /// that holds integers, with its pointer.
    public static func numberProblems(in tree: Any, at pointer: String = "", key: String? = nil) -> [NumberProblem] {
        switch tree {
        case let object as [String: Any]:
            return object.keys.sorted().flatMap { name in
                numberProblems(in: object[name] as Any, at: pointer + "/" + escape(name), key: name)
            }
        case let array as [Any]:
            return array.enumerated().flatMap { numberProblems(in: $1, at: pointer + "/\($0)", key: key) }
        case let number as NSNumber:
            let type = String(cString: number.objCType)
            let text = excerpt(number.description)
            // JSONSerialization keeps numbers past Int64 as UInt64 ("Q") or NSDecimalNumber.
            if number is NSDecimalNumber || type == "Q" {
                return [
                    NumberProblem(
                        pointer: pointer, message: "\(text) does not fit in a 64-bit integer", isOutOfRange: true)
                ]
            }
            if type == "d" || type == "f", let key, integerKeys.contains(key), Int64(exactly: number.doubleValue) == nil
            {
                return [
                    NumberProblem(
                        pointer: pointer, message: "\(key) must be an integer, found \(text)", isOutOfRange: false)
                ]
            }
            return []
        default:
            return []
        }
    }

    /// "line 3, column 17" of the place a `JSONSerialization` error names ("around character 513", or the
    /// number it could not represent), so even text that is not JSON gets a located error.
    public static func textPlace(of message: String, in data: Data) -> (line: Int, column: Int)? {
        var offset: Int?
        if let range = message.range(of: "around character ") {
            offset = Int(message[range.upperBound...].prefix { $0.isNumber })
        } else if let start = message.range(of: "Number "), let end = message.range(of: " is not representable") {
            let token = Data(message[start.upperBound..<end.lowerBound].utf8)
            offset = token.isEmpty ? nil : data.range(of: token).map { $0.lowerBound - data.startIndex }
        }
        guard let offset, offset >= 0, offset <= data.count else { return nil }
        let before = data.prefix(offset)
        let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let column = offset - (before.lastIndex(of: 0x0A).map { $0 - data.startIndex + 1 } ?? 0) + 1
        return (line, column)
    }
}
