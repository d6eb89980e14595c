import ArgumentParser
import FleetSpec
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

    /// Writes `text` to standard output exactly as given.
    func write(_ text: String) { Self.write(.output, text) }
    func out(_ text: String) { Self.write(.output, text.hasSuffix("\n") ? text : text + "\n") }
    func err(_ text: String) { Self.write(.error, text.hasSuffix("\n") ? text : text + "\n") }

    private static func write(_ stream: WorkflowEventRenderer.Stream, _ text: String) {
        (stream == .output ? FileHandle.standardOutput : FileHandle.standardError).write(Data(text.utf8))
    }

    /// Shows a workflow's events here; `quiet` leaves standard output to the final report.
    func observer(quiet: Bool = false) -> TextObserver {
        TextObserver(
            renderer: WorkflowEventRenderer(style: style, errorStyle: errorStyle, names: Words.names), quiet: quiet,
            interactiveProgress: stderrIsTerminal, write: { Self.write($0, $1) })
    }

    /// Prints `error: …` and exits 1 when `body` throws.
    func require<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw fail(Words.sentence(for: error))
        }
    }

    /// Parses the values of a selector flag (`--target`, `--wave`), each once; prints `error: …` naming the
    /// flag and exits 1 on the first that cannot be used.
    func selectors<Selector>(
        _ texts: [String], flag: String, _ parse: (String) throws(SelectorError) -> Selector
    ) throws -> [Selector] {
        do {
            return try texts.map { text throws(SelectorError) in try parse(text) }
        } catch {
            throw fail(Words.sentence(for: error, flag: flag))
        }
    }

    /// Prints `error: message` and returns the exit of a failed command.
    func fail(_ message: String) -> ExitCode {
        err(errorStyle.red("error: ") + message)
        return ExitCode(ExitStatus.error.rawValue)
    }

    /// How a change is approved: `--auto-approve`, else a person at the terminal, else nobody (refused).
    func approval(autoApprove: Bool) -> Approval {
        if autoApprove { return .automatic }
        guard stdinIsTerminal else { return .unavailable }
        return .ask { question in
            FileHandle.standardError.write(Data("\(question) Only 'yes' will be accepted: ".utf8))
            return readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces) == "yes"
        }
    }
}
