import FleetSpec
import Foundation

/// The formats a plan is printed in: text for a terminal or a log, JSON for tools (docs/plan-json.md),
/// Markdown for a pull-request comment.
public enum PlanFormat: String, CaseIterable, Sendable {
    case text, json, markdown

    /// `names`: what the caller calls its options, for lines that say how to use the plan (`apply --plan …`).
    public func render(_ plan: PlanDocument, style: TextStyle = .plain, names: RunOptionNames = .swiftAPI) throws
        -> String
    {
        switch self {
        case .text: PlanTextRenderer(style: style, names: names).render(plan)
        case .markdown: PlanMarkdownRenderer(names: names).render(plan)
        case .json: String(decoding: try ReportJSON.encoder().encode(plan), as: UTF8.self)
        }
    }
}
