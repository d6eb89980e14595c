import FleetSpec
import Foundation

/// Renders diagnostics as a SARIF 2.1.0 log, the format code-scanning views (GitHub code scanning, GitLab,
/// IDE viewers) read. Every published diagnostic code is a rule, so rule indexes are stable between runs;
/// diagnostics without a place (they concern arguments) become tool notifications, since a result needs a
/// location to be shown. Pure: returns the output, prints nothing.
public struct SARIFRenderer: Sendable {
    public static let sarifVersion = "2.1.0"
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    /// Where the diagnostic codes are documented.
    public static let informationURI = "https://github.com/fleetform/fleetform#diagnostic-codes"

    public var toolVersion: String
    /// What the caller calls its options, for the rules' titles that name one.
    public var names: RunOptionNames

    public init(toolVersion: String = FleetformVersion.current, names: RunOptionNames = .swiftAPI) {
        self.toolVersion = toolVersion
        self.names = names
    }

    /// The SARIF log for `diagnostics`, pretty-printed with sorted keys (stable for golden tests), ending with a
    /// newline.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        let rules = DiagnosticCatalogue.entries
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.code, $0) })
        let located = diagnostics.filter { $0.location != nil }
        let unlocated = diagnostics.filter { $0.location == nil }
        let run = Run(
            tool: Tool(
                driver: Driver(
                    name: "fleetform", semanticVersion: toolVersion, informationUri: Self.informationURI,
                    rules: rules.map { entry in
                        Rule(
                            id: entry.code.rawValue, shortDescription: Message(text: entry.title(names)),
                            defaultConfiguration: Configuration(level: Self.level(entry.severity)))
                    })),
            invocations: [
                Invocation(
                    executionSuccessful: !diagnostics.hasErrors,
                    toolExecutionNotifications: unlocated.map { d in
                        Notification(
                            level: Self.level(d.severity), message: Message(text: Self.text(d)),
                            descriptor: Reference(id: d.code.rawValue))
                    })
            ],
            results: located.map { d in
                Result(
                    ruleId: d.code.rawValue, ruleIndex: ruleIndex[d.code], level: Self.level(d.severity),
                    message: Message(text: Self.text(d)),
                    locations: d.location.map { [Location(physicalLocation: Self.physicalLocation($0))] } ?? [],
                    relatedLocations: d.related.map {
                        [
                            RelatedLocation(
                                id: 1, physicalLocation: Self.physicalLocation($0),
                                message: Message(text: "the rule, in \($0.path)"))
                        ]
                    })
            })
        let log = Log(schema: Self.schemaURI, version: Self.sarifVersion, runs: [run])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(log) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// SARIF's `level` for a severity.
    static func level(_ severity: Diagnostic.Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        }
    }

    /// The message, and the hint as a second sentence where there is one.
    static func text(_ d: Diagnostic) -> String {
        d.hint.map { "\(d.message). Hint: \($0)" } ?? d.message
    }

    static func physicalLocation(_ location: SourceLocation) -> PhysicalLocation {
        PhysicalLocation(
            artifactLocation: artifactLocation(location.path),
            region: Region(startLine: max(1, location.line), startColumn: max(1, location.column)))
    }

    /// A relative path stays relative to the checkout (`%SRCROOT%`), as code scanning expects; an absolute
    /// path becomes a `file://` URI. Either is percent-encoded.
    static func artifactLocation(_ path: String) -> ArtifactLocation {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ";?#[]@!$&'()*+,=:")
        if path.hasPrefix("/") {
            let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
            return ArtifactLocation(uri: "file://" + encoded, uriBaseId: nil)
        }
        var relative = path
        while relative.hasPrefix("./") { relative.removeFirst(2) }
        return ArtifactLocation(
            uri: relative.addingPercentEncoding(withAllowedCharacters: allowed) ?? relative, uriBaseId: "%SRCROOT%")
    }

    // MARK: - The SARIF object model, as much of it as fleetform fills

    struct Log: Encodable {
        var schema: String
        var version: String
        var runs: [Run]
        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var invocations: [Invocation]
        var results: [Result]
        var columnKind = "unicodeCodePoints"
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name: String
        var semanticVersion: String
        var informationUri: String
        var rules: [Rule]
    }

    struct Rule: Encodable {
        var id: String
        var shortDescription: Message
        var defaultConfiguration: Configuration
    }

    struct Configuration: Encodable { var level: String }

    struct Message: Encodable { var text: String }

    struct Invocation: Encodable {
        var executionSuccessful: Bool
        var toolExecutionNotifications: [Notification]
    }

    struct Notification: Encodable {
        var level: String
        var message: Message
        var descriptor: Reference
    }

    struct Reference: Encodable { var id: String }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int?
        var level: String
        var message: Message
        var locations: [Location]
        /// For a broken rule of `fleetform.yaml`: where the rule is written.
        var relatedLocations: [RelatedLocation]?
    }

    struct RelatedLocation: Encodable {
        var id: Int
        var physicalLocation: PhysicalLocation
        var message: Message
    }

    struct Location: Encodable { var physicalLocation: PhysicalLocation }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }

    struct ArtifactLocation: Encodable {
        var uri: String
        var uriBaseId: String?
    }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
    }
}
