import Foundation

/// The formats a plan is printed in: text for a terminal or a log, JSON for tools (docs/plan-json.md),
/// Markdown for a pull-request comment.
public enum PlanFormat: String, CaseIterable, Sendable {
    case text, json, markdown

    public func render(_ plan: PlanDocument, style: TextStyle = .plain) throws -> String {
        switch self {
        case .text: PlanTextRenderer(style: style).render(plan)
        case .markdown: PlanMarkdownRenderer().render(plan)
        case .json: String(decoding: try ReportJSON.encoder().encode(plan), as: UTF8.self)
        }
    }
}
