import FleetformCore
import Foundation

/// Where commands write: results to standard output, diagnostics and progress to standard error.
/// Decides colour once from the terminal, `NO_COLOR` and `--no-color`.
struct Console: Sendable {
    let style: TextStyle
    let errorStyle: TextStyle
    let stdinIsTerminal: Bool
    let stderrIsTerminal: Bool

    init(noColor: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) {
        style = TextStyle(
            colored: TextStyle.shouldColor(isTerminal: isatty(1) == 1, noColorFlag: noColor, environment: environment))
        errorStyle = TextStyle(
            colored: TextStyle.shouldColor(isTerminal: isatty(2) == 1, noColorFlag: noColor, environment: environment))
        stdinIsTerminal = isatty(0) == 1
        stderrIsTerminal = isatty(2) == 1
    }

    func out(_ text: String) { write(text, to: FileHandle.standardOutput) }
    func err(_ text: String) { write(text, to: FileHandle.standardError) }

    private func write(_ text: String, to handle: FileHandle) {
        let line = text.hasSuffix("\n") ? text : text + "\n"
        handle.write(Data(line.utf8))
    }

    /// Asks a yes/no question on the terminal; only `yes` counts.
    func confirm(_ question: String) -> Bool {
        FileHandle.standardError.write(Data("\(question) Only 'yes' will be accepted: ".utf8))
        return readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces) == "yes"
    }
}
