import Foundation

/// Renders a watch report: per failing fleet, each failure event with message, count and log URL.
public struct WatchTextRenderer: Sendable {
    public var style: TextStyle

    public init(style: TextStyle = .plain) { self.style = style }

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
                let other = fleet.events.count
                out +=
                    style.green("healthy") + "  \(name): no failure events since \(since)"
                    + (other > 0 ? " (\(other) other event\(other == 1 ? "" : "s"))" : "") + "\n"
            }
        }
        out +=
            style.bold(
                report.line + " Watched \(DurationText.words(report.watchedSeconds)) in \(report.polls) poll"
                    + "\(report.polls == 1 ? "" : "s").") + "\n"
        return out
    }
}
