/// Writes strings as YAML scalars that read back as exactly the same string, never as a number, a boolean,
/// a null or a date. Plain only when that is certain; otherwise quoted in the simplest safe style.
public enum YAMLScalar {
    /// `value` as a YAML scalar: plain, `"double-quoted"` or `'single-quoted'`.
    public static func string(_ value: String) -> String {
        if isSafePlain(value) { return value }
        return quoted(value)
    }

    /// `value` always quoted: double quotes when nothing inside needs escaping, single quotes when it holds
    /// backslashes or double quotes (a Windows path reads as written), escaped double quotes for control
    /// characters, which only that style can carry.
    public static func quoted(_ value: String) -> String {
        if value.unicodeScalars.contains(where: isControl) { return escapedDoubleQuoted(value) }
        if !value.contains("\\") && !value.contains("\"") { return "\"\(value)\"" }
        return "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// Plain scalars are limited to characters that have no meaning in YAML, start with a letter, `/` or
    /// `_` (so they are never numbers or dates), and are not one of YAML 1.1's boolean or null words.
    static func isSafePlain(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, first == "/" || first == "_" || isASCIILetter(first) else {
            return false
        }
        let allowed = value.unicodeScalars.allSatisfy { s in
            isASCIILetter(s) || ("0"..."9").contains(s) || "_-./+".unicodeScalars.contains(s)
        }
        return allowed && !reservedWords.contains(value.lowercased())
    }

    /// Words a YAML 1.1 resolver (as Yams uses) reads as booleans or null.
    static let reservedWords: Set<String> = ["y", "n", "yes", "no", "on", "off", "true", "false", "null"]

    private static func isASCIILetter(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s)
    }

    private static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || s.value == 0x7F || (0x80...0x9F).contains(s.value) || s.value == 0xFEFF
            || s.value == 0x2028 || s.value == 0x2029
    }

    private static func escapedDoubleQuoted(_ value: String) -> String {
        var out = "\""
        for s in value.unicodeScalars {
            switch s {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if isControl(s) {
                    let hex = String(s.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(s)
                }
            }
        }
        return out + "\""
    }
}
