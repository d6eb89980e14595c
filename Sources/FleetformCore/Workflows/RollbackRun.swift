/// A rollback as planned and as applied.
public struct RollbackRun: Sendable, Hashable {
    public var plan: RollbackPlan
    public var report: ApplyReport

}
