import Foundation

/// One CBOR data item (RFC 8949), as the emulator needs it for Smithy RPC v2 CBOR.
///
/// Integers keep CBOR's own split into unsigned and negative so every value in the 65-bit range round-trips;
/// maps keep their entries in wire order (keys need not be text).
public indirect enum CBORValue: Hashable, Sendable {
    /// Major type 0: an unsigned integer.
    case unsigned(UInt64)
    /// Major type 1: the integer `-1 - n`.
    case negative(UInt64)
    /// Major type 2: a byte string.
    case bytes([UInt8])
    /// Major type 3: a UTF-8 text string.
    case text(String)
    /// Major type 4: an array.
    case array([CBORValue])
    /// Major type 5: a map, in wire order.
    case map([CBORMapEntry])
    /// Major type 6: a tagged item (tag 1 is an epoch-based date/time).
    case tag(UInt64, CBORValue)
    /// Major type 7: a simple value other than false, true, null and undefined.
    case simple(UInt8)
    /// Simple values 20 and 21.
    case bool(Bool)
    /// Simple value 22; Smithy treats a null member as absent.
    case null
    /// Simple value 23; read like null.
    case undefined
    /// Major type 7: a floating-point number (half, single or double precision on the wire).
    case float(Double)

    /// An integer value, choosing the unsigned or negative major type.
    public static func int(_ value: Int64) -> CBORValue {
        value >= 0 ? .unsigned(UInt64(value)) : .negative(UInt64(-(value + 1)))
    }

    /// The value of a text string, or nil.
    public var textValue: String? {
        if case .text(let s) = self { return s }
        return nil
    }

    /// The value for a text key of a map, or nil when this is not a map or has no such key.
    public subscript(key: String) -> CBORValue? {
        guard case .map(let entries) = self else { return nil }
        return entries.first { $0.key == .text(key) }?.value
    }
}

/// A key and its value in a CBOR map.
public struct CBORMapEntry: Hashable, Sendable {
    public var key: CBORValue
    public var value: CBORValue
    public init(_ key: CBORValue, _ value: CBORValue) {
        self.key = key
        self.value = value
    }
}

/// Writes CBOR in its preferred (shortest) serialization; definite lengths only.
public enum CBOREncoder {
    /// The bytes of one data item.
    public static func encode(_ value: CBORValue) -> [UInt8] {
        var out: [UInt8] = []
        append(value, to: &out)
        return out
    }

    private static func append(_ value: CBORValue, to out: inout [UInt8]) {
        switch value {
        case .unsigned(let n): appendHead(major: 0, argument: n, to: &out)
        case .negative(let n): appendHead(major: 1, argument: n, to: &out)
        case .bytes(let b):
            appendHead(major: 2, argument: UInt64(b.count), to: &out)
            out += b
        case .text(let s):
            let utf8 = Array(s.utf8)
            appendHead(major: 3, argument: UInt64(utf8.count), to: &out)
            out += utf8
        case .array(let items):
            appendHead(major: 4, argument: UInt64(items.count), to: &out)
            for item in items { append(item, to: &out) }
        case .map(let entries):
            appendHead(major: 5, argument: UInt64(entries.count), to: &out)
            for entry in entries {
                append(entry.key, to: &out)
                append(entry.value, to: &out)
            }
        case .tag(let tag, let item):
            appendHead(major: 6, argument: tag, to: &out)
            append(item, to: &out)
        case .simple(let n):
            if n < 24 {
                out.append(0xE0 | n)
            } else {
                out += [0xF8, n]
            }
        case .bool(let b): out.append(b ? 0xF5 : 0xF4)
        case .null: out.append(0xF6)
        case .undefined: out.append(0xF7)
        case .float(let d): appendFloat(d, to: &out)
        }
    }

    /// The initial byte and argument of an item: the argument in as few bytes as it fits.
    private static func appendHead(major: UInt8, argument: UInt64, to out: inout [UInt8]) {
        let m = major << 5
        switch argument {
        case 0..<24: out.append(m | UInt8(argument))
        case 24...0xFF: out += [m | 24, UInt8(argument)]
        case 0x100...0xFFFF:
            out.append(m | 25)
            appendBigEndian(argument, byteCount: 2, to: &out)
        case 0x1_0000...0xFFFF_FFFF:
            out.append(m | 26)
            appendBigEndian(argument, byteCount: 4, to: &out)
        default:
            out.append(m | 27)
            appendBigEndian(argument, byteCount: 8, to: &out)
        }
    }

    /// The shortest of half, single and double precision that holds the value exactly (NaN as half).
    private static func appendFloat(_ d: Double, to out: inout [UInt8]) {
        if d.isNaN {
            out += [0xF9, 0x7E, 0x00]
            return
        }
        let half = Float16(d)
        if Double(half) == d {
            out.append(0xF9)
            appendBigEndian(UInt64(half.bitPattern), byteCount: 2, to: &out)
            return
        }
        let single = Float(d)
        if Double(single) == d {
            out.append(0xFA)
            appendBigEndian(UInt64(single.bitPattern), byteCount: 4, to: &out)
            return
        }
        out.append(0xFB)
        appendBigEndian(d.bitPattern, byteCount: 8, to: &out)
    }

    private static func appendBigEndian(_ value: UInt64, byteCount: Int, to out: inout [UInt8]) {
        for i in stride(from: byteCount - 1, through: 0, by: -1) {
            out.append(UInt8(truncatingIfNeeded: value >> (UInt64(i) * 8)))
        }
    }
}
