import FleetSpec
import Foundation

/// Renders a rollout's waves: the plan of waves before it starts, a line per wave as it ends, and a summary.
public struct RolloutTextRenderer: Sendable {
    public var style: TextStyle
    /// What the caller calls its options, for the line that says how to roll out a saved plan.
    public var names: RunOptionNames

    public init(style: TextStyle = .plain, names: RunOptionNames = .swiftAPI) {
        self.style = style
        self.names = names
    }

    /// `Rollout: 3 waves, each baked 10m:` and a line per wave with its fleets.
    public func plan(_ waves: [PlanWave], bakeSeconds: Double) -> String {
        style.bold(
            "Rollout: \(waves.count) wave\(waves.count == 1 ? "" : "s"), each baked \(DurationText.words(bakeSeconds)):"
        )
            + "\n" + lines(waves)
    }

    /// `Waves: 3, applied in this order by …:` and a line per wave (a plan with waves).
    public func waves(_ waves: [PlanWave]) -> String {
        "Waves: \(waves.count), applied in this order by \(names[.rollOutSavedPlan]):\n" + lines(waves)
    }

    private func lines(_ waves: [PlanWave]) -> String {
        var out = ""
        for (index, wave) in waves.enumerated() {
            let fleets = wave.fleets.map { "\(FleetNames.short($0.fleetId)) (\($0.region))" }
            let shown =
                fleets.prefix(5).joined(separator: ", ") + (fleets.count > 5 ? ", … \(fleets.count - 5) more" : "")
            out += "    wave \(index + 1) (\(wave.selector)): \(shown)\n"
        }
        return out
    }

    /// `wave 2: failed — the rollout halts`.
    public func waveLine(_ index: Int, _ result: RolloutWorkflow.WaveResult) -> String {
        switch result {
        case .healthy: style.green("wave \(index): healthy") + " after its bake"
        case .held: style.yellow("wave \(index): held") + " (some fleets' status did not allow the update)"
        case .failed: style.red("wave \(index): failed") + " — the rollout halts; later waves are not started"
        case .notStarted: "wave \(index): not started"
        }
    }

    /// `Rollout: 1 healthy, 1 failed, 1 not started.` and a line for each wave not started.
    public func summary(_ results: [RolloutWorkflow.WaveResult]) -> String {
        var out = ""
        for (index, result) in results.enumerated() where result == .notStarted {
            out += waveLine(index + 1, result) + "\n"
        }
        let counts = RolloutWorkflow.WaveResult.allCases.compactMap { result -> String? in
            let n = results.count { $0 == result }
            guard n > 0 else { return nil }
            return "\(n) \(result == .notStarted ? "not started" : result.rawValue)"
        }
        return out + style.bold("Rollout: " + counts.joined(separator: ", ") + ".") + "\n"
    }
}
