import DurableFiles
import Foundation
import Testing

@Suite("Durable writes")
struct DurableFileTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("durable-\(UUID().uuidString)").path

    func contents(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }
    func entries() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder).sorted() }

    @Test("replace creates the folder, writes the content and leaves no temporary file behind")
    func replaceCreates() throws {
        let path = folder + "/nested/plan.json"
        try DurableFile.replace(path, with: Data("first\n".utf8))
        try DurableFile.replace(path, with: Data("second\n".utf8))
        #expect(try contents(path) == "second\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/nested") == ["plan.json"])
    }

    @Test("a replace that cannot write leaves the old content and says which file and why")
    func replaceFailure() throws {
        let path = folder + "/state.json"
        try DurableFile.replace(path, with: Data("old".utf8))
        try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: folder)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder) }
        // Root ignores folder permissions; there the write succeeds and there is nothing to check.
        guard getuid() != 0 else { return }
        #expect {
            try DurableFile.replace(path, with: Data("new".utf8))
        } throws: { error in
            (error as? DurableFileError)?.description.hasPrefix("cannot write \(path): ") == true
        }
        #expect(try contents(path) == "old")
    }

    @Test("replaceKeepingOpen returns the new file, open")
    func keepsOpen() throws {
        let path = folder + "/state.json"
        let descriptor = try DurableFile.replaceKeepingOpen(path, with: Data("abc".utf8))
        defer { close(descriptor) }
        var info = stat()
        #expect(fstat(descriptor, &info) == 0)
        #expect(info.st_size == 3)
    }

    @Test("append adds to the end, every time, and creates the file and its folder")
    func appends() throws {
        let path = folder + "/logs/journal.jsonl"
        let descriptor = try DurableFile.openForAppending(path)
        defer { close(descriptor) }
        for line in ["one\n", "two\n", "three\n"] {
            try DurableFile.append(Data(line.utf8), to: descriptor, path: path)
        }
        #expect(try contents(path) == "one\ntwo\nthree\n")
    }
}
