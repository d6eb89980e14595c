import FleetformCore
import Foundation

/// A progress display on standard error for long plans, applies and imports (see `ProgressText`): redrawn in
/// place on a terminal, a few plain lines otherwise. Safe to advance from concurrent tasks.
final class Progress: @unchecked Sendable {
    // Advanced from concurrent tasks; the lock orders the state and the writes.
    private let lock = NSLock()
    private var text: ProgressText
    private let write: @Sendable (String) -> Void

    init(
        _ label: String, total: Int, interactive: Bool,
        write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.text = ProgressText(label: label, total: total, interactive: interactive)
        self.write = write
    }

    /// A progress display for `console`'s standard error.
    convenience init(_ label: String, total: Int, console: Console) {
        self.init(label, total: total, interactive: console.stderrIsTerminal)
    }

    /// One more item is done.
    func advance() {
        lock.withLock { text.advance().map(write) }
    }

    /// Prints `line` through `print` without tearing the progress line: clears it, prints, redraws.
    func printAbove(_ line: String, using print: (String) -> Void) {
        lock.withLock {
            let cleared = text.clear()
            cleared.map(write)
            print(line)
            if cleared != nil { text.redraw().map(write) }
        }
    }

    /// Removes the progress line, so that what follows starts on a clean line.
    func finish() {
        lock.withLock { text.clear().map(write) }
    }
}
