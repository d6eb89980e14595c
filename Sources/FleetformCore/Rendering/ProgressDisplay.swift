import Foundation

/// A progress display for long plans, applies and imports (see `ProgressText`): redrawn in place on a
/// terminal, a few plain lines otherwise. Safe to advance from concurrent tasks.
public final class ProgressDisplay: @unchecked Sendable {
    // Advanced from concurrent tasks; the lock orders the state and the writes.
    private let lock = NSLock()
    private var text: ProgressText
    private let write: @Sendable (String) -> Void

    /// - Parameter write: writes text as given (no newline added), usually to standard error.
    public init(_ label: String, total: Int, interactive: Bool, write: @escaping @Sendable (String) -> Void) {
        self.text = ProgressText(label: label, total: total, interactive: interactive)
        self.write = write
    }

    /// One more item is done.
    public func advance() {
        lock.withLock { text.advance().map(write) }
    }

    /// Prints `line` through `print` without tearing the progress line: clears it, prints, redraws.
    public func printAbove(_ line: String, using print: (String) -> Void) {
        lock.withLock {
            let cleared = text.clear()
            cleared.map(write)
            print(line)
            if cleared != nil { text.redraw().map(write) }
        }
    }

    /// Removes the progress line, so that what follows starts on a clean line.
    public func finish() {
        lock.withLock { text.clear().map(write) }
    }
}
