import FleetSpec
import Foundation
import GameLiftAPI

/// Checks what a rollback would send before anything is sent. The journal is a file anyone with access to
/// the pipeline's workspace can edit (README "How apply behaves", docs/verify.md), so each configuration to
/// restore gets the same checks as a fleet file, and each problem is located by journal line and JSON pointer
/// (`.fleetform/journal.jsonl:7#/previous/ServerProcesses/0/LaunchPath`). Any error refuses the rollback.
public enum JournalValidator {
    /// Problems with restoring `targets`; empty when the rollback may go ahead.
    public static func problems(restoring targets: [RollbackTarget]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for target in targets {
            let path = target.source.path
            let line = target.source.line
            func at(_ pointer: String) -> SourceLocation { SourceLocation(path: path, line: line, pointer: pointer) }
            guard FleetIdentifier(target.fleetId)?.fleetId == target.fleetId, !target.fleetId.hasPrefix("arn:") else {
                diagnostics.append(
                    Diagnostic(
                        .error, .fleetIdFormat,
                        "fleetId '\(JSONPointer.excerpt(target.fleetId))' is not a fleet id", at: at("/fleetId")))
                continue
            }
            if FleetIdentifier(target.fleetIdOrArn)?.fleetId != target.fleetId {
                diagnostics.append(
                    Diagnostic(
                        .error, .inconsistentPlan, "fleetIdOrArn does not name fleet \(target.fleetId)",
                        at: at("/fleetIdOrArn")))
            }
            // Exactly what the rollback sends: `previous`, to `fleetIdOrArn` in `region`.
            diagnostics += RequestRules.check(
                fleetIdOrArn: target.fleetIdOrArn, region: target.region, configuration: target.previous,
                path: path, line: line, fleetIdPointer: "/fleetIdOrArn", regionPointer: "/region",
                configurationPointer: "/previous")
        }
        return diagnostics.filter { $0.severity == .error }
    }
}
