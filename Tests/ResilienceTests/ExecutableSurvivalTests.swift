import AsyncHTTPClient
import FleetformTesting
import FleetformCore
import Foundation
import GameLiftAPI
import GameLiftSimulation
import NIOCore
import Testing

/// Every executable, run as a subprocess on hostile input, ends with an exit status (1 for a refusal), never
/// a signal: `fleetform` on mutated fleet files, saved plans and journals; `gamelift-local` on mutated seed,
/// state and fault files and on mutated requests while it serves; `fleetform-bench` on hostile arguments.
/// FLEETFORM_SURVIVAL_COUNT inputs of each kind (default 6).
@Suite("executables survive hostile input", .serialized)
struct ExecutableSurvivalTests {
    static var count: Int {
        ProcessInfo.processInfo.environment["FLEETFORM_SURVIVAL_COUNT"].flatMap(Int.init) ?? 6
    }
    static let environment = ["PATH": "/usr/bin:/bin", "AWS_REGION": "us-west-2", "AWS_EC2_METADATA_DISABLED": "true"]

    /// Runs a command and checks it exited (with a status in `allowed`) rather than being killed by a signal.
    static func survive(
        _ name: String, _ arguments: [String], in workspace: Workspace, allowed: Set<Int32>, label: String
    ) async throws -> String? {
        let binary = try BuiltBinaries.require(name)
        let (status, child) = try await ChildProcess.run(
            binary, arguments, directory: workspace.path,
            environment: Self.environment.merging(["HOME": workspace.path]) { $1 },
            outputPrefix: workspace.file("\(name)-\(label)"), timeout: 60)
        guard let status else { return "\(label): \(name) did not finish within 60 s" }
        guard child.process.terminationReason == .exit else {
            return
                "\(label): \(name) \(arguments.joined(separator: " ")) was killed by signal \(status)\n\(child.stderr)"
        }
        return allowed.contains(status) ? nil : "\(label): \(name) exited \(status)\n\(child.stdout)\n\(child.stderr)"
    }

    @Test("fleetform: mutated fleet files, saved plans and journals end in exit 0 or 1, never a signal")
    func fleetform() async throws {
        let workspace = try Workspace("survival-fleetform")
        defer { workspace.remove() }
        var random = SeededGenerator(seed: 0x5_0_2F1EE7F0)
        let seed = workspace.file("seed.json")
        try JSONEncoder().encode(FuzzCorpus.state).write(to: URL(fileURLWithPath: seed))
        let corpus = try YAMLFuzzTests.corpus()
        let plan = try FuzzJSON.parse(try FuzzCorpus.plan())
        let lines = try FuzzCorpus.journalLines()
        var failures: [String] = []
        for i in 0..<Self.count {
            let local = ["--local", "--local-state", workspace.file("state-\(i).json"), "--local-seed", seed]
            let yaml = workspace.file("fleet-\(i).yaml")
            try YAMLValueMutator.mutate(random.pick(corpus), &random).write(
                toFile: yaml, atomically: true, encoding: .utf8)
            let planFile = workspace.file("plan-\(i).json")
            try JSONValueMutator.mutate(plan, &random).write(toFile: planFile, atomically: true, encoding: .utf8)
            var journal = lines
            let line = random.below(lines.count)
            journal[line] = JSONValueMutator.mutate(try FuzzJSON.parse(lines[line]), &random)
            let journalFile = workspace.file("journal-\(i).jsonl")
            try (journal.joined(separator: "\n") + "\n").write(toFile: journalFile, atomically: true, encoding: .utf8)
            let runs: [(String, [String], Set<Int32>)] = [
                ("validate", ["validate", yaml], [0, 1]),
                (
                    "apply-plan", ["apply", "--plan", planFile, "--journal", workspace.file("j-\(i).jsonl")] + local,
                    [0, 1, 3]
                ),
                ("rollback", ["rollback", "--journal", journalFile, "--auto-approve"] + local, [0, 1, 3]),
            ]
            for (label, arguments, allowed) in runs {
                if let failure = try await Self.survive(
                    "fleetform", arguments, in: workspace, allowed: allowed, label: "\(label) \(i)")
                {
                    failures.append(failure)
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n\n"))")
    }

    @Test("gamelift-local: mutated seed and fault files exit 1 or serve; mutated requests never stop it")
    func gameliftLocal() async throws {
        let workspace = try Workspace("survival-emulator")
        defer { workspace.remove() }
        var random = SeededGenerator(seed: 0x5_0_2E4)
        let stateText = String(decoding: try JSONEncoder().encode(FuzzCorpus.state), as: UTF8.self)
        let validSeed = workspace.file("seed.json")
        try stateText.write(toFile: validSeed, atomically: true, encoding: .utf8)
        let state = try FuzzJSON.parse(stateText)
        let faults = try FuzzJSON.parse(
            #"{"throttle":{"requestsPerSecond":1000,"burst":50},"rules":[{"operation":"ListFleets","error":"#
                + #""InternalServiceException","count":1,"latencyMs":1,"httpStatus":500,"dropRate":0}],"holds":"#
                + #"[{"fleet":"\#(FuzzCorpus.windowsFleet)","seconds":5,"updateAttempts":1}]}"#)
        var failures: [String] = []
        for i in 0..<Self.count {
            let seed = workspace.file("seed-\(i).json")
            try JSONValueMutator.mutate(state, &random).write(toFile: seed, atomically: true, encoding: .utf8)
            let faultFile = workspace.file("faults-\(i).json")
            try JSONValueMutator.mutate(faults, &random).write(toFile: faultFile, atomically: true, encoding: .utf8)
            let runs = [
                ("seed", ["--seed-state", seed]), ("faults", ["--seed-state", validSeed, "--faults", faultFile]),
            ]
            for (label, arguments) in runs {
                let server = try await Self.start(arguments, in: workspace, label: "\(label)-\(i)")
                if server.isRunning { server.process.terminate() }
                let status = await server.wait(timeout: 60)
                if server.process.terminationReason != .exit || ![0, 1].contains(status ?? -1) {
                    failures.append(
                        "\(label) \(i): gamelift-local ended with \(String(describing: status))\n\(server.stderr)")
                }
            }
        }
        // One server, many mutated requests: it answers each and is still serving at the end.
        let server = try await Self.start(["--seed-state", validSeed], in: workspace, label: "requests")
        let endpoint = String(server.stdout.split(separator: "\n").first?.dropFirst("listening on ".count) ?? "")
        let trees = try FuzzCorpus.requests.map { ($0.operation, try FuzzJSON.parse($0.body)) }
        for _ in 0..<(Self.count * 10) {
            let (operation, tree) = random.pick(trees)
            _ = try? await Self.post(endpoint, operation.rawValue, JSONValueMutator.mutate(tree, &random))
        }
        let canary = try await Self.post(
            endpoint, "DescribeRuntimeConfiguration", #"{"FleetId":"\#(FuzzCorpus.linuxFleet)"}"#)
        #expect(canary == 200)
        server.process.terminate()
        let status = await server.wait(timeout: 60)
        #expect(status == 0 && server.process.terminationReason == .exit)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n\n"))")
    }

    /// `gamelift-local --port 0 …`, once it listens or has exited.
    static func start(_ arguments: [String], in workspace: Workspace, label: String) async throws -> ChildProcess {
        let binary = try BuiltBinaries.require("gamelift-local")
        let child = try ChildProcess(
            binary, ["--port", "0", "--log-level", "critical"] + arguments, directory: workspace.path,
            environment: environment, outputPrefix: workspace.file("local-\(label)"))
        _ = await poll(deadline: 30) { child.stdout.hasPrefix("listening on") || !child.isRunning }
        return child
    }

    static func post(_ endpoint: String, _ operation: String, _ body: String) async throws -> UInt {
        var request = HTTPClientRequest(url: endpoint + "/")
        request.method = .POST
        request.headers.add(name: "X-Amz-Target", value: "GameLift.\(operation)")
        request.headers.add(name: "Content-Type", value: "application/x-amz-json-1.1")
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        _ = try await response.body.collect(upTo: 1 << 20)
        return response.status.code
    }

    @Test("fleetform-bench: hostile arguments end in an exit status, never a signal")
    func bench() async throws {
        let workspace = try Workspace("survival-bench")
        defer { workspace.remove() }
        let arguments: [[String]] = [
            ["validate", "--count", "99999999999999999999"], ["validate", "--count", "-1"],
            ["generate", "--count", "0", "--out", workspace.path], ["plan-apply", "--fleets", "-5"],
            ["plan-apply", "--fleets", "1", "--throttle-rps", "nan"],
            ["plan-apply", "--latency-ms", "inf", "--fleets", "0"],
            ["plan-apply", "--fleets", "1", "--compare-boto3", "--boto3-threads", "-3"],
        ]
        var failures: [String] = []
        for (index, list) in arguments.enumerated() {
            if let failure = try await Self.survive(
                "fleetform-bench", list, in: workspace, allowed: [1, 64], label: "args \(index)")
            {
                failures.append(failure)
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n\n"))")
    }
}
