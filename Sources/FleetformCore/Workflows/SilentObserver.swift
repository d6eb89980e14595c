/// An observer that ignores every event.
public struct SilentObserver: WorkflowObserver {
    public init() {}
    public func notice(_ event: WorkflowEvent) {}
}
