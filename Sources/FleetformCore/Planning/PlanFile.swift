import DurableFiles
import FleetSpec
import Foundation

/// Saving and loading plan files (on the command line, `plan --out` and `apply --plan`); saved durably, so a reader sees the old plan or
/// the new, never a torn one.
public enum PlanFile {
    public static func save(_ plan: PlanDocument, to path: String) throws {
        var data = try ReportJSON.encoder().encode(plan)
        data.append(0x0A)
        try DurableFile.replace(path, with: data)
    }

    /// Reads a saved plan and checks all of it (`PlanFileValidator`) before anything can be sent.
    /// `names`: what the caller calls its options, for hints on how to make a plan again.
    public static func load(from path: String, names: RunOptionNames = .swiftAPI) throws -> PlanDocument {
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            // One byte past the cap is enough to know the file is too large.
            data = try handle.read(upToCount: PlanFileValidator.maxSize + 1) ?? Data()
        } catch {
            throw PlanFileError(path: path, reason: "cannot read: \(error.localizedDescription)")
        }
        return try PlanFileValidator.decode(data, path: path, names: names)
    }
}
