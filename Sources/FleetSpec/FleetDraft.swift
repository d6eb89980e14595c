import GameLiftAPI

/// A value read from a fleet file, with where it was written.
struct Located<Value> {
    var value: Value
    var location: SourceLocation
}

/// One server process entry as written, every field with its place; fields that were missing or of the
/// wrong type are `nil` (the reader has already reported them).
struct ServerProcessDraft {
    var location: SourceLocation
    var launchPath: Located<String>?
    var parameters: Located<String>?
    var concurrentExecutions: Located<Int>?

    /// The process, once its required fields are all present.
    var process: ServerProcess? {
        guard let launchPath, let concurrentExecutions else { return nil }
        return ServerProcess(
            launchPath: launchPath.value, parameters: parameters?.value,
            concurrentExecutions: concurrentExecutions.value)
    }
}

/// One fleet document as written, before the rules run: the reader's output and the rules' input.
struct FleetDraft {
    var location: SourceLocation
    var fleetIdOrArn: Located<String>?
    var region: Located<String>?
    var computeType: Located<String>?
    var runtimeConfigurationLocation: SourceLocation?
    var serverProcessesLocation: SourceLocation?
    var serverProcesses: [ServerProcessDraft]?
    var maxConcurrentGameSessionActivations: Located<Int>?
    var gameSessionActivationTimeoutSeconds: Located<Int>?
}
