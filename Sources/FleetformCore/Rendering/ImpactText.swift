import FleetSpec
import Foundation
import GameLiftAPI

/// A changed fleet's impact in words, shared by the text and Markdown plans.
public enum ImpactText {
    /// `impact: 4 → 8 processes per instance; 40 → 80 game-session slots (10 × c5.large); per process 0.5 → 0.25
    /// vCPU, 1 GiB → 512 MiB`, with any notes after.
    public static func line(_ impact: FleetImpact) -> String {
        var parts = ["\(impact.processesPerInstance.text) processes per \(impact.unit)"]
        if let slots = impact.slots {
            parts.append("\(slots.text) game-session slots (\(placement(impact)))")
        }
        if let share = impact.perProcess {
            parts.append("per process \(vCPUs(share)), \(memory(share))")
        }
        parts += impact.notes
        return "impact: " + parts.joined(separator: "; ")
    }

    /// `activation: up to 2 → 4 game sessions activating at once per instance …`.
    public static func activationLine(_ impact: FleetImpact) -> String {
        "activation: " + impact.activation.summary
    }

    /// `10 × c5.large`, `3 computes`, or per location `us-west-2: 10 instances, 40 → 80; eu-west-1: …`.
    static func placement(_ impact: FleetImpact) -> String {
        if impact.locations.count == 1, let only = impact.locations.first {
            if let type = impact.instanceType { return "\(only.instances) × \(type)" }
            return count(only.instances, impact.unit)
        }
        return impact.locations.map { "\($0.location): \(count($0.instances, impact.unit)), \($0.slots.text)" }
            .joined(separator: "; ")
    }

    static func count(_ n: Int, _ unit: String) -> String { "\(n) \(unit)\(n == 1 ? "" : "s")" }

    /// `0.5 → 0.25 vCPU`.
    static func vCPUs(_ share: ProcessShareChange) -> String {
        pair(share.before.map { number($0.vCPUs) }, share.after.map { number($0.vCPUs) }) + " vCPU"
    }

    /// `1 GiB → 512 MiB`.
    static func memory(_ share: ProcessShareChange) -> String {
        pair(
            share.before.map { MemorySize.text(mebibytes: $0.memoryMiB) },
            share.after.map { MemorySize.text(mebibytes: $0.memoryMiB) })
    }

    /// `a → b`, or `b` when they are the same; a missing side reads `none` (no process runs then).
    static func pair(_ before: String?, _ after: String?) -> String {
        before == after ? (after ?? "none") : "\(before ?? "none") → \(after ?? "none")"
    }

    /// `2`, `0.5`, `0.667`: whole numbers without a decimal point.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// `warning: [FF501] message`; a broken rule adds where the rule is written (`rule: fleetform.yaml:15:28`).
    public static func warningLine(_ warning: Diagnostic) -> String {
        "\(warning.severity.rawValue): [\(warning.code)] \(warning.message)"
            + (warning.related.map { "; rule: \($0)" } ?? "")
    }
}
