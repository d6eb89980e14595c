import Foundation
import GameLiftAPI

/// The rules (docs/fleet-files.md, "Rules") that need only the file: run on a draft, they report every broken rule and build the
/// `FleetDocument`. Limits and patterns come from `GameLiftLimits` alone.
enum FleetRules {
    private static let launchPathCharacters = AllowedCharacters(classBody: GameLiftLimits.launchPathCharacters)
    private static let parametersCharacters = AllowedCharacters(classBody: GameLiftLimits.parametersCharacters)

    /// Checks `draft` and returns the document (when it names a fleet) and the problems found.
    static func check(_ draft: FleetDraft, defaultRegion: String?, names: RunOptionNames) -> (
        FleetDocument?, [Diagnostic]
    ) {
        var diagnostics: [Diagnostic] = []
        var fleetId: String?
        var arnRegion: String?
        if let written = draft.fleetIdOrArn {
            (fleetId, arnRegion) = checkFleetId(written, into: &diagnostics)
        }
        let region = resolveRegion(
            draft, arnRegion: arnRegion, defaultRegion: defaultRegion, names: names, into: &diagnostics)
        let computeType = checkComputeType(draft.computeType, into: &diagnostics)
        var processLocations: [SourceLocation] = []
        var processes: [ServerProcess]?
        if let drafts = draft.serverProcesses, let listLocation = draft.serverProcessesLocation {
            processes = checkServerProcesses(
                drafts, at: listLocation, computeType: computeType ?? .ec2, into: &diagnostics)
            // One place per process, in the order of `processes` (the drafts that made one).
            processLocations = drafts.filter { $0.process != nil }.map(\.location)
        }
        checkActivation(draft, processes: processes, into: &diagnostics)
        guard let written = draft.fleetIdOrArn else { return (nil, diagnostics) }
        let configuration = RuntimeConfiguration(
            serverProcesses: processes,
            maxConcurrentGameSessionActivations: draft.maxConcurrentGameSessionActivations?.value,
            gameSessionActivationTimeoutSeconds: draft.gameSessionActivationTimeoutSeconds?.value)
        let document = FleetDocument(
            fleetIdOrArn: written.value, fleetId: fleetId ?? written.value, region: region ?? "",
            runtimeConfiguration: configuration, location: draft.location, processLocations: processLocations,
            computeType: computeType, computeTypeLocation: draft.computeType?.location)
        return (document, diagnostics)
    }

    /// The declared compute type, when it is one the API knows.
    private static func checkComputeType(_ written: Located<String>?, into diagnostics: inout [Diagnostic])
        -> ComputeType?
    {
        guard let written else { return nil }
        let value = ComputeType(rawValue: written.value)
        guard ComputeType.known.contains(value) else {
            let suggestion = ComputeType.known.first { $0.rawValue == written.value.uppercased() }
            diagnostics.append(
                Diagnostic(
                    .error, .computeTypeValue,
                    "ComputeType '\(written.value)' is neither \(ComputeType.known.map(\.rawValue).joined(separator: " nor "))",
                    hint: suggestion.map { "write `ComputeType: \($0)`" }
                        ?? "EC2 for managed instances, ANYWHERE for your own hardware; container fleets have no "
                        + "runtime configuration",
                    at: written.location))
            return nil
        }
        return value
    }

    // MARK: - FleetId and Region

    /// The plain fleet id and, for an ARN, the region it names.
    private static func checkFleetId(_ written: Located<String>, into diagnostics: inout [Diagnostic])
        -> (String?, String?)
    {
        let value = written.value
        let length = GameLiftLimits.fleetIdOrArnLength
        if !length.contains(value.count) {
            diagnostics.append(
                Diagnostic(
                    .error, .fleetIdLength,
                    "FleetId is \(value.count) characters long; GameLift allows \(describe(length))",
                    hint: "use the fleet id (fleet-…) or the fleet ARN", at: written.location))
            return (nil, nil)
        }
        if let identifier = FleetIdentifier(value) { return (identifier.fleetId, identifier.arnRegion) }
        diagnostics.append(
            Diagnostic(
                .error, .fleetIdFormat, "FleetId '\(value)' is neither a fleet id nor a fleet ARN",
                hint: "write a fleet id such as fleet-2f1c3a9e-1b2c-4d5e-8f90-123456789abc, "
                    + "or an ARN such as arn:aws:gamelift:us-west-2:123456789012:fleet/fleet-…",
                at: written.location))
        return (nil, nil)
    }

    private static func resolveRegion(
        _ draft: FleetDraft, arnRegion: String?, defaultRegion: String?, names: RunOptionNames,
        into diagnostics: inout [Diagnostic]
    ) -> String? {
        if let written = draft.region {
            if !GameLiftLimits.isRegionShaped(written.value) {
                diagnostics.append(
                    Diagnostic(
                        .error, .regionFormat, "Region '\(written.value)' is not an AWS region name",
                        hint: "write a region such as us-west-2 or eu-west-1", at: written.location))
            }
            if let arnRegion, arnRegion != written.value {
                diagnostics.append(
                    Diagnostic(
                        .error, .arnRegionMismatch,
                        "Region is '\(written.value)' but the fleet ARN is in '\(arnRegion)'",
                        hint: "set `Region: \(arnRegion)` or remove Region; the ARN already names it",
                        at: written.location))
            }
            return written.value
        }
        if let region = arnRegion ?? defaultRegion, !region.isEmpty { return region }
        guard let fleet = draft.fleetIdOrArn else { return nil }
        diagnostics.append(
            Diagnostic(
                .error, .noRegion, "no region for fleet '\(fleet.value)'",
                hint: "add a `Region:` key, pass \(names[.region]), or set AWS_REGION", at: fleet.location))
        return nil
    }

    // MARK: - Server processes

    private static func checkServerProcesses(
        _ drafts: [ServerProcessDraft], at listLocation: SourceLocation, computeType: ComputeType,
        into diagnostics: inout [Diagnostic]
    ) -> [ServerProcess] {
        let count = GameLiftLimits.serverProcessCount
        if !count.contains(drafts.count) {
            diagnostics.append(
                Diagnostic(
                    .error, .serverProcessCount,
                    "ServerProcesses has \(drafts.count) entries; GameLift allows \(describe(count))",
                    hint: drafts.isEmpty
                        ? "add the server executable to run" : "merge entries or run fewer kinds of process",
                    at: listLocation))
        }
        var firstPlace: [ServerProcessKey: SourceLocation] = [:]
        var systems: (first: Bool, location: SourceLocation)?
        for entry in drafts {
            if let launchPath = entry.launchPath {
                checkLaunchPath(launchPath, computeType: computeType, into: &diagnostics)
                if let isWindows = isWindowsPath(launchPath.value, computeType: computeType) {
                    if let systems, systems.first != isWindows {
                        diagnostics.append(
                            Diagnostic(
                                .error, .launchPathMixedSystems,
                                "this launch path is for \(isWindows ? "Windows" : "Linux") but the one at "
                                    + "\(systems.location.place) is for \(systems.first ? "Windows" : "Linux")",
                                hint: "a fleet runs one operating system; use \(GameLiftLimits.linuxLaunchPathRoot) "
                                    + "paths on Linux and \(GameLiftLimits.windowsLaunchPathRoot) paths on Windows",
                                at: launchPath.location))
                    } else if systems == nil {
                        systems = (isWindows, launchPath.location)
                    }
                }
            }
            if let parameters = entry.parameters { checkParameters(parameters, into: &diagnostics) }
            if let executions = entry.concurrentExecutions,
                executions.value < GameLiftLimits.concurrentExecutionsMinimum
            {
                diagnostics.append(
                    Diagnostic(
                        .error, .concurrentExecutionsMinimum,
                        "ConcurrentExecutions is \(executions.value); it must be at least "
                            + "\(GameLiftLimits.concurrentExecutionsMinimum)",
                        hint: "remove the entry to stop running this process", at: executions.location))
            }
            guard let key = entry.process?.key else { continue }
            if let first = firstPlace[key] {
                diagnostics.append(
                    Diagnostic(
                        .error, .duplicateServerProcess,
                        "server process \(key) is listed twice (first at \(first.place))",
                        hint: "merge the entries and add their ConcurrentExecutions", at: entry.location))
            } else {
                firstPlace[key] = entry.location
            }
        }
        let processes = drafts.compactMap(\.process)
        let total = SaturatingSum.of(processes.map { max(0, $0.concurrentExecutions) })
        if total > GameLiftLimits.processesPerInstance {
            diagnostics.append(
                Diagnostic(
                    .error, .processesPerInstance,
                    "ConcurrentExecutions add up to \(total == Int.max ? "more than \(Int.max - 1)" : String(total)); "
                        + "an instance runs at most "
                        + "\(GameLiftLimits.processesPerInstance) server processes",
                    hint: "lower ConcurrentExecutions so they add up to \(GameLiftLimits.processesPerInstance) or less",
                    at: listLocation))
        }
        return processes
    }

    /// `true` for a Windows path, `false` for a Linux one, `nil` when its style is unknown: on an EC2 fleet
    /// by its install root (`LaunchPathRoot`), on an Anywhere fleet by its form (a drive letter or `/`).
    static func isWindowsPath(_ path: String, computeType: ComputeType = .ec2) -> Bool? {
        let style = computeType.hasInstallRoot ? LaunchPathRoot.style(of: path) : LaunchPathRoot.anyStyle(of: path)
        return style.map { $0 == .windows }
    }

    private static func checkLaunchPath(
        _ path: Located<String>, computeType: ComputeType, into diagnostics: inout [Diagnostic]
    ) {
        let value = path.value
        let length = GameLiftLimits.launchPathLength
        if !length.contains(value.count) {
            diagnostics.append(
                Diagnostic(
                    .error, .launchPathLength,
                    "LaunchPath is \(value.count) characters long; GameLift allows \(describe(length))",
                    hint: "point it at the server executable", at: path.location))
            if value.isEmpty { return }
        }
        if let bad = launchPathCharacters.firstDisallowed(in: value) {
            diagnostics.append(
                Diagnostic(
                    .error, .launchPathCharacters, "LaunchPath contains '\(bad)', which GameLift does not allow",
                    hint: "use letters, digits, spaces and _ : . + / \\ -", at: path.location))
        }
        // Anywhere fleets run paths on the studio's own hardware: no install root applies.
        if computeType.hasInstallRoot, LaunchPathRoot.style(of: value) == nil {
            diagnostics.append(
                Diagnostic(
                    .error, .launchPathRoot,
                    "LaunchPath '\(value)' is not under \(GameLiftLimits.linuxLaunchPathRoot) (Linux) or "
                        + "\(GameLiftLimits.windowsLaunchPathRoot) (Windows)",
                    hint: "GameLift installs the build there; write the executable's path inside the build, "
                        + "e.g. \(GameLiftLimits.linuxLaunchPathRoot)bin/Server; for an Anywhere fleet, "
                        + "declare `ComputeType: ANYWHERE`",
                    at: path.location))
        }
        let lower = value.lowercased()
        if let script = GameLiftLimits.setupScriptExtensions.first(where: { lower.hasSuffix($0) }) {
            diagnostics.append(
                Diagnostic(
                    .warning, .launchPathSetupScript, "LaunchPath is a \(script) script",
                    hint: "GameLift launches the executable that calls the server SDK; point LaunchPath at it "
                        + "and run setup from the build's install script",
                    at: path.location))
        }
    }

    private static func checkParameters(_ parameters: Located<String>, into diagnostics: inout [Diagnostic]) {
        let value = parameters.value
        let length = GameLiftLimits.parametersLength
        if !length.contains(value.count) {
            diagnostics.append(
                Diagnostic(
                    .error, .parametersLength,
                    "Parameters is \(value.count) characters long; GameLift allows \(describe(length))",
                    hint: value.isEmpty ? "omit Parameters when there are none" : "shorten the parameters",
                    at: parameters.location))
        }
        if let bad = parametersCharacters.firstDisallowed(in: value) {
            diagnostics.append(
                Diagnostic(
                    .error, .parametersCharacters, "Parameters contains '\(bad)', which GameLift does not allow",
                    hint: "use letters, digits, spaces and _ : . + / \\ - = @ ; { } , ? ' [ ] \"",
                    at: parameters.location))
        }
    }

    // MARK: - Activation

    private static func checkActivation(
        _ draft: FleetDraft, processes: [ServerProcess]?, into diagnostics: inout [Diagnostic]
    ) {
        if let timeout = draft.gameSessionActivationTimeoutSeconds {
            let range = GameLiftLimits.gameSessionActivationTimeoutSeconds
            if !range.contains(timeout.value) {
                diagnostics.append(
                    Diagnostic(
                        .error, .activationTimeoutRange,
                        "GameSessionActivationTimeoutSeconds is \(timeout.value); GameLift allows \(describe(range))",
                        hint: "omit it to keep the fleet's current value", at: timeout.location))
            }
        }
        guard let limit = draft.maxConcurrentGameSessionActivations else { return }
        let range = GameLiftLimits.maxConcurrentGameSessionActivations
        if !range.contains(limit.value) {
            diagnostics.append(
                Diagnostic(
                    .error, .activationLimitRange,
                    "MaxConcurrentGameSessionActivations is \(limit.value); GameLift allows \(describe(range))",
                    hint: "omit it to keep the fleet's current value", at: limit.location))
            return
        }
        let total = SaturatingSum.of((processes ?? []).map { max(0, $0.concurrentExecutions) })
        if total > 0, limit.value > total {
            diagnostics.append(
                Diagnostic(
                    .warning, .activationLimitUnreachable,
                    "MaxConcurrentGameSessionActivations is \(limit.value) but an instance runs only \(total) "
                        + "server processes, so the limit can never bind",
                    hint: "lower it to \(total) or less, or omit it", at: limit.location))
        }
    }

    // MARK: - Helpers

    static func describe(_ range: ClosedRange<Int>) -> String { "\(range.lowerBound) to \(range.upperBound)" }
}
