public struct Policy: Sendable, Hashable {
    public var maxAttempts: Int
    public var baseDelay: Double
    public var throttleBaseDelay: Double
    public var maxDelay: Double
    public var budgetCapacity: Int
    public var retryCost: Int
    public var transportRetryCost: Int
    public init(
        maxAttempts: Int = 8, baseDelay: Double = 0.05, throttleBaseDelay: Double = 0.25, maxDelay: Double = 20,
        budgetCapacity: Int = 500, retryCost: Int = 5, transportRetryCost: Int = 10
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.throttleBaseDelay = throttleBaseDelay
        self.maxDelay = maxDelay
        self.budgetCapacity = budgetCapacity
        self.retryCost = retryCost
        self.transportRetryCost = transportRetryCost
    }
    public static let standard = Policy()
}
