import Foundation

/// Counts finished items of a long run on standard error: `Reading fleets 120/1000`, redrawn in place with
/// `\r` when standard error is a terminal; without a terminal, a plain line at every tenth of the way for
/// runs long enough to need one, so CI logs show progress without a line per fleet.
final class Progress: @unchecked Sendable {
    // Advanced from concurrent tasks; the lock orders the counter and the writes.
    private let lock = NSLock()
    private let label: String
    private let total: Int
    private let interactive: Bool
    private let write: @Sendable (String) -> Void
    private var done = 0
    private var lastPlainStep = 0
    private var drawn = false

    /// Runs with fewer items than this finish too fast to need plain progress lines.
    static let plainLineThreshold = 50

    init(
        _ label: String, total: Int, interactive: Bool,
        write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.label = label
        self.total = total
        self.interactive = interactive
        self.write = write
    }

    /// A progress display for `console`'s standard error.
    convenience init(_ label: String, total: Int, console: Console) {
        self.init(label, total: total, interactive: console.stderrIsTerminal)
    }

    /// One more item is done.
    func advance() {
        lock.withLock {
            done = min(done + 1, total)
            if interactive {
                draw()
            } else if total >= Self.plainLineThreshold {
                let step = done * 10 / total
                if step > lastPlainStep {
                    lastPlainStep = step
                    write("\(label) \(done)/\(total)\n")
                }
            }
        }
    }

    /// Prints `line` through `print` without tearing the progress line: clears it, prints, redraws.
    func printAbove(_ line: String, using print: (String) -> Void) {
        lock.withLock {
            if drawn { write("\r\u{1B}[K") }
            print(line)
            if drawn { draw() }
        }
    }

    /// Removes the progress line, so that what follows starts on a clean line.
    func finish() {
        lock.withLock {
            if drawn { write("\r\u{1B}[K") }
            drawn = false
        }
    }

    private func draw() {
        write("\r\u{1B}[K\(label) \(done)/\(total)")
        drawn = true
    }
}
