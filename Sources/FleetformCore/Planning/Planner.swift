import FleetSpec
import Foundation
import GameLiftAPI

/// The planner: desired fleet documents plus what was observed give one action per fleet. Pure: no I/O.
public enum Planner {
    /// One `FleetPlan` per desired document, in the documents' order: `update` with its changes and the exact
    /// request to send, `unchanged`, `held` (the fleet's status refuses updates now) or `failed` (it could
    /// not be read). `observed` is keyed by fleet; a document whose fleet is missing from it fails.
    public static func plan(
        desired: [FleetDocument], observed: [FleetKey: ObservedFleet], diagnostics: [Diagnostic] = [],
        now: Date
    ) -> PlanDocument {
        let fleets = desired.map { planFleet($0, observed[FleetKey($0)] ?? ObservedFleet(error: missing($0))) }
        return PlanDocument(fleets: fleets, diagnostics: diagnostics, createdAt: now)
    }

    /// The plan for one fleet.
    public static func planFleet(_ document: FleetDocument, _ observed: ObservedFleet) -> FleetPlan {
        var plan = FleetPlan(
            fleetId: document.fleetId, fleetIdOrArn: document.fleetIdOrArn, region: document.region,
            source: document.location, action: .failed, status: observed.attributes?.status,
            operatingSystem: observed.attributes?.operatingSystem)
        plan.environment = document.environment
        let locations = PlanLocation.of(observed, region: document.region)
        plan.locations = locations.isEmpty ? nil : locations
        if observed.refusal != nil || observed.error != nil {
            plan.refusal = observed.refusal
            plan.error = observed.error
            return plan
        }
        let live = observed.configuration ?? RuntimeConfiguration()
        plan.observed = live
        plan.observedFingerprint = Fingerprint.of(live)
        let request = request(for: document, live: live)
        plan.changes = changes(desired: document.runtimeConfiguration, live: live)
        let differs = plan.changes.contains { $0.kind != .unmanaged }
        if !differs {
            plan.action = .unchanged
        } else {
            plan.request = request
            // The home Region's status decides whether GameLift takes the update; a remote location in a status
            // that refuses updates is shown (and its instances keep their configuration until it recovers), but
            // does not hold the fleet: the configuration is fleet-wide.
            let accepts = observed.attributes?.status?.allowsRuntimeConfigurationUpdate ?? true
            plan.action = accepts ? .update : .held
        }
        return plan
    }

    /// The full-replacement request: the desired processes, and each activation field as desired or,
    /// where the file leaves it out, as it is live.
    public static func request(for document: FleetDocument, live: RuntimeConfiguration)
        -> UpdateRuntimeConfigurationInput
    {
        let desired = document.runtimeConfiguration
        let processes = (desired.serverProcesses ?? []).map { p in
            ServerProcess(
                launchPath: p.launchPath, parameters: (p.parameters?.isEmpty ?? true) ? nil : p.parameters,
                concurrentExecutions: p.concurrentExecutions)
        }
        let configuration = RuntimeConfiguration(
            serverProcesses: processes,
            maxConcurrentGameSessionActivations: desired.maxConcurrentGameSessionActivations
                ?? live.maxConcurrentGameSessionActivations,
            gameSessionActivationTimeoutSeconds: desired.gameSessionActivationTimeoutSeconds
                ?? live.gameSessionActivationTimeoutSeconds)
        return UpdateRuntimeConfigurationInput(fleetId: document.fleetIdOrArn, runtimeConfiguration: configuration)
    }

    /// The semantic diff: server processes as a set keyed by (LaunchPath, Parameters), so order never matters.
    public static func changes(desired: RuntimeConfiguration, live: RuntimeConfiguration) -> [PlanChange] {
        var result: [PlanChange] = []
        let want = processTable(desired.serverProcesses)
        let have = processTable(live.serverProcesses)
        for key in Set(want.keys).union(have.keys).sorted() {
            let field = "ServerProcesses[\(key)]"
            switch (have[key], want[key]) {
            case let (before?, after?) where before != after:
                result.append(PlanChange(.modify, field + ".ConcurrentExecutions", before: before, after: after))
            case let (nil, after?):
                result.append(PlanChange(.add, field, after: after))
            case let (before?, nil):
                result.append(PlanChange(.remove, field, before: before))
            default:
                break
            }
        }
        result += scalarChange(
            "MaxConcurrentGameSessionActivations", desired.maxConcurrentGameSessionActivations,
            live.maxConcurrentGameSessionActivations)
        result += scalarChange(
            "GameSessionActivationTimeoutSeconds", desired.gameSessionActivationTimeoutSeconds,
            live.gameSessionActivationTimeoutSeconds)
        return result
    }

    private static func scalarChange(_ field: String, _ desired: Int?, _ live: Int?) -> [PlanChange] {
        guard let desired else { return [PlanChange(.unmanaged, field, before: live, after: live)] }
        return desired == live ? [] : [PlanChange(.modify, field, before: live, after: desired)]
    }

    /// ConcurrentExecutions by process identity. Duplicate identities (which validation rejects in files,
    /// but a live fleet could hold) are summed, as GameLift would run them all.
    private static func processTable(_ processes: [ServerProcess]?) -> [ServerProcessKey: Int] {
        var table: [ServerProcessKey: Int] = [:]
        for p in processes ?? [] { table[p.key, default: 0] += p.concurrentExecutions }
        return table
    }

    private static func missing(_ document: FleetDocument) -> ServiceErrorInfo {
        ServiceErrorInfo(code: "NotRead", message: "fleet \(document.fleetId) was not read")
    }
}
