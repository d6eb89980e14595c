/// `apply --watch --format json`: the apply report, the watch report and any rollback, in one document.
public struct VerifiedApplyJSON: Encodable, Sendable {
    public var formatVersion = 1
    public var apply: ApplyReport
    public var watch: WatchReport?
    public var rollback: ApplyReport?

    public init(apply: ApplyReport, watch: WatchReport?, rollback: ApplyReport?) {
        self.apply = apply
        self.watch = watch
        self.rollback = rollback
    }
}
