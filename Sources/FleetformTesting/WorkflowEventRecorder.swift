import FleetSpec
import FleetformCore
import Foundation

/// Records a workflow's events, and renders them the way the command line would.
public final class WorkflowEventRecorder: WorkflowObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [WorkflowEvent] = []

    public init() {}

    public func notice(_ event: WorkflowEvent) { lock.withLock { recorded.append(event) } }

    public var events: [WorkflowEvent] { lock.withLock { recorded } }

    /// What would be printed on standard output and standard error, without colour, by a front end that names
    /// its options `names` (the command line's are `Words.names` in the `fleetform` target).
    public func text(_ stream: WorkflowEventRenderer.Stream, names: RunOptionNames = .swiftAPI) -> String {
        events.flatMap { WorkflowEventRenderer(names: names).render($0) }.filter { $0.stream == stream }.map(\.text)
            .joined(separator: "\n")
    }
}
