import GameLiftAPI
import Yams

/// Reads one composed YAML document into a `FleetDraft`, reporting unknown keys, wrong types and missing
/// keys with their places. Structure only: the rules (docs/fleet-files.md) run afterwards on the draft.
struct FleetDocumentReader {
    static let fleetKeys = ["FleetId", "Region", "ComputeType", "RuntimeConfiguration"]
    static let runtimeConfigurationKeys = [
        "ServerProcesses", "MaxConcurrentGameSessionActivations", "GameSessionActivationTimeoutSeconds",
    ]
    static let serverProcessKeys = ["LaunchPath", "Parameters", "ConcurrentExecutions"]
    /// What one entry's `ConcurrentExecutions` can be: at least the minimum, at most a whole instance.
    static let concurrentExecutionsRange =
        GameLiftLimits.concurrentExecutionsMinimum...GameLiftLimits.processesPerInstance

    private var nodes: YAMLNodeReader
    var diagnostics: [Diagnostic] { nodes.diagnostics }

    init(path: String, lineOffset: Int = 0) {
        nodes = YAMLNodeReader(path: path, lineOffset: lineOffset)
    }

    /// The draft of the fleet in `root`, or `nil` when the document is not a mapping at all.
    mutating func read(_ root: Node) -> FleetDraft? {
        guard let fields = nodes.mapping(root, named: "a fleet document", allowed: Self.fleetKeys) else { return nil }
        var draft = FleetDraft(location: nodes.location(of: root))
        if case .mapping(let pairs) = root, let key = pairs.first(where: { $0.key.scalarText == "FleetId" })?.key {
            draft.location = nodes.location(of: key)
        }
        draft.fleetIdOrArn = nodes.requiredString("FleetId", in: fields, of: root)
        draft.region = fields["Region"].flatMap { nodes.string($0, key: "Region") }
        draft.computeType = fields["ComputeType"].flatMap { nodes.string($0, key: "ComputeType") }
        guard let configuration = nodes.required("RuntimeConfiguration", in: fields, of: root) else { return draft }
        draft.runtimeConfigurationLocation = nodes.location(of: configuration)
        guard
            let settings = nodes.mapping(
                configuration, named: "RuntimeConfiguration", allowed: Self.runtimeConfigurationKeys)
        else { return draft }
        if let list = nodes.required("ServerProcesses", in: settings, of: configuration) {
            draft.serverProcessesLocation = nodes.location(of: list)
            draft.serverProcesses = serverProcesses(list)
        }
        draft.maxConcurrentGameSessionActivations = settings["MaxConcurrentGameSessionActivations"].flatMap {
            nodes.integer(
                $0, key: "MaxConcurrentGameSessionActivations",
                range: GameLiftLimits.maxConcurrentGameSessionActivations)
        }
        draft.gameSessionActivationTimeoutSeconds = settings["GameSessionActivationTimeoutSeconds"].flatMap {
            nodes.integer(
                $0, key: "GameSessionActivationTimeoutSeconds",
                range: GameLiftLimits.gameSessionActivationTimeoutSeconds)
        }
        return draft
    }

    private mutating func serverProcesses(_ list: Node) -> [ServerProcessDraft]? {
        guard case .sequence(let entries) = list else {
            nodes.wrongType(list, key: "ServerProcesses", expected: .list)
            return nil
        }
        var drafts: [ServerProcessDraft] = []
        for entry in entries {
            guard let fields = nodes.mapping(entry, named: "a ServerProcesses entry", allowed: Self.serverProcessKeys)
            else { continue }
            drafts.append(
                ServerProcessDraft(
                    location: nodes.location(of: entry),
                    launchPath: nodes.requiredString("LaunchPath", in: fields, of: entry),
                    parameters: fields["Parameters"].flatMap { nodes.string($0, key: "Parameters") },
                    concurrentExecutions: nodes.required("ConcurrentExecutions", in: fields, of: entry).flatMap {
                        nodes.integer($0, key: "ConcurrentExecutions", range: Self.concurrentExecutionsRange)
                    }))
        }
        return drafts
    }
}
