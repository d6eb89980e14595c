import GameLiftAPI
import Yams

/// Reads one composed YAML document into a `FleetDraft`, reporting unknown keys, wrong types and missing
/// keys with their places. Structure only: the rules (docs/fleet-files.md) run afterwards on the draft.
struct FleetDocumentReader {
    static let fleetKeys = ["FleetId", "Region", "ComputeType", "RuntimeConfiguration"]
    static let runtimeConfigurationKeys = [
        "ServerProcesses", "MaxConcurrentGameSessionActivations", "GameSessionActivationTimeoutSeconds",
    ]
    static let serverProcessKeys = ["LaunchPath", "Parameters", "ConcurrentExecutions"]
    /// What one entry's `ConcurrentExecutions` can be: at least the minimum, at most a whole instance.
    static let concurrentExecutionsRange =
        GameLiftLimits.concurrentExecutionsMinimum...GameLiftLimits.processesPerInstance

    let path: String
    /// Lines before the text the document was composed from, when it was composed on its own.
    let lineOffset: Int
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String, lineOffset: Int = 0) {
        self.path = path
        self.lineOffset = lineOffset
    }

    /// The draft of the fleet in `root`, or `nil` when the document is not a mapping at all.
    mutating func read(_ root: Node) -> FleetDraft? {
        guard let fields = mapping(root, named: "a fleet document", allowed: Self.fleetKeys) else { return nil }
        var draft = FleetDraft(location: location(of: root))
        if case .mapping(let pairs) = root, let key = pairs.first(where: { $0.key.scalarText == "FleetId" })?.key {
            draft.location = location(of: key)
        }
        draft.fleetIdOrArn = requiredString("FleetId", in: fields, of: root)
        draft.region = fields["Region"].flatMap { string($0, key: "Region") }
        draft.computeType = fields["ComputeType"].flatMap { string($0, key: "ComputeType") }
        guard let configuration = required("RuntimeConfiguration", in: fields, of: root) else { return draft }
        draft.runtimeConfigurationLocation = location(of: configuration)
        guard
            let settings = mapping(
                configuration, named: "RuntimeConfiguration", allowed: Self.runtimeConfigurationKeys)
        else { return draft }
        if let list = required("ServerProcesses", in: settings, of: configuration) {
            draft.serverProcessesLocation = location(of: list)
            draft.serverProcesses = serverProcesses(list)
        }
        draft.maxConcurrentGameSessionActivations = settings["MaxConcurrentGameSessionActivations"].flatMap {
            integer(
                $0, key: "MaxConcurrentGameSessionActivations",
                range: GameLiftLimits.maxConcurrentGameSessionActivations)
        }
        draft.gameSessionActivationTimeoutSeconds = settings["GameSessionActivationTimeoutSeconds"].flatMap {
            integer(
                $0, key: "GameSessionActivationTimeoutSeconds",
                range: GameLiftLimits.gameSessionActivationTimeoutSeconds)
        }
        return draft
    }

    private mutating func serverProcesses(_ list: Node) -> [ServerProcessDraft]? {
        guard case .sequence(let entries) = list else {
            wrongType(list, key: "ServerProcesses", expected: .list)
            return nil
        }
        var drafts: [ServerProcessDraft] = []
        for entry in entries {
            guard let fields = mapping(entry, named: "a ServerProcesses entry", allowed: Self.serverProcessKeys)
            else { continue }
            drafts.append(
                ServerProcessDraft(
                    location: location(of: entry),
                    launchPath: requiredString("LaunchPath", in: fields, of: entry),
                    parameters: fields["Parameters"].flatMap { string($0, key: "Parameters") },
                    concurrentExecutions: required("ConcurrentExecutions", in: fields, of: entry).flatMap {
                        integer($0, key: "ConcurrentExecutions", range: Self.concurrentExecutionsRange)
                    }))
        }
        return drafts
    }

    // MARK: - Typed access with diagnostics

    /// The values of a mapping by key, after reporting non-string and unknown keys. Duplicate keys never
    /// reach here: the pre-scan reports them and the document is not composed.
    private mutating func mapping(_ node: Node, named name: String, allowed: [String]) -> [String: Node]? {
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

    private mutating func unknownKey(_ key: String, at node: Node, allowed: [String], in name: String) {
        let hint: String
        if let suggestion = KeySuggestion.closest(to: key, among: allowed) {
            hint = "did you mean '\(suggestion)'?"
        } else {
            hint = "allowed keys here: \(allowed.joined(separator: ", "))"
        }
        report(.unknownKey, "unknown key '\(key)' in \(name)", hint: hint, at: node)
    }

    private mutating func required(_ key: String, in fields: [String: Node], of parent: Node) -> Node? {
        if let value = fields[key] { return value }
        report(.missingKey, "missing required key '\(key)'", hint: "add `\(key):`", at: parent)
        return nil
    }

    private mutating func requiredString(_ key: String, in fields: [String: Node], of parent: Node)
        -> Located<String>?
    {
        required(key, in: fields, of: parent).flatMap { string($0, key: key) }
    }

    private mutating func string(_ node: Node, key: String) -> Located<String>? {
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
    private mutating func integer(_ node: Node, key: String, range: ClosedRange<Int>) -> Located<Int>? {
        let kind = YAMLKind(of: node)
        let allowed = "GameLift allows an integer from \(FleetRules.describe(range))"
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
    private static func describe(_ node: Node, _ kind: YAMLKind) -> String {
        guard let text = node.scalarText, kind != .null else { return kind.withArticle }
        let shown = excerpt(text)
        return kind == .string ? "a string (\"\(shown)\")" : "\(kind.withArticle) (\(shown))"
    }

    private mutating func wrongType(
        _ node: Node, key: String, expected: YAMLKind, found: String? = nil, hint: String? = nil
    ) {
        let found = found ?? YAMLKind(of: node).withArticle
        report(.wrongType, "\(key) must be \(expected.withArticle), found \(found)", hint: hint, at: node)
    }

    private mutating func report(_ code: DiagnosticCode, _ message: String, hint: String? = nil, at node: Node) {
        diagnostics.append(Diagnostic(.error, code, message, hint: hint, at: location(of: node)))
    }

    func location(of node: Node) -> SourceLocation {
        let place = node.place
        return SourceLocation(path: path, line: place.line + lineOffset, column: place.column)
    }
}
