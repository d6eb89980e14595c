import FleetSpec
import FleetformCore
import Foundation
import GameLiftAPI
import GameLiftSimulation
import Testing

/// Structure-aware fuzzing of the files fleetform reads back: values are replaced where values belong (integers
/// at and past the 32/64-bit limits, -0, huge exponents, long and odd Unicode strings, deep nesting) and keys
/// are added, duplicated and removed. Nothing may crash; every refusal must be located; and whatever is
/// accepted must pass GameLift's own rules (the simulation's), so a check that lets a bad request through
/// fails here. Deterministic under the seed; FLEETFORM_FUZZ_COUNT inputs per format.
@Suite("structure-aware fuzzing")
struct StructuredFuzzTests {
    @Test("fleet files with hostile values never crash; refusals are located; accepted files pass GameLift's rules")
    func fleetFiles() async throws {
        let corpus = try YAMLFuzzTests.corpus()
        try #require(!corpus.isEmpty)
        var random = SeededGenerator(seed: 0xF1EE_7F11E5)
        var failures: [String] = []
        var simulation = FuzzOracle.simulation()
        var outOfRange = 0
        for i in 0..<FuzzOracle.count where failures.count < 5 {
            if i % 500 == 0 { simulation = FuzzOracle.simulation() }
            let text = YAMLValueMutator.mutate(random.pick(corpus), &random)
            let path = "fuzz/\(i).yaml"
            let result = FleetLoader.load(text: text, path: path, options: LoadOptions(defaultRegion: "us-west-2"))
            for d in result.diagnostics where !FuzzOracle.isLocated(d, in: path) {
                failures.append("input \(i): unlocated diagnostic \(d)\n--- input ---\n\(text.prefix(2_000))")
            }
            outOfRange += result.diagnostics.count { $0.code == .integerOutOfRange }
            guard !result.diagnostics.hasErrors else { continue }
            for document in result.documents {
                let configuration = document.runtimeConfiguration
                if let failure = await FuzzOracle.crossCheck(
                    simulation, fleetIdOrArn: FuzzOracle.fleet(for: configuration), region: FuzzCorpus.region,
                    configuration)
                {
                    failures.append("input \(i): \(failure)\n--- input ---\n\(text.prefix(2_000))")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n\n"))")
        #expect(FuzzOracle.count < 200 || outOfRange > 0, "the mutations should reach numbers past 64 bits")
    }

    @Test("saved plans with hostile values are refused with located errors, or pass GameLift's rules")
    func plans() async throws {
        let tree = try FuzzJSON.parse(try FuzzCorpus.plan())
        var random = SeededGenerator(seed: 0x9_1A_4F11E)
        var failures: [String] = []
        var simulation = FuzzOracle.simulation()
        var refused = 0
        for i in 0..<FuzzOracle.count where failures.count < 5 {
            if i % 500 == 0 { simulation = FuzzOracle.simulation() }
            let text = JSONValueMutator.mutate(tree, &random)
            let path = "fuzz/plan-\(i).json"
            let plan: PlanDocument
            do {
                plan = try PlanFileValidator.decode(Data(text.utf8), path: path)
            } catch let error as PlanFileError {
                refused += 1
                let unlocated = error.diagnostics.filter { $0.location?.path != path || $0.location?.pointer == nil }
                if !unlocated.isEmpty || error.reason.isEmpty {
                    failures.append("input \(i): unlocated refusal \(error)\n--- input ---\n\(text.prefix(2_000))")
                }
                continue
            }
            for fleet in plan.fleets where fleet.isChange {
                guard let request = fleet.request else {
                    failures.append("input \(i): an accepted \(fleet.action) fleet has no request")
                    continue
                }
                if let failure = await FuzzOracle.crossCheck(
                    simulation, fleetIdOrArn: request.fleetId, region: fleet.region, request.runtimeConfiguration)
                {
                    failures.append("input \(i): \(failure)\n--- input ---\n\(text.prefix(2_000))")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n\n"))")
        #expect(FuzzOracle.count < 200 || refused > 0)
    }

    @Test("journals with hostile values are refused with located errors, or pass GameLift's rules")
    func journals() async throws {
        let lines = try FuzzCorpus.journalLines()
        let trees = try lines.map(FuzzJSON.parse)
        var random = SeededGenerator(seed: 0x10_BA_1F11E)
        var failures: [String] = []
        var simulation = FuzzOracle.simulation()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-journal-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("journal.jsonl").path
        for i in 0..<FuzzOracle.count where failures.count < 5 {
            if i % 500 == 0 { simulation = FuzzOracle.simulation() }
            var mutated = lines
            let line = random.below(lines.count)
            mutated[line] = JSONValueMutator.mutate(trees[line], &random)
            let text = mutated.joined(separator: "\n") + (random.below(4) == 0 ? "" : "\n")
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let targets: [RollbackTarget]
            do {
                let entries = try Journal.read(path: path)
                targets = try RollbackSelector.targets(entries, .run(nil), journalPath: path)
            } catch let error as JournalError {
                if !"\(error)".contains(path) { failures.append("input \(i): unlocated \(error)") }
                continue
            } catch is RollbackSelectionError {
                continue
            }
            let problems = JournalValidator.problems(restoring: targets)
            for d in problems where d.location?.path != path || d.location?.pointer == nil {
                failures.append("input \(i): unlocated \(d)\n--- input ---\n\(text.prefix(2_000))")
            }
            guard problems.isEmpty else { continue }
            // What needs the fleet (its operating system) is checked once rollback has read it; forced, so
            // every checked target is planned for sending whatever its live configuration.
            let rollback = await RollbackPlanner(reader: LiveFleetReader(gameLift: simulation)).plan(
                targets, force: true)
            for refusal in rollback.refusals where !refusal.reason.contains(path) {
                failures.append("input \(i): unlocated refusal \(refusal.reason)\n--- input ---\n\(text.prefix(2_000))")
            }
            for fleet in rollback.plan.fleets {
                guard let request = fleet.request else { continue }
                if let failure = await FuzzOracle.crossCheck(
                    simulation, fleetIdOrArn: request.fleetId, region: fleet.region, request.runtimeConfiguration)
                {
                    failures.append("input \(i): \(failure)\n--- input ---\n\(text.prefix(2_000))")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n\n"))")
    }
}
