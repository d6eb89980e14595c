/// When each Region last answered a request without an error worth retrying: the "progress" that lets a throttle
/// go uncharged (`RetryPolicy.progressWindow`).
public actor RegionProgress {
    private var lastAnswer: [String: Double] = [:]

    public init() {}

    /// Records an answer from `region` at time `now`.
    public func answered(_ region: String, at now: Double) {
        lastAnswer[region] = max(lastAnswer[region] ?? now, now)
    }

    /// True when `region` answered within `window` seconds before `now`.
    public func answered(_ region: String, within window: Double, of now: Double) -> Bool {
        guard let last = lastAnswer[region] else { return false }
        return now - last <= window
    }
}
