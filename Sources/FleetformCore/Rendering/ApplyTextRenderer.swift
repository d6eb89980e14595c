import Foundation

/// Renders apply outcomes: one line per fleet as it finishes, and the summary.
public struct ApplyTextRenderer: Sendable {
    public var style: TextStyle

    public init(style: TextStyle = .plain) { self.style = style }

    /// The line for one fleet; unchanged fleets print nothing.
    public func line(_ outcome: FleetOutcome) -> String? {
        let name = "\(FleetNames.short(outcome.fleetId)) (\(outcome.region))"
        switch outcome.result {
        case .unchanged:
            return nil
        case .updated:
            return style.green("updated") + "  \(name)"
        case .held:
            return style.yellow("held") + "     \(name): \(outcome.detail ?? "held")"
        case .failed:
            var text = outcome.detail ?? "failed"
            if let error = outcome.error { text += " (\(error))" }
            return style.red("failed") + "   \(name): \(text)"
        }
    }

    public func summary(_ report: ApplyReport) -> String { style.bold(report.summary.line) }
}

/// The JSON encoder for plans and reports: pretty, sorted keys, ISO 8601 dates, stable across runs.
public enum ReportJSON {
    public static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return e
    }

    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }
}
