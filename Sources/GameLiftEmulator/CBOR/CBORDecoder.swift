import Foundation

/// Why bytes are not one well-formed CBOR data item, with the offset where reading stopped.
public struct CBORDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    public var offset: Int
    public var reason: String

    public var description: String { "invalid CBOR at byte \(offset): \(reason)" }
}

/// Reads one CBOR data item (RFC 8949), including indefinite-length strings, arrays and maps.
///
/// Untrusted input: nesting depth and declared lengths are bounded so a hostile body cannot exhaust memory.
public struct CBORDecoder {
    /// The deepest nesting accepted.
    public var maxDepth: Int

    public init(maxDepth: Int = 64) {
        self.maxDepth = maxDepth
    }

    /// Decodes exactly one data item; trailing bytes are an error.
    public func decode(_ bytes: [UInt8]) throws(CBORDecodingError) -> CBORValue {
        var reader = Reader(bytes: bytes, maxDepth: maxDepth)
        let value = try reader.item(depth: 0)
        guard reader.offset == bytes.count else {
            throw CBORDecodingError(offset: reader.offset, reason: "\(bytes.count - reader.offset) trailing bytes")
        }
        return value
    }
}

private struct Reader {
    let bytes: [UInt8]
    let maxDepth: Int
    var offset = 0

    init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    func fail(_ reason: String) -> CBORDecodingError { CBORDecodingError(offset: offset, reason: reason) }

    mutating func byte() throws(CBORDecodingError) -> UInt8 {
        guard offset < bytes.count else { throw fail("unexpected end of input") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func bigEndian(_ count: Int) throws(CBORDecodingError) -> UInt64 {
        guard bytes.count - offset >= count else { throw fail("unexpected end of input") }
        var value: UInt64 = 0
        for b in bytes[offset..<offset + count] { value = value << 8 | UInt64(b) }
        offset += count
        return value
    }

    /// The argument that follows an initial byte; nil for the indefinite-length marker (31).
    mutating func argument(_ info: UInt8) throws(CBORDecodingError) -> UInt64? {
        switch info {
        case 0..<24: return UInt64(info)
        case 24: return try bigEndian(1)
        case 25: return try bigEndian(2)
        case 26: return try bigEndian(4)
        case 27: return try bigEndian(8)
        case 31: return nil
        default: throw fail("reserved additional information \(info)")
        }
    }

    mutating func length(_ argument: UInt64) throws(CBORDecodingError) -> Int {
        guard argument <= UInt64(bytes.count - offset) else {
            throw fail("declared length \(argument) exceeds the remaining \(bytes.count - offset) bytes")
        }
        return Int(argument)
    }

    mutating func isBreak() -> Bool {
        guard offset < bytes.count, bytes[offset] == 0xFF else { return false }
        offset += 1
        return true
    }

    mutating func item(depth: Int) throws(CBORDecodingError) -> CBORValue {
        guard depth <= maxDepth else { throw fail("nesting deeper than \(maxDepth)") }
        let initial = try byte()
        let major = initial >> 5
        let info = initial & 0x1F
        switch major {
        case 0, 1:
            guard let n = try argument(info) else { throw fail("indefinite length on an integer") }
            return major == 0 ? .unsigned(n) : .negative(n)
        case 2, 3:
            let raw = try stringBytes(major: major, info: info)
            if major == 2 { return .bytes(raw) }
            guard let text = String(validating: raw, as: UTF8.self) else { throw fail("text string is not UTF-8") }
            return .text(text)
        case 4:
            var items: [CBORValue] = []
            if let count = try argument(info) {
                // Each item takes at least one byte, so a count beyond the input is malformed.
                for _ in 0..<(try length(count)) { items.append(try item(depth: depth + 1)) }
            } else {
                while !isBreak() { items.append(try item(depth: depth + 1)) }
            }
            return .array(items)
        case 5:
            var entries: [CBORMapEntry] = []
            if let count = try argument(info) {
                for _ in 0..<(try length(count)) { entries.append(try entry(depth: depth + 1)) }
            } else {
                while !isBreak() { entries.append(try entry(depth: depth + 1)) }
            }
            return .map(entries)
        case 6:
            guard let tag = try argument(info) else { throw fail("indefinite length on a tag") }
            return .tag(tag, try item(depth: depth + 1))
        default:
            return try simpleOrFloat(info)
        }
    }

    mutating func entry(depth: Int) throws(CBORDecodingError) -> CBORMapEntry {
        let key = try item(depth: depth)
        let value = try item(depth: depth)
        return CBORMapEntry(key, value)
    }

    /// A definite string's bytes, or the concatenated chunks of an indefinite one (chunks of the same major type).
    mutating func stringBytes(major: UInt8, info: UInt8) throws(CBORDecodingError) -> [UInt8] {
        if let count = try argument(info) {
            let n = try length(count)
            defer { offset += n }
            return Array(bytes[offset..<offset + n])
        }
        var all: [UInt8] = []
        while !isBreak() {
            let chunkHead = try byte()
            guard chunkHead >> 5 == major, let count = try argument(chunkHead & 0x1F) else {
                offset -= 1
                throw fail("an indefinite-length string chunk must be a definite string of the same type")
            }
            let n = try length(count)
            all += bytes[offset..<offset + n]
            offset += n
        }
        return all
    }

    mutating func simpleOrFloat(_ info: UInt8) throws(CBORDecodingError) -> CBORValue {
        switch info {
        case 20: return .bool(false)
        case 21: return .bool(true)
        case 22: return .null
        case 23: return .undefined
        case 0..<20: return .simple(info)
        case 24:
            let n = try byte()
            guard n >= 32 else { throw fail("simple value \(n) must use the one-byte form") }
            return .simple(n)
        case 25: return .float(Double(Float16(bitPattern: UInt16(try bigEndian(2)))))
        case 26: return .float(Double(Float(bitPattern: UInt32(try bigEndian(4)))))
        case 27: return .float(Double(bitPattern: try bigEndian(8)))
        case 31: throw fail("unexpected break")
        default: throw fail("reserved additional information \(info)")
        }
    }
}
