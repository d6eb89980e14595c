import FleetformCore
import Foundation

/// Records a workflow's events, and renders them the way the command line would.
public final class WorkflowEventRecorder: WorkflowObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [WorkflowEvent] = []

    public init() {}

    public func notice(_ event: WorkflowEvent) { lock.withLock { recorded.append(event) } }

    public var events: [WorkflowEvent] { lock.withLock { recorded } }

    /// What the command line would print on standard output and standard error, without colour.
    public func text(_ stream: WorkflowEventRenderer.Stream) -> String {
        events.flatMap { WorkflowEventRenderer().render($0) }.filter { $0.stream == stream }.map(\.text)
            .joined(separator: "\n")
    }
}
