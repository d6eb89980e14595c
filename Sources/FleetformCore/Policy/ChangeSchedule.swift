import FleetSpec
import Foundation

/// An environment's change windows and freezes, in words (docs/policy.md, "Change windows").
enum ChangeSchedule {
    /// Why `apply` may not run at `date`, or `nil` when it may.
    static func closure(_ rules: EnvironmentRules, at date: Date) -> String? {
        switch Schedule.closed(at: date, windows: rules.windows, freezes: rules.freezes) {
        case .frozen(let freeze)?: "inside the freeze \(freeze.text)"
        case .outsideWindows?:
            "outside every change window (" + rules.windows.map(\.text).joined(separator: ", ") + ")"
        case nil: nil
        }
    }

    /// When `apply` may run next.
    static func nextOpening(_ rules: EnvironmentRules, after date: Date) -> Date? {
        Schedule.nextOpening(after: date, windows: rules.windows, freezes: rules.freezes)
    }

    /// The rule a closure breaks.
    static func rule(_ rules: EnvironmentRules, at date: Date) -> RuleName? {
        switch Schedule.closed(at: date, windows: rules.windows, freezes: rules.freezes) {
        case .frozen?: .freeze
        case .outsideWindows?: .window
        case nil: nil
        }
    }
}
