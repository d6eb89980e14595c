import Policy
public struct Settings: Sendable {
    public var region: String?
    public var maxAttempts: Int?
    public init(region: String?, maxAttempts: Int?) {
        self.region = region
        self.maxAttempts = maxAttempts
    }
    public static func resolve(_ environment: [String: String]) -> Settings {
        Settings(region: environment["AWS_REGION"], maxAttempts: environment["AWS_MAX_ATTEMPTS"].flatMap { Int($0) })
    }
    /// The policy with `maxAttempts` applied over `base`.
    public func retryPolicy(base: Policy = .standard) -> Policy {
        var policy = base
        if let maxAttempts { policy.maxAttempts = maxAttempts }
        return policy
    }
}
