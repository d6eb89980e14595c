import Foundation
import GameLiftAPI

/// Converts between CBOR bodies and the operations' `Codable` types, through a JSON-compatible tree.
///
/// The API types already know their wire names through their JSON coding keys, so rather than a second
/// `Encoder`/`Decoder` pair the bridge goes Codable ⇄ JSON ⇄ tree ⇄ CBOR. The one thing JSON cannot say is
/// "this number is a timestamp", which CBOR says with tag 1: dates cross the JSON step as marker strings that
/// only the bridge writes and reads, so timestamps stay exact and are tagged without a list of date fields.
public enum CBORCodableBridge {
    /// Why a CBOR body does not decode to the operation's input.
    public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        public var message: String
        public init(_ message: String) { self.message = message }
        public var description: String { message }
    }

    /// Encodes a value as a CBOR data item, dates as tag 1 epoch seconds.
    public static func encode<T: Encodable>(_ value: T) throws -> CBORValue {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(dateMarker + String(date.timeIntervalSince1970))
        }
        let json = try encoder.encode(value)
        return try JSONDecoder().decode(JSONTree.self, from: json).cbor()
    }

    /// Decodes a value from a CBOR data item; tag 1 (or a plain number) where the type expects a date.
    public static func decode<T: Decodable>(_ type: T.Type, from value: CBORValue) throws -> T {
        let tree = try JSONTree(value)
        let json = try JSONEncoder().encode(tree)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            if let seconds = try? c.decode(Double.self) { return Date(timeIntervalSince1970: seconds) }
            let text = try c.decode(String.self)
            guard text.hasPrefix(dateMarker), let seconds = Double(text.dropFirst(dateMarker.count)) else {
                throw DecodingError.dataCorruptedError(
                    in: c, debugDescription: "expected a timestamp (CBOR tag 1 or a number)")
            }
            return Date(timeIntervalSince1970: seconds)
        }
        return try decoder.decode(T.self, from: json)
    }

    /// Starts the strings that stand for dates in the JSON step. NUL cannot occur in any GameLift string
    /// the emulator accepts: CBOR text starting with it is rejected on the way in.
    static let dateMarker = "\u{0}cbor-date:"
}

/// A JSON-compatible tree: what both JSON and CBOR can say about the operations' bodies.
enum JSONTree: Codable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONTree])
    case object([String: JSONTree])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int64.self) {
            self = .int(i)
        } else if let d = try? c.decode(Double.self) {
            self = .double(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONTree].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONTree].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .int(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// The tree as CBOR; marker strings become tag 1 timestamps (integral seconds as integers).
    func cbor() -> CBORValue {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .float(d)
        case .string(let s):
            let marker = CBORCodableBridge.dateMarker
            if s.hasPrefix(marker), let seconds = Double(s.dropFirst(marker.count)) {
                if seconds.rounded() == seconds, let whole = Int64(exactly: seconds) {
                    return .tag(1, .int(whole))
                }
                return .tag(1, .float(seconds))
            }
            return .text(s)
        case .array(let a): return .array(a.map { $0.cbor() })
        case .object(let o):
            return .map(o.keys.sorted().map { key in CBORMapEntry(.text(key), o[key, default: .null].cbor()) })
        }
    }

    /// The tree for a CBOR item. Null and undefined members are dropped (Smithy treats them as absent).
    init(_ value: CBORValue) throws {
        switch value {
        case .unsigned(let n):
            self = Int64(exactly: n).map(JSONTree.int) ?? .double(Double(n))
        case .negative(let n):
            self = n < UInt64(Int64.max) ? .int(-1 - Int64(n)) : .double(-1 - Double(n))
        case .text(let s):
            guard !s.hasPrefix("\u{0}") else { throw CBORCodableBridge.Failure("text may not start with NUL") }
            self = .string(s)
        case .bytes:
            throw CBORCodableBridge.Failure("byte strings are not used by these operations")
        case .array(let items):
            self = .array(try items.map(JSONTree.init))
        case .map(let entries):
            var object: [String: JSONTree] = [:]
            for entry in entries {
                guard case .text(let key) = entry.key else {
                    throw CBORCodableBridge.Failure("map keys must be text strings")
                }
                guard object[key] == nil else { throw CBORCodableBridge.Failure("duplicate map key \"\(key)\"") }
                if entry.value == .null || entry.value == .undefined { continue }
                object[key] = try JSONTree(entry.value)
            }
            self = .object(object)
        case .tag(1, let inner):
            switch inner {
            case .unsigned, .negative, .float:
                guard case .int(let i) = try JSONTree(inner) else {
                    guard case .double(let d) = try JSONTree(inner) else {
                        throw CBORCodableBridge.Failure("tag 1 must hold a number")
                    }
                    self = .string(CBORCodableBridge.dateMarker + String(d))
                    return
                }
                self = .string(CBORCodableBridge.dateMarker + String(Double(i)))
            default:
                throw CBORCodableBridge.Failure("tag 1 (epoch time) must hold a number")
            }
        case .tag(let tag, _):
            throw CBORCodableBridge.Failure("unsupported CBOR tag \(tag)")
        case .bool(let b): self = .bool(b)
        case .null, .undefined: self = .null
        case .float(let d):
            guard d.isFinite else { throw CBORCodableBridge.Failure("non-finite numbers are not accepted") }
            self = .double(d)
        case .simple(let n):
            throw CBORCodableBridge.Failure("unsupported simple value \(n)")
        }
    }
}
