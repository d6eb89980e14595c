/// What a progress display writes as the items of a long run finish (`Reading fleets 120/1000`): on a
/// terminal, one line redrawn in place with `\r`; elsewhere, a plain line at every tenth of the way for runs
/// long enough to need one, so CI logs show progress without a line per fleet. Pure: returns the text to write.
public struct ProgressText: Sendable {
    /// Runs with fewer items than this finish too fast to need plain progress lines.
    public static let plainLineThreshold = 50
    /// Carriage return and "erase to end of line": the cursor back to the start of a clean line.
    static let clearLine = "\r\u{1B}[K"

    public let label: String
    public let total: Int
    /// Whether the output is a terminal that understands `\r` and erase-line.
    public let interactive: Bool
    public private(set) var done = 0
    private var lastPlainStep = 0
    private var drawn = false

    public init(label: String, total: Int, interactive: Bool) {
        self.label = label
        self.total = total
        self.interactive = interactive
    }

    /// One more item is done; the text to write, if any.
    public mutating func advance() -> String? {
        done = min(done + 1, total)
        if interactive {
            drawn = true
            return Self.clearLine + "\(label) \(done)/\(total)"
        }
        guard total >= Self.plainLineThreshold else { return nil }
        let step = done * 10 / total
        guard step > lastPlainStep else { return nil }
        lastPlainStep = step
        return "\(label) \(done)/\(total)\n"
    }

    /// Removes the progress line (before other output, or at the end); `nil` when none is shown.
    public mutating func clear() -> String? {
        guard drawn else { return nil }
        drawn = false
        return Self.clearLine
    }

    /// Draws the progress line again after other output; `nil` when nothing was shown yet.
    public mutating func redraw() -> String? {
        guard interactive, done > 0 else { return nil }
        drawn = true
        return Self.clearLine + "\(label) \(done)/\(total)"
    }
}
