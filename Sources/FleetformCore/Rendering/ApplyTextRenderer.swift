import Foundation

/// Renders apply outcomes: one line per fleet as it finishes, and the summary. A rollback is applied like an
/// apply and rendered by the same renderer, its lines marked `rollback` and its summary titled `Rollback:`.
public struct ApplyTextRenderer: Sendable {
    public var style: TextStyle
    public var cause: ApplyCause

    public init(style: TextStyle = .plain, cause: ApplyCause = .apply) {
        self.style = style
        self.cause = cause
    }

    /// The line for one fleet; unchanged fleets print nothing.
    public func line(_ outcome: FleetOutcome) -> String? {
        fleetLine(outcome).map { cause == .rollback ? "rollback " + $0 : $0 }
    }

    private func fleetLine(_ outcome: FleetOutcome) -> String? {
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

    public func summary(_ report: ApplyReport) -> String { style.bold(report.summary.line(cause)) }
}
