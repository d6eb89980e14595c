import DurableFiles
import Foundation

/// Saving and loading plan files (`plan --out`, `apply --plan`); saved durably, so a reader sees the old plan or
/// the new, never a torn one.
public enum PlanFile {
    public static func save(_ plan: PlanDocument, to path: String) throws {
        var data = try ReportJSON.encoder().encode(plan)
        data.append(0x0A)
        try DurableFile.replace(path, with: data)
    }

    public static func load(from path: String) throws -> PlanDocument {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw PlanFileError(path: path, reason: "cannot read: \(error.localizedDescription)")
        }
        do {
            return try ReportJSON.decoder().decode(PlanDocument.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            throw PlanFileError(path: path, reason: context.debugDescription)
        } catch {
            throw PlanFileError(path: path, reason: "not a fleetform plan: \(error)")
        }
    }
}

public struct PlanFileError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}
