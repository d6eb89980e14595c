import Foundation

extension JSONPointer {
    /// The JSON pointers of keys that appear twice in one object of `data`, which must be valid JSON (parse it
    /// first). Parsers disagree on which of two equal keys wins, so a file fleetform sends from (a saved plan, a
    /// journal line) must not have any: `{"ConcurrentExecutions": 1, "ConcurrentExecutions": 9}` would show one
    /// value to a reviewer's tool and send the other. Keys are compared after unescaping (`"a"` = `"\u0061"`).
    /// Iterative, so nesting depth costs heap, not stack; stops after `limit` findings.
    public static func duplicateKeys(in data: Data, limit: Int = 20) -> [String] {
        var scanner = DuplicateKeyScanner(bytes: [UInt8](data))
        return scanner.run(limit: limit)
    }
}

/// One pass over valid JSON, keeping per open container its pointer, its keys (objects) or next index (arrays).
private struct DuplicateKeyScanner {
    enum Container {
        case object(pointer: String, keys: Set<String>, pendingKey: String?)
        case array(pointer: String, index: Int)
    }

    let bytes: [UInt8]
    var position = 0
    var stack: [Container] = []
    var found: [String] = []

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func run(limit: Int) -> [String] {
        while position < bytes.count, found.count < limit {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "{"):
                stack.append(.object(pointer: pointerOfNextValue(), keys: [], pendingKey: nil))
                position += 1
            case UInt8(ascii: "["):
                stack.append(.array(pointer: pointerOfNextValue(), index: 0))
                position += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = stack.popLast()
                valueEnded()
                position += 1
            case UInt8(ascii: "\""):
                let text = readString()
                if case .object(let pointer, var keys, nil) = stack.last {
                    // A string where a key is expected is the key (the next ':' confirms it in valid JSON).
                    if !keys.insert(text).inserted { found.append(pointer + "/" + JSONPointer.escape(text)) }
                    stack[stack.count - 1] = .object(pointer: pointer, keys: keys, pendingKey: text)
                } else {
                    valueEnded()
                }
            case UInt8(ascii: ","), UInt8(ascii: ":"), 0x20, 0x09, 0x0A, 0x0D:
                position += 1
            default:
                // A number, true, false or null: skip to the next delimiter.
                while position < bytes.count, !Self.isDelimiter(bytes[position]) { position += 1 }
                valueEnded()
            }
        }
        return found
    }

    static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D: true
        default: false
        }
    }

    /// The pointer of the value about to start: its parent's plus the pending key or the array index.
    func pointerOfNextValue() -> String {
        switch stack.last {
        case .object(let pointer, _, let key?): pointer + "/" + JSONPointer.escape(key)
        case .array(let pointer, let index): pointer + "/\(index)"
        case .object(let pointer, _, nil): pointer
        case nil: ""
        }
    }

    /// A value finished: the object awaits its next key, the array its next index.
    mutating func valueEnded() {
        switch stack.last {
        case .object(let pointer, let keys, _?):
            stack[stack.count - 1] = .object(pointer: pointer, keys: keys, pendingKey: nil)
        case .array(let pointer, let index): stack[stack.count - 1] = .array(pointer: pointer, index: index + 1)
        default: break
        }
    }

    /// Reads the string starting at `position` (a quote), unescaped; leaves `position` after its closing quote.
    mutating func readString() -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
            raw.removeAll(keepingCapacity: true)
        }
        var pendingHigh: UInt32?
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "\"") { break }
            guard byte == UInt8(ascii: "\\"), position < bytes.count else {
                raw.append(byte)
                continue
            }
            let escaped = bytes[position]
            position += 1
            let simple: UInt8? =
                switch escaped {
                case UInt8(ascii: "b"): 0x08
                case UInt8(ascii: "f"): 0x0C
                case UInt8(ascii: "n"): 0x0A
                case UInt8(ascii: "r"): 0x0D
                case UInt8(ascii: "t"): 0x09
                case UInt8(ascii: "u"): nil
                default: escaped
                }
            if let simple {
                raw.append(simple)
                continue
            }
            guard position + 4 <= bytes.count,
                let code = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16)
            else { continue }
            position += 4
            flush()
            if (0xD800..<0xDC00).contains(code) {
                pendingHigh = code
            } else if (0xDC00..<0xE000).contains(code), let high = pendingHigh {
                let combined = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
                if let scalar = Unicode.Scalar(combined) { scalars.append(scalar) }
                pendingHigh = nil
            } else if let scalar = Unicode.Scalar(code) {
                scalars.append(scalar)
            }
        }
        flush()
        return String(scalars)
    }
}
