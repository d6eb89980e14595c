import FleetSpec
import Foundation
import GameLiftAPI

/// Checks a saved plan before anything of it is sent. A plan file travels between pipeline jobs as an
/// artifact, so it is untrusted input (README "Commands", docs/plan-json.md): its size, its format version,
/// its shape and every request, against the same rules as fleet files. Any error refuses the whole plan.
public enum PlanFileValidator {
    /// The largest plan file read: far above a 10,000-fleet plan, far below what would exhaust memory.
    public static let maxSize = 256 << 20

    /// The keys of the parts of a plan that are sent to GameLift: an unknown key there is a tampered or
    /// misunderstood request, never something to drop silently.
    static let requestKeys = ["FleetId", "RuntimeConfiguration"]
    static let configurationKeys = [
        "ServerProcesses", "MaxConcurrentGameSessionActivations", "GameSessionActivationTimeoutSeconds",
    ]
    static let serverProcessKeys = ["LaunchPath", "Parameters", "ConcurrentExecutions"]

    /// Reads, checks and decodes the plan in `data`; throws a `PlanFileError` listing every problem.
    public static func decode(_ data: Data, path: String, names: RunOptionNames = .swiftAPI) throws -> PlanDocument {
        func refuse(_ diagnostics: [Diagnostic]) -> PlanFileError {
            PlanFileError(path: path, reason: "the plan is refused; nothing was applied", diagnostics: diagnostics)
        }
        func at(_ pointer: String) -> SourceLocation { SourceLocation(path: path, pointer: pointer) }
        guard data.count <= maxSize else {
            throw PlanFileError(path: path, reason: "larger than \(maxSize >> 20) MB; not a fleetform plan")
        }
        let tree: Any
        do {
            tree = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            let message = Self.message(of: error)
            let place = JSONPointer.textPlace(of: message, in: data).map { " at line \($0.line), column \($0.column)" }
            throw PlanFileError(path: path, reason: "not JSON\(place ?? ""): \(JSONPointer.excerpt(message))")
        }
        guard let root = tree as? [String: Any] else {
            throw refuse([Diagnostic(.error, .wrongType, "a plan must be a JSON object", at: at(""))])
        }
        var diagnostics = formatVersionProblems(root["formatVersion"], at: at("/formatVersion"), names: names)
        guard diagnostics.isEmpty else { throw refuse(diagnostics) }
        diagnostics += JSONPointer.duplicateKeys(in: data).map { pointer in
            Diagnostic(
                .error, .duplicateKey, "a key appears twice in one object: which value counts is ambiguous",
                at: at(pointer))
        }
        diagnostics += unknownRequestKeys(root, path: path)
        // Decoding reports numbers past 64 bits without saying where; these checks say where.
        diagnostics += JSONPointer.numberProblems(in: root).map { problem in
            Diagnostic(
                .error, problem.isOutOfRange ? .integerOutOfRange : .wrongType, problem.message, at: at(problem.pointer)
            )
        }
        guard !diagnostics.hasErrors else { throw refuse(diagnostics) }
        let plan: PlanDocument
        do {
            plan = try ReportJSON.decoder().decode(PlanDocument.self, from: data)
        } catch let error as DecodingError {
            let (pointer, message) = JSONPointer.describe(error)
            let code: DiagnosticCode = message.contains("not representable") ? .integerOutOfRange : .wrongType
            throw refuse(diagnostics + [Diagnostic(.error, code, message, at: at(pointer))])
        }
        diagnostics += problems(in: plan, path: path, names: names)
        guard !diagnostics.hasErrors else { throw refuse(diagnostics.filter { $0.severity == .error }) }
        return plan
    }

    /// Problems with a decoded plan: consistent fleets, fingerprints, and each request under the fleet rules.
    public static func problems(in plan: PlanDocument, path: String, names: RunOptionNames = .swiftAPI)
        -> [Diagnostic]
    {
        var diagnostics: [Diagnostic] = []
        // Apply compares the plan's account with its own: a malformed one must not pass as "another account".
        if let account = plan.caller?.account, !PlanCaller.isAccountId(account) {
            diagnostics.append(
                inconsistent(
                    "caller.account '\(JSONPointer.excerpt(account))' is not a 12-digit account id",
                    at: SourceLocation(path: path, pointer: "/caller/account"), names: names))
        }
        diagnostics += waveProblems(plan, path: path, names: names)
        var seen: [FleetKey: Int] = [:]
        for (index, fleet) in plan.fleets.enumerated() {
            let base = "/fleets/\(index)"
            func at(_ suffix: String) -> SourceLocation { SourceLocation(path: path, pointer: base + suffix) }
            guard FleetIdentifier(fleet.fleetId)?.fleetId == fleet.fleetId, !fleet.fleetId.hasPrefix("arn:") else {
                diagnostics.append(
                    Diagnostic(
                        .error, .fleetIdFormat, "fleetId '\(JSONPointer.excerpt(fleet.fleetId))' is not a fleet id",
                        at: at("/fleetId")))
                continue
            }
            if FleetIdentifier(fleet.fleetIdOrArn)?.fleetId != fleet.fleetId {
                diagnostics.append(
                    inconsistent(
                        "fleetIdOrArn does not name fleet \(fleet.fleetId)", at: at("/fleetIdOrArn"), names: names))
            }
            let key = fleet.key
            if let first = seen[key] {
                diagnostics.append(
                    Diagnostic(
                        .error, .duplicateFleet,
                        "fleet \(fleet.fleetId) (\(fleet.region)) is planned twice (first at /fleets/\(first))",
                        at: at("")))
            } else {
                seen[key] = index
            }
            guard fleet.isChange else { continue }
            guard let request = fleet.request else {
                diagnostics.append(
                    inconsistent("an \(fleet.action.rawValue) fleet has no request", at: at(""), names: names))
                continue
            }
            if request.fleetId != fleet.fleetIdOrArn {
                diagnostics.append(
                    inconsistent(
                        "the request is for '\(JSONPointer.excerpt(request.fleetId))', not for the planned fleet "
                            + "\(fleet.fleetIdOrArn)", at: at("/request/FleetId"), names: names))
            }
            if !Fingerprint.isWellFormed(fleet.observedFingerprint) {
                diagnostics.append(
                    inconsistent(
                        "observedFingerprint must be sha256:<64 hex digits>: without it a change made since the plan "
                            + "could be overwritten", at: at("/observedFingerprint"), names: names))
            }
            diagnostics += RequestRules.check(
                fleetIdOrArn: request.fleetId, region: fleet.region, configuration: request.runtimeConfiguration,
                operatingSystem: fleet.operatingSystem, path: path, fleetIdPointer: base + "/request/FleetId",
                regionPointer: base + "/region", configurationPointer: base + "/request/RuntimeConfiguration")
        }
        return diagnostics
    }

    /// Every fleet of a wave is a changed fleet of the plan, in one wave only: a wave is a list of fleets to
    /// send, so one naming anything else is a tampered plan.
    private static func waveProblems(_ plan: PlanDocument, path: String, names: RunOptionNames) -> [Diagnostic] {
        guard let waves = plan.waves else { return [] }
        let changed = Set(plan.fleets.filter(\.isChange).map(\.key))
        var placed: Set<FleetKey> = []
        var diagnostics: [Diagnostic] = []
        for (waveIndex, wave) in waves.enumerated() {
            for (fleetIndex, fleet) in wave.fleets.enumerated() {
                let key = fleet
                let at = SourceLocation(path: path, pointer: "/waves/\(waveIndex)/fleets/\(fleetIndex)")
                if !changed.contains(key) {
                    diagnostics.append(
                        inconsistent(
                            "\(JSONPointer.excerpt(key.description)) is not a changed fleet of this plan", at: at,
                            names: names))
                } else if !placed.insert(key).inserted {
                    diagnostics.append(inconsistent("\(key) is in more than one wave", at: at, names: names))
                }
            }
        }
        return diagnostics
    }

    private static func formatVersionProblems(_ value: Any?, at location: SourceLocation, names: RunOptionNames)
        -> [Diagnostic]
    {
        let readable = PlanDocument.readableFormatVersions
        guard let value else {
            return [Diagnostic(.error, .missingKey, "missing required key 'formatVersion'", at: location)]
        }
        // A boolean `true` passes here as 1, and decoding then rejects it as a wrong type.
        if let version = value as? Int, readable.contains(version) { return [] }
        return [
            Diagnostic(
                .error, .unsupportedFormatVersion,
                "plan format version \(JSONPointer.excerpt("\(value)")) is not supported by fleetform "
                    + "\(FleetformVersion.current), which reads versions \(readable.lowerBound) to \(readable.upperBound)",
                hint: "make the plan again with this fleetform (\(names[.makePlanFile]))", at: location)
        ]
    }

    /// Unknown keys in the requests, the parts of a plan that are sent.
    private static func unknownRequestKeys(_ root: [String: Any], path: String) -> [Diagnostic] {
        guard let fleets = root["fleets"] as? [Any] else { return [] }
        var diagnostics: [Diagnostic] = []
        func check(_ value: Any?, _ allowed: [String], _ pointer: String) {
            guard let object = value as? [String: Any] else { return }
            for key in object.keys.sorted() where !allowed.contains(key) {
                let hint = KeySuggestion.closest(to: key, among: allowed).map { "did you mean '\($0)'?" }
                diagnostics.append(
                    Diagnostic(
                        .error, .unknownKey, "unknown key '\(JSONPointer.excerpt(key))'", hint: hint,
                        at: SourceLocation(path: path, pointer: pointer + "/" + JSONPointer.escape(key))))
            }
        }
        for (index, fleet) in fleets.enumerated() {
            guard let request = (fleet as? [String: Any])?["request"] else { continue }
            let base = "/fleets/\(index)/request"
            check(request, requestKeys, base)
            let configuration = (request as? [String: Any])?["RuntimeConfiguration"]
            check(configuration, configurationKeys, base + "/RuntimeConfiguration")
            let processes = (configuration as? [String: Any])?["ServerProcesses"] as? [Any] ?? []
            for (offset, process) in processes.enumerated() {
                check(process, serverProcessKeys, base + "/RuntimeConfiguration/ServerProcesses/\(offset)")
            }
        }
        return diagnostics
    }

    private static func inconsistent(_ message: String, at location: SourceLocation, names: RunOptionNames)
        -> Diagnostic
    {
        Diagnostic(
            .error, .inconsistentPlan, message, hint: "make the plan again with \(names[.makePlanFile])", at: location)
    }

    private static func message(of error: any Error) -> String {
        (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
    }
}
