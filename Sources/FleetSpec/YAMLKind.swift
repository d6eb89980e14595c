import Yams

/// What a YAML node holds, in the words a diagnostic uses ("expected an integer, found a string").
enum YAMLKind: String {
    case string, integer, number, boolean, null, mapping, list

    /// "a string", "an integer", …
    var withArticle: String {
        switch self {
        case .integer: "an integer"
        case .null: "null"
        default: "a \(rawValue)"
        }
    }

    /// The kind of `node`. Plain scalars follow YAML's core schema; quoted and block scalars are strings.
    init(of node: Node) {
        switch node {
        case .mapping: self = .mapping
        case .sequence: self = .list
        case .alias: self = .null
        case .scalar(let scalar):
            self = scalar.style == .plain || scalar.style == .any ? Self.plainKind(scalar.string) : .string
        }
    }

    private static let nulls: Set<String> = ["", "~", "null", "Null", "NULL"]
    private static let booleans: Set<String> = [
        "true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes", "YES", "no", "No", "NO", "on", "On",
        "ON", "off", "Off", "OFF",
    ]

    private static func plainKind(_ text: String) -> YAMLKind {
        if nulls.contains(text) { return .null }
        if booleans.contains(text) { return .boolean }
        if isDecimalInteger(text) { return .integer }
        if looksNumeric(text) { return .number }
        return .string
    }

    /// Whether `text` is an optionally signed decimal integer, however many digits it has.
    static func isDecimalInteger(_ text: String) -> Bool {
        var digits = Substring(text)
        if let sign = digits.first, sign == "-" || sign == "+" { digits = digits.dropFirst() }
        return !digits.isEmpty && digits.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// The value of an optionally signed decimal integer; `nil` when it is not one or does not fit in 64 bits
    /// (never clamped: a clamped value could pass a range check or overflow a sum later).
    static func decimalInteger(_ text: String) -> Int? {
        guard isDecimalInteger(text) else { return nil }
        return Int(text.hasPrefix("+") ? String(text.dropFirst()) : text)
    }

    private static func looksNumeric(_ text: String) -> Bool {
        let lower = text.lowercased()
        if [".inf", "-.inf", "+.inf", ".nan"].contains(lower) { return true }
        if lower.hasPrefix("0x") || lower.hasPrefix("0o") { return lower.count > 2 }
        return Double(text) != nil
    }
}
