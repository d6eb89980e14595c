/// Sums of numbers read from outside (fleet files, plans, journals, requests) that cannot trap: a sum past
/// `Int.max` (or below `Int.min`) stops there, and the limit check that follows reports it as too large.
public enum SaturatingSum {
    /// `a + b`, clamped to `Int.min...Int.max`.
    public static func add(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard overflow else { return sum }
        return b > 0 ? Int.max : Int.min
    }

    /// The clamped sum of `values`.
    public static func of<S: Sequence>(_ values: S) -> Int where S.Element == Int {
        values.reduce(0, add)
    }

    /// `a × b`, clamped to `Int.min...Int.max`.
    public static func multiply(_ a: Int, _ b: Int) -> Int {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        guard overflow else { return product }
        return (a < 0) == (b < 0) ? Int.max : Int.min
    }
}
