import FleetSpec
import Foundation
import GameLiftAPI

/// Renders a watch report: per failing fleet, each failure event with message, count and log URL.
public struct WatchTextRenderer: Sendable {
    public var style: TextStyle

    public init(style: TextStyle = .plain) { self.style = style }

    /// The failures the fleet already had before its update, by code, with the baseline's counts: reported so
    /// nobody mistakes them for the new configuration's, and never counted.
    func alreadyFailing(_ fleet: FleetWatch) -> String {
        guard !fleet.alreadyFailing.isEmpty else { return "" }
        var byCode: [String: Int] = [:]
        for event in fleet.alreadyFailing {
            byCode[event.code] = SaturatingSum.add(byCode[event.code] ?? 0, event.occurrences)
        }
        let window = DurationText.words(fleet.baseline?.seconds ?? 0)
        return byCode.keys.sorted().map { code in
            let before = fleet.baseline?.failures[code] ?? 0
            return "    " + style.yellow("already failing before the update")
                + ": \(code) ×\(byCode[code] ?? 0) since the "
                + "update, ×\(before) in the \(window) before it; not counted\n"
        }.joined()
    }

    /// `server processes at the end: 40 active of the 120 the new configuration runs on 10 instances …`.
    func processes(_ fleet: FleetWatch) -> String {
        guard let count = fleet.processes else { return "" }
        var line = "    server processes at the end: \(count.active) active"
        if let expected = count.expected, let instances = count.instances {
            line +=
                " of the \(expected) the new configuration runs on \(instances) instance\(instances == 1 ? "" : "s")"
        }
        return line + " (GameLift does not say which configuration each runs)\n"
    }

    public func render(_ report: WatchReport) -> String {
        var out = ""
        for fleet in report.fleets {
            let name = "\(FleetNames.short(fleet.fleetId)) (\(fleet.region))"
            let since = EventTimeText.format(fleet.since)
            if fleet.hasFailures {
                let failures = fleet.failures
                out +=
                    style.red("failing") + "  \(name): \(failures.count) failure event"
                    + "\(failures.count == 1 ? "" : "s") since the update at \(since)\n"
                for event in failures { out += EventTextRenderer(style: style).block(event, indent: "    ") }
            } else if !fleet.verified {
                let reason = fleet.readError?.description ?? "no poll succeeded"
                out += style.yellow("unverified") + "  \(name): its events could not be read: \(reason)\n"
            } else {
                let other = fleet.events.count - fleet.alreadyFailing.count
                out +=
                    style.green("healthy") + "  \(name): no new failure events since \(since)"
                    + (other > 0 ? " (\(other) other event\(other == 1 ? "" : "s"))" : "") + "\n"
            }
            out += alreadyFailing(fleet)
            out += processes(fleet)
        }
        out +=
            style.bold(
                report.line + " Watched \(DurationText.words(report.watchedSeconds)) in \(report.polls) poll"
                    + "\(report.polls == 1 ? "" : "s").") + "\n"
        return out
    }
}
