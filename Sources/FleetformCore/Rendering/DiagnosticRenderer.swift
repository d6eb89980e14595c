import FleetSpec
import Foundation

/// How `validate` (and any command that stops on invalid files) prints diagnostics.
public enum DiagnosticFormat: String, CaseIterable, Sendable {
    /// `path:line:column: error: [CODE] message`, a hint line, a summary line.
    case text
    /// A versioned JSON object for tools: `{"version":1,"diagnostics":[…],"summary":{…}}`.
    case json
    /// GitHub Actions workflow commands, which annotate the pull request's files.
    case github
    /// A SARIF 2.1.0 log for code-scanning views (see `SARIFRenderer`).
    case sarif
}

/// Renders diagnostics as text, JSON or GitHub annotations. Pure: returns the output, prints nothing.
public struct DiagnosticRenderer: Sendable {
    /// Version of the JSON format; raised only when a field changes meaning or disappears.
    public static let jsonVersion = 1

    public var format: DiagnosticFormat
    public var style: TextStyle
    /// What the caller calls its options, for SARIF rule titles that name one.
    public var names: RunOptionNames

    public init(format: DiagnosticFormat, style: TextStyle = .plain, names: RunOptionNames = .swiftAPI) {
        self.format = format
        self.style = style
        self.names = names
    }

    /// The whole output for `diagnostics` found in `fileCount` files, ending with a newline.
    public func render(_ diagnostics: [Diagnostic], fileCount: Int) -> String {
        switch format {
        case .text: text(diagnostics, fileCount: fileCount)
        case .json: json(diagnostics, fileCount: fileCount)
        case .github: github(diagnostics, fileCount: fileCount)
        case .sarif: SARIFRenderer(names: names).render(diagnostics)
        }
    }

    // MARK: - Text

    private func text(_ diagnostics: [Diagnostic], fileCount: Int) -> String {
        var out = ""
        for d in diagnostics {
            let place = d.location.map { style.bold("\($0):") + " " } ?? ""
            let severity = d.severity == .error ? style.red("error:") : style.yellow("warning:")
            out += "\(place)\(severity) [\(d.code)] \(d.message)\n"
            if let related = d.related { out += "    " + style.cyan(Self.relatedLabel(d)) + " \(related)\n" }
            if let hint = d.hint { out += "    " + style.cyan("hint:") + " \(hint)\n" }
        }
        let line = Self.summary(diagnostics, fileCount: fileCount)
        out += (diagnostics.hasErrors ? style.red(line) : style.green(line)) + "\n"
        return out
    }

    // MARK: - JSON

    private struct JSONDiagnostic: Encodable {
        var severity: String
        var code: String
        var message: String
        var hint: String?
        var file: String?
        var line: Int?
        var column: Int?
        /// Where a broken rule is written (`path:line:column`).
        var related: String?
    }

    private struct JSONSummary: Encodable {
        var errors: Int
        var warnings: Int
        var files: Int
    }

    private struct JSONReport: Encodable {
        var version: Int
        var diagnostics: [JSONDiagnostic]
        var summary: JSONSummary
    }

    private func json(_ diagnostics: [Diagnostic], fileCount: Int) -> String {
        let report = JSONReport(
            version: Self.jsonVersion,
            diagnostics: diagnostics.map {
                JSONDiagnostic(
                    severity: $0.severity.rawValue, code: $0.code.rawValue, message: $0.message, hint: $0.hint,
                    file: $0.location?.path, line: $0.location?.line, column: $0.location?.column,
                    related: $0.related?.description)
            },
            summary: JSONSummary(errors: diagnostics.errorCount, warnings: diagnostics.warningCount, files: fileCount))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(report) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    // MARK: - GitHub

    private func github(_ diagnostics: [Diagnostic], fileCount: Int) -> String {
        var out = ""
        for d in diagnostics {
            var properties: [String] = []
            if let location = d.location {
                properties += [
                    "file=\(Self.escapeProperty(location.path))", "line=\(location.line)", "col=\(location.column)",
                ]
            }
            properties.append("title=\(Self.escapeProperty(d.code.rawValue))")
            var message = d.hint.map { "\(d.message)\nhint: \($0)" } ?? d.message
            if let related = d.related { message += "\n\(Self.relatedLabel(d)) \(related)" }
            out += "::\(d.severity.rawValue) \(properties.joined(separator: ","))::\(Self.escapeData(message))\n"
        }
        out += Self.summary(diagnostics, fileCount: fileCount) + "\n"
        return out
    }

    /// Workflow-command escaping for the message part.
    static func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Workflow-command escaping for `key=value` properties, which also may not contain `:` or `,`.
    static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    /// `rule:` before where a broken rule is written; `see:` before any other second place.
    static func relatedLabel(_ d: Diagnostic) -> String {
        RuleName.allCases.contains { $0.code == d.code } ? "rule:" : "see:"
    }

    // MARK: - Summary

    /// `N errors, M warnings in K files`
    public static func summary(_ diagnostics: [Diagnostic], fileCount: Int) -> String {
        let errors = diagnostics.errorCount
        let warnings = diagnostics.warningCount
        return "\(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings") "
            + "in \(fileCount) \(fileCount == 1 ? "file" : "files")"
    }
}
