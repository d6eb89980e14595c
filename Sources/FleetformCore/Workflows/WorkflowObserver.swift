/// Receives a workflow's events as they happen: the command line's terminal display is one, a test's
/// recorder another. Workflows call it from concurrent tasks, so implementations must be thread-safe.
public protocol WorkflowObserver: Sendable {
    func notice(_ event: WorkflowEvent)
}
