import Foundation
import GameLiftAPI

/// Renders events for people: one block per event, oldest first.
///
/// ```
/// 2026-11-24T09:00:02Z  SERVER_PROCESS_INVALID_PATH  ×8
///     Server process launch path /local/game/bin/Missing was not found in build-1…
///     meaning: The launch path of a server process does not exist on the instance.
///     log: https://…
/// ```
public struct EventTextRenderer: Sendable {
    public var style: TextStyle

    public init(style: TextStyle = .plain) { self.style = style }

    /// Every event, then a count line.
    public func render(_ events: [FleetEvent], fleet: String) -> String {
        guard !events.isEmpty else { return "No events for \(fleet) in the chosen window.\n" }
        var out = ""
        for event in events { out += block(EventRecord(event)) }
        let failures = events.filter { $0.eventCode.indicatesRuntimeConfigurationFailure }.count
        out += style.bold("\(events.count) event\(events.count == 1 ? "" : "s"), \(failures) showing a failure.") + "\n"
        return out
    }

    /// The lines for one event: time, code and count; message; the code's meaning; log URL.
    public func block(_ event: EventRecord, indent: String = "") -> String {
        let shownCode = event.indicatesFailure ? style.red(event.code) : style.cyan(event.code)
        var head = indent + EventTimeText.format(event.time) + "  " + shownCode
        if let count = event.count { head += "  ×\(count)" }
        var lines = [head]
        let inner = indent + "    "
        if let message = event.message, !message.isEmpty { lines.append(inner + message) }
        if let meaning = event.meaning {
            lines.append(inner + style.dim("meaning: \(meaning)"))
        } else {
            lines.append(
                inner
                    + style.dim("meaning: unknown to fleetform \(FleetformVersion.current); shown as GameLift sent it"))
        }
        if let url = event.logUrl { lines.append(inner + "log: \(url)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
