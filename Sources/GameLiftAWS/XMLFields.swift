import Foundation

/// The text of each leaf element of an XML document by element name (first occurrence wins): enough for
/// STS answers and error documents, whose field names are unique.
///
/// A scan of the bytes rather than `XMLParser`: FoundationXML brings libxml2 and a second copy of ICU with it,
/// about 2 MB of every run's memory, for documents of a dozen flat fields. It reads what STS sends (a prolog,
/// namespaces and attributes, comments, the five named entities and character references, CDATA) and stops at
/// the first thing that is not well formed — a tag, comment or CDATA section left open, an end tag that does not
/// match, a `<` in a tag, an entity XML does not define — keeping what it read before, as `XMLParser` did.
enum XMLFields {
    static func parse(_ bytes: [UInt8]) -> [String: String] {
        var scanner = Scanner(bytes)
        scanner.run()
        return scanner.fields
    }

    private struct Scanner {
        let bytes: [UInt8]
        var position = 0
        var fields: [String: String] = [:]
        /// The characters since the last tag, references replaced.
        var text: [UInt8] = []
        /// The names of the elements open here, outermost first.
        var open: [[UInt8]] = []

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func run() {
            while position < bytes.count {
                let markupStart = bytes[position...].firstIndex(of: UInt8(ascii: "<")) ?? bytes.count
                guard let characters = Self.decode(bytes[position..<markupStart]) else { return }
                text += characters
                position = markupStart
                guard position == bytes.count || markup() else { return }
            }
        }

        /// Reads the markup at `position` (a `<`); false when it is not well formed.
        private mutating func markup() -> Bool {
            for (opening, closing) in [("<?", "?>"), ("<!--", "-->")] where starts(opening) {
                return skip(opening, through: closing)
            }
            if starts("<![CDATA[") {
                guard let end = find("]]>", from: position + 9) else { return false }
                text += bytes[(position + 9)..<end]  // taken as is
                position = end + 3
                return true
            }
            if starts("<!") { return skip("<!", through: ">") }
            guard let close = tagEnd(from: position + 1) else { return false }
            let closing = bytes[position + 1] == UInt8(ascii: "/")
            let nameStart = position + (closing ? 2 : 1)
            var nameEnd = nameStart
            while nameEnd < close, !isSpace(bytes[nameEnd]), bytes[nameEnd] != UInt8(ascii: "/") { nameEnd += 1 }
            guard nameEnd > nameStart else { return false }
            let name = Array(bytes[nameStart..<nameEnd])
            position = close + 1
            if closing {
                guard open.last == name else { return false }
                open.removeLast()
                let trimmed = String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                let key = String(decoding: name, as: UTF8.self)
                if !trimmed.isEmpty, fields[key] == nil { fields[key] = trimmed }
            } else if bytes[close - 1] != UInt8(ascii: "/") {
                open.append(name)
            }
            // A start tag begins the element's text; an end or empty-element tag ends it.
            text.removeAll(keepingCapacity: true)
            return true
        }

        /// The index of the `>` that ends the tag, quotes respected; nil at a `<`, which no tag may hold.
        private func tagEnd(from start: Int) -> Int? {
            var quote: UInt8?
            var index = start
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "<") { return nil }
                if let opened = quote {
                    if byte == opened { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    return index
                }
                index += 1
            }
            return nil
        }

        /// Skips the markup from `opening` (at `position`) through `closing`; false when it is never closed.
        private mutating func skip(_ opening: String, through closing: String) -> Bool {
            guard let end = find(closing, from: position + opening.utf8.count) else { return false }
            position = end + closing.utf8.count
            return true
        }

        private func starts(_ prefix: String) -> Bool { bytes[position...].starts(with: prefix.utf8) }

        private func find(_ needle: String, from start: Int) -> Int? {
            let needle = Array(needle.utf8)
            var index = start
            while index + needle.count <= bytes.count {
                if bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
                index += 1
            }
            return nil
        }

        private func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
        }

        /// `text` with its entity and character references replaced; nil for one XML does not define.
        static func decode(_ text: ArraySlice<UInt8>) -> [UInt8]? {
            var out: [UInt8] = []
            out.reserveCapacity(text.count)
            var index = text.startIndex
            while index < text.endIndex {
                guard text[index] == UInt8(ascii: "&") else {
                    out.append(text[index])
                    index += 1
                    continue
                }
                guard let semicolon = text[index...].firstIndex(of: UInt8(ascii: ";")) else { return nil }
                switch String(decoding: text[(index + 1)..<semicolon], as: UTF8.self) {
                case "lt": out.append(UInt8(ascii: "<"))
                case "gt": out.append(UInt8(ascii: ">"))
                case "amp": out.append(UInt8(ascii: "&"))
                case "quot": out.append(UInt8(ascii: "\""))
                case "apos": out.append(UInt8(ascii: "'"))
                case let name:
                    guard let scalar = characterReference(name) else { return nil }
                    out += Array(String(Character(scalar)).utf8)
                }
                index = semicolon + 1
            }
            return out
        }

        /// `#65` or `#x41`.
        private static func characterReference(_ name: String) -> Unicode.Scalar? {
            guard name.hasPrefix("#") else { return nil }
            let hex = name.dropFirst().hasPrefix("x")
            let digits = name.dropFirst(hex ? 2 : 1)
            guard !digits.isEmpty, digits.count <= 8,
                digits.allSatisfy({ hex ? $0.isHexDigit : ("0"..."9").contains($0) }),
                let value = UInt32(digits, radix: hex ? 16 : 10),
                // XML's characters: no controls but tab, LF and CR, and neither U+FFFE nor U+FFFF.
                value == 0x9 || value == 0xA || value == 0xD || value >= 0x20, value != 0xFFFE, value != 0xFFFF
            else { return nil }
            return Unicode.Scalar(value)
        }
    }
}
