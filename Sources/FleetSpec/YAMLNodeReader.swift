import Yams

/// Typed access to a composed YAML document's nodes, each problem reported as a located diagnostic: unknown keys
/// with suggestions, wrong types with the value echoed, missing keys, integers past 64 bits. What fleet files
/// and the settings file (`fleetform.yaml`) share; each reader knows its own keys.
struct YAMLNodeReader {
    let path: String
    /// Lines before the text the document was composed from, when it was composed on its own.
    let lineOffset: Int
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String, lineOffset: Int = 0) {
        self.path = path
        self.lineOffset = lineOffset
    }

    /// The values of a mapping by key, after reporting non-string and unknown keys. Duplicate keys never
    /// reach here: the pre-scan reports them and the document is not composed.
    mutating func mapping(_ node: Node, named name: String, allowed: [String]) -> [String: Node]? {
        guard case .mapping(let pairs) = node else {
            report(
                .wrongType, "\(name) must be a mapping, found \(YAMLKind(of: node).withArticle)",
                hint: "write it as `Key: value` lines", at: node)
            return nil
        }
        var fields: [String: Node] = [:]
        for (key, value) in pairs {
            guard case .scalar(let scalar) = key else {
                report(.wrongType, "a key must be a string, found \(YAMLKind(of: key).withArticle)", at: key)
                continue
            }
            guard allowed.contains(scalar.string) else {
                unknownKey(scalar.string, at: key, allowed: allowed, in: name)
                continue
            }
            fields[scalar.string] = value
        }
        return fields
    }

    mutating func unknownKey(_ key: String, at node: Node, allowed: [String], in name: String) {
        let hint: String
        if let suggestion = KeySuggestion.closest(to: key, among: allowed) {
            hint = "did you mean '\(suggestion)'?"
        } else {
            hint = "allowed keys here: \(allowed.joined(separator: ", "))"
        }
        report(.unknownKey, "unknown key '\(key)' in \(name)", hint: hint, at: node)
    }

    mutating func required(_ key: String, in fields: [String: Node], of parent: Node) -> Node? {
        if let value = fields[key] { return value }
        report(.missingKey, "missing required key '\(key)'", hint: "add `\(key):`", at: parent)
        return nil
    }

    mutating func requiredString(_ key: String, in fields: [String: Node], of parent: Node)
        -> Located<String>?
    {
        required(key, in: fields, of: parent).flatMap { string($0, key: key) }
    }

    mutating func string(_ node: Node, key: String) -> Located<String>? {
        let kind = YAMLKind(of: node)
        guard kind == .string, case .scalar(let scalar) = node else {
            wrongType(
                node, key: key, expected: .string, found: Self.describe(node, kind),
                hint: node.scalarText == nil ? nil : "quote the value")
            return nil
        }
        return Located(value: scalar.string, location: location(of: node))
    }

    /// An integer that fits in 64 bits. Past 64 bits is its own error (never clamped); a float, `.inf` or
    /// `.nan` is a wrong type. Both name `range`, the field's valid values, which the rules check afterwards.
    mutating func integer(_ node: Node, key: String, range: ClosedRange<Int>, allowedBy owner: String = "GameLift")
        -> Located<Int>?
    {
        let kind = YAMLKind(of: node)
        let allowed = "\(owner) allows an integer from \(FleetRules.describe(range))"
        if kind == .integer, let text = node.scalarText, YAMLKind.decimalInteger(text) == nil {
            report(
                .integerOutOfRange, "\(key) is \(Self.excerpt(text)), which does not fit in a 64-bit integer",
                hint: allowed, at: node)
            return nil
        }
        guard kind == .integer, let text = node.scalarText, let value = YAMLKind.decimalInteger(text) else {
            var hint = allowed
            if kind == .string, let text = node.scalarText, YAMLKind.isDecimalInteger(text) {
                hint = "remove the quotes: `\(key): \(Self.excerpt(text))`"
            }
            wrongType(node, key: key, expected: .integer, found: Self.describe(node, kind), hint: hint)
            return nil
        }
        return Located(value: value, location: location(of: node))
    }

    /// At most 40 characters of a written value, for echoing it in a message.
    static func excerpt(_ text: String) -> String {
        text.count <= 40 ? text : String(text.prefix(40)) + "…"
    }

    /// "a string ("8")", "an integer (12)", "null", "a list": the found value, echoed where it is short.
    static func describe(_ node: Node, _ kind: YAMLKind) -> String {
        guard let text = node.scalarText, kind != .null else { return kind.withArticle }
        let shown = excerpt(text)
        return kind == .string ? "a string (\"\(shown)\")" : "\(kind.withArticle) (\(shown))"
    }

    mutating func wrongType(
        _ node: Node, key: String, expected: YAMLKind, found: String? = nil, hint: String? = nil
    ) {
        let found = found ?? YAMLKind(of: node).withArticle
        report(.wrongType, "\(key) must be \(expected.withArticle), found \(found)", hint: hint, at: node)
    }

    mutating func report(_ code: DiagnosticCode, _ message: String, hint: String? = nil, at node: Node) {
        diagnostics.append(Diagnostic(.error, code, message, hint: hint, at: location(of: node)))
    }

    func location(of node: Node) -> SourceLocation {
        let place = node.place
        return SourceLocation(path: path, line: place.line + lineOffset, column: place.column)
    }
}
