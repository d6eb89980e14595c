import Foundation

/// Shows a workflow's events as text, the way the command line does: each event rendered by
/// `WorkflowEventRenderer`, progress on a `ProgressDisplay` on the error stream. With `quiet`
/// (`--format json`), the output stream is left to the final report: only problems are shown, and a plan
/// goes to the error stream.
public final class TextObserver: WorkflowObserver, @unchecked Sendable {
    public typealias Stream = WorkflowEventRenderer.Stream

    // Events come from concurrent tasks; the lock guards the progress display.
    private let lock = NSLock()
    private let renderer: WorkflowEventRenderer
    private let quiet: Bool
    private let interactiveProgress: Bool
    private let write: @Sendable (Stream, String) -> Void
    private var progress: ProgressDisplay?

    /// - Parameters:
    ///   - interactiveProgress: whether the error stream is a terminal (progress redrawn in place).
    ///   - write: writes text as given to a stream (lines come with their newline).
    public init(
        renderer: WorkflowEventRenderer, quiet: Bool = false, interactiveProgress: Bool = false,
        write: @escaping @Sendable (Stream, String) -> Void
    ) {
        self.renderer = renderer
        self.quiet = quiet
        self.interactiveProgress = interactiveProgress
        self.write = write
    }

    public func notice(_ event: WorkflowEvent) {
        switch event {
        case let .progressStarted(label, total):
            let write = self.write
            let display = ProgressDisplay(label, total: total, interactive: interactiveProgress) { write(.error, $0) }
            lock.withLock { progress = display }
        case .progressAdvanced:
            lock.withLock { progress }?.advance()
        case .progressFinished:
            lock.withLock {
                defer { progress = nil }
                return progress
            }?.finish()
        case .planReady where quiet, .callersRead where quiet, .fleetPlanned where quiet, .planSummary where quiet:
            let onErrorStream = WorkflowEventRenderer(
                style: renderer.errorStyle, errorStyle: renderer.errorStyle, names: renderer.names)
            for text in onErrorStream.render(event) { show(.error, text.text) }
        case .diagnostics, .failed, .warning, .approvalDeclined:
            for text in renderer.render(event) { show(text.stream, text.text) }
        default:
            guard !quiet else { return }
            for text in renderer.render(event) { show(text.stream, text.text) }
        }
    }

    /// Writes a line above the progress line, if one is shown, so that it is not torn.
    private func show(_ stream: Stream, _ text: String) {
        let line = text.hasSuffix("\n") ? text : text + "\n"
        if let progress = lock.withLock({ progress }) {
            progress.printAbove(line) { write(stream, $0) }
        } else {
            write(stream, line)
        }
    }
}
