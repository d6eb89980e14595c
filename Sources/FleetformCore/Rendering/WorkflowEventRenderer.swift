import FleetSpec
import Foundation

/// Renders workflow events as the command line shows them: results on standard output, diagnostics,
/// problems and running commentary on standard error. Progress events are not text (a progress display
/// draws them) and render as nothing.
public struct WorkflowEventRenderer: Sendable {
    /// Where a piece of text goes.
    public enum Stream: Sendable, Hashable { case output, error }

    /// Text for one stream.
    public struct Text: Sendable, Hashable {
        public var stream: Stream
        public var text: String
    }

    /// The style of standard output.
    public var style: TextStyle
    /// The style of standard error (coloured independently: one may be a terminal and the other not).
    public var errorStyle: TextStyle
    /// What the caller calls its options, for lines that name one.
    public var names: RunOptionNames

    public init(style: TextStyle = .plain, errorStyle: TextStyle = .plain, names: RunOptionNames = .swiftAPI) {
        self.style = style
        self.errorStyle = errorStyle
        self.names = names
    }

    public func render(_ event: WorkflowEvent) -> [Text] {
        switch event {
        case .progressStarted, .progressAdvanced, .progressFinished:
            return []
        case let .diagnostics(diagnostics, fileCount):
            return single(
                .error,
                DiagnosticRenderer(format: .text, style: errorStyle, names: names).render(
                    diagnostics, fileCount: fileCount))
        case let .planReady(plan):
            return single(.output, PlanTextRenderer(style: style, names: names).render(plan))
        case let .fleetPlanned(fleet):
            return PlanTextRenderer(style: style).block(fleet).map { [Text(stream: .output, text: $0)] } ?? []
        case let .callersRead(callers, includeRun):
            return single(.output, CallerText.lines(callers, includeRun: includeRun).joined(separator: "\n"))
        case let .planSummary(summary):
            return single(.output, PlanTextRenderer(style: style).summary(summary))
        case let .planSaved(path):
            return single(.error, "Saved the plan to \(path).")
        case let .approvalDeclined(cause):
            return single(.error, "\(cause.title) cancelled; nothing was changed.")
        case let .fleetFinished(outcome, cause):
            return ApplyTextRenderer(style: style, cause: cause).line(outcome).map { [Text(stream: .output, text: $0)] }
                ?? []
        case let .applyFinished(report, cause):
            return single(.output, ApplyTextRenderer(style: style, cause: cause).summary(report))
        case let .watchStarted(fleets, seconds):
            return single(.error, "Watching \(Self.count(fleets, "updated fleet")) for \(DurationText.words(seconds))…")
        case .nothingToWatch:
            return single(.error, "Nothing to watch: no fleet was updated.")
        case let .failureEvent(target, event):
            return single(
                .error, errorStyle.red("failure event") + "  \(FleetNames.short(target.fleetId)): \(event.eventCode)")
        case let .watchFinished(report):
            return single(.output, WatchTextRenderer(style: style).render(report))
        case let .rollbackStarted(fleets):
            return single(.error, "Rolling back \(Self.count(fleets, "failing fleet")) (\(names[.rollbackOnFailure]))…")
        case let .rollbackPlanned(rollback):
            return single(.output, RollbackTextRenderer(style: style).render(rollback))
        case let .failureEventsSeen(rolledBack):
            return single(
                .error,
                "Failure events were seen after the update (exit 4)"
                    + (rolledBack.map { "; \(Self.count($0, "fleet")) rolled back." } ?? "."))
        case let .fleetImported(result, path):
            if let skipped = result.skipped {
                return [Text(stream: .error, text: errorStyle.yellow("note: ") + "\(result.key): skipped, \(skipped)")]
            }
            if let failure = result.failure {
                return [Text(stream: .error, text: errorStyle.red("error: ") + "\(result.key): \(failure)")]
            }
            let warnings = result.warnings.map {
                Text(stream: .error, text: errorStyle.yellow("warning: ") + "\(result.key): [\($0.code)] \($0.message)")
            }
            return warnings + [Text(stream: .output, text: "Wrote \(path) for \(result.key).")]
        case let .importFinished(written, failed, skipped):
            let summary = "Import: \(written) written, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped." : ".")
            // Adopted fleets were created by another tool: say how to keep it from fighting fleetform.
            return [Text(stream: .output, text: summary)]
                + (written > 0 ? [Text(stream: .output, text: CoexistenceHint.text)] : [])
        case let .rolloutPlanned(waves, bake):
            return single(.output, RolloutTextRenderer(style: style, names: names).plan(waves, bakeSeconds: bake))
        case let .waveStarted(index, total, wave):
            return single(
                .error,
                "Wave \(index) of \(total) (\(wave.selector)): applying \(Self.count(wave.fleets.count, "fleet")), then "
                    + "baking…")
        case let .waveFinished(index, result, _):
            return single(.output, RolloutTextRenderer(style: style, names: names).waveLine(index, result))
        case let .rolloutFinished(results):
            return single(.output, RolloutTextRenderer(style: style, names: names).summary(results))
        case let .warning(message):
            return single(.error, errorStyle.yellow("warning: ") + message)
        case let .failed(message):
            return single(.error, errorStyle.red("error: ") + message)
        }
    }

    private func single(_ stream: Stream, _ text: String) -> [Text] { [Text(stream: stream, text: text)] }

    /// `1 fleet`, `3 fleets`.
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
