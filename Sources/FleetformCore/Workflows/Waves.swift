import FleetSpec
import Foundation
import GameLiftAPI

/// One `--wave` value: fleets by file, folder, id, ARN or region (as `--target`), or a count or percentage of
/// the changed fleets not yet in a wave (docs/verify.md, "Waves").
public enum WaveSelector: Sendable, Hashable, CustomStringConvertible {
    case fleets(FleetSelector)
    case count(Int)
    case percent(Int)

    public static func parse(
        _ text: String, fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
    ) throws(SelectorError) -> WaveSelector {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("%") {
            guard let percent = Int(trimmed.dropLast()), (1...100).contains(percent) else {
                throw .percentageOutOfRange(text)
            }
            return .percent(percent)
        }
        if let count = Int(trimmed) {
            guard count >= 1 else { throw .countBelowOne(text) }
            return .count(count)
        }
        return .fleets(try FleetSelector.parse(trimmed, fileExists: fileExists))
    }

    public var description: String {
        switch self {
        case .fleets(let selector): selector.description
        case .count(let count): "\(count)"
        case .percent(let percent): "\(percent)%"
        }
    }
}

/// A wave of a rollout: the changed fleets one `--wave` took (or the rest), applied and baked together.
public struct PlanWave: Codable, Sendable, Hashable {
    /// The `--wave` that chose it; `rest` for the fleets no selector took.
    public var selector: String
    /// The fleets, as `FleetKey` descriptions of the plan's fleets: `fleetId` and `region`.
    public var fleets: [FleetKey]

    public init(selector: String, fleets: [FleetKey]) {
        self.selector = selector
        self.fleets = fleets
    }
}

extension FleetSelector {
    /// Whether the planned `fleet` is one this selector names (by its source file, id or region).
    public func matches(_ fleet: FleetPlan) -> Bool {
        matches(fleetId: fleet.fleetId, region: fleet.region, file: fleet.source.path)
    }
}

/// Splits a plan's changed fleets into waves.
public enum WavePlanner {
    /// The waves `selectors` make of `plan`'s changed fleets (`update` and `held`), in order: each takes from
    /// the fleets not yet in a wave, a percentage of all changed fleets rounded up; the fleets left form a
    /// last wave. A selector that takes nothing makes no wave.
    public static func waves(of plan: PlanDocument, _ selectors: [WaveSelector]) -> [PlanWave] {
        var remaining = plan.fleets.filter(\.isChange)
        let total = remaining.count
        var waves: [PlanWave] = []
        for selector in selectors where !remaining.isEmpty {
            let taken: [FleetPlan]
            switch selector {
            case .fleets(let fleets): taken = remaining.filter(fleets.matches)
            case .count(let count): taken = Array(remaining.prefix(count))
            case .percent(let percent):
                // `total` counts an array's elements and `percent` is at most 100: the product cannot overflow.
                taken = Array(remaining.prefix(max(1, (total * percent + 99) / 100)))
            }
            guard !taken.isEmpty else { continue }
            let keys = Set(taken.map(\.key))
            remaining.removeAll { keys.contains($0.key) }
            waves.append(PlanWave(selector: selector.description, fleets: taken.map(\.key)))
        }
        if !remaining.isEmpty { waves.append(PlanWave(selector: "rest", fleets: remaining.map(\.key))) }
        return waves
    }
}
