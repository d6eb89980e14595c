import FleetSpec
import FleetformTesting
import Foundation
import GameLiftAPI
import Testing

@testable import fleetform

@testable import FleetformCore

/// What a plan says a change does to capacity, to each process's share of the instance and to game-session
/// activation (docs/plan-json.md, `impact`), and what it costs in requests.
@Suite("Plan impact")
struct ImpactTests {
    static let doubled = "fleet-40a8c5e2-7b1d-4c3e-9f60-a1b2c3d4e5f6"
    static let shrunk = "fleet-b5c2e9d1-3a4f-4b6e-8d70-f6e5d4c3b2a1"
    static let unknownType = "fleet-c91f0a7e-2d3b-4e5a-b6c7-d8e9f0a1b2c3"
    static let anywhere = "fleet-d2a4e6f8-1b3c-4d5e-a6b7-c8d9e0f1a2b3"
    static let steady = "fleet-e7f9b1c3-5d2a-4f6e-8b0c-1d2e3f4a5b6c"

    static func configuration(_ process: ServerProcess, _ count: Int, limit: Int? = 2, timeout: Int? = 120)
        -> RuntimeConfiguration
    {
        var p = process
        p.concurrentExecutions = count
        return RuntimeConfiguration(
            serverProcesses: [p], maxConcurrentGameSessionActivations: limit,
            gameSessionActivationTimeoutSeconds: timeout)
    }

    /// Four changed fleets and one unchanged: 4 → 8 processes on 10 c5.large instances; 8 → 2 on 5 c5.xlarge
    /// with 25 game sessions running (a drop below them); an instance type the table does not know; an Anywhere
    /// fleet on 2 computes.
    static func world() -> (FleetSet, ScriptedGameLift) {
        let ranked = Fixture.ranked
        let casual = Fixture.casual
        let docs = [
            Fixture.document(
                doubled, path: "fleets/prod/arena.yaml", line: 3, configuration(ranked, 8, limit: 4, timeout: 300)),
            Fixture.document(shrunk, path: "fleets/prod/casual.yaml", line: 3, configuration(casual, 2)),
            Fixture.document(unknownType, path: "fleets/prod/next-gen.yaml", line: 3, configuration(ranked, 4)),
            Fixture.document(anywhere, path: "fleets/onprem/lan.yaml", line: 3, configuration(casual, 3, limit: nil)),
            Fixture.document(steady, path: "fleets/prod/lobby.yaml", line: 3, configuration(casual, 4)),
        ]
        let gameLift = ScriptedGameLift([
            doubled: .init(
                region: "us-west-2", configuration: configuration(ranked, 4), instanceType: "c5.large",
                computeType: .ec2, instances: 10, activeGameSessions: 31),
            shrunk: .init(
                region: "us-west-2", configuration: configuration(casual, 8), instanceType: "c5.xlarge",
                computeType: .ec2, instances: 5, activeGameSessions: 25),
            unknownType: .init(
                region: "us-west-2", configuration: configuration(ranked, 2), instanceType: "c9.mega",
                computeType: .ec2, instances: 3),
            anywhere: .init(
                region: "us-west-2", configuration: configuration(casual, 1, limit: nil), computeType: .anywhere,
                instances: 2),
            steady: .init(
                region: "us-west-2", configuration: configuration(casual, 4), instanceType: "c5.large",
                instances: 4),
        ])
        return (FleetSet(documents: docs, diagnostics: [], fileCount: docs.count), gameLift)
    }

    static let options = ImpactOptions(
        minProcessMemory: MemorySize(parsing: "1GiB"), maxProcessesPerVCPU: 1, names: Words.names)

    static func plan(_ fleets: FleetSet, _ gameLift: any GameLift, impact: ImpactOptions? = options) async throws
        -> PlanDocument
    {
        let planner = LivePlanner(
            reader: LiveFleetReader(gameLift: gameLift), wallClock: { Fixture.date }, impact: impact)
        let result = await planner.plan(fleets)
        return try #require(result.plan, "\(result.diagnostics)")
    }

    // MARK: Golden files

    @Test("golden text, Markdown and JSON plans with impacts")
    func golden() async throws {
        let (fleets, gameLift) = Self.world()
        let plan = try await Self.plan(fleets, gameLift)
        try GoldenTests.check("plan-impact.txt", PlanTextRenderer(names: Words.names).render(plan))
        try GoldenTests.check("plan-impact.md", PlanMarkdownRenderer(names: Words.names).render(plan))
        let json = String(decoding: try ReportJSON.encoder().encode(plan), as: UTF8.self) + "\n"
        try GoldenTests.check("plan-impact.json", json)
        // A saved plan with impacts reads back as it was written.
        #expect(try ReportJSON.decoder().decode(PlanDocument.self, from: Data(json.utf8)) == plan)
    }

    @Test("4 → 8 processes on 10 c5.large: 40 → 80 slots, memory per process halved, and its warnings")
    func doubledProcesses() async throws {
        let (fleets, gameLift) = Self.world()
        let plan = try await Self.plan(fleets, gameLift)
        let impact = try #require(plan.fleets[0].impact)
        #expect(impact.processesPerInstance == BeforeAfter(before: 4, after: 8))
        #expect(impact.slots == BeforeAfter(before: 40, after: 80))
        #expect(impact.instance == InstanceSize(vCPUs: 2, memoryMiB: 4096))
        #expect(impact.perProcess?.before == ProcessShare(vCPUs: 0.5, memoryMiB: 1024))
        #expect(impact.perProcess?.after == ProcessShare(vCPUs: 0.25, memoryMiB: 512))
        #expect(impact.locations.map(\.location) == ["us-west-2"])
        #expect(impact.locations.first?.activeGameSessions == nil, "no drop, so the fleet's use was not read")
        #expect(impact.warnings.map(\.code) == [.processMemoryBelowMinimum, .processesAboveVCPUs])
        #expect(impact.warnings.allSatisfy { $0.location == fleets.documents[0].location })
        #expect(
            impact.activation.summary
                == "up to 2 → 4 game sessions activating at once per instance (20 → 40 across 10 instances); "
                + "each has 120 s → 300 s to activate")
        #expect(plan.fleets[4].action == .unchanged && plan.fleets[4].impact == nil)
    }

    @Test("a drop below the game sessions running now warns FF501; an unknown type and Anywhere are said so")
    func dropUnknownAndAnywhere() async throws {
        let (fleets, gameLift) = Self.world()
        let plan = try await Self.plan(fleets, gameLift)
        let shrunk = try #require(plan.fleets[1].impact)
        #expect(shrunk.slots == BeforeAfter(before: 40, after: 10))
        #expect(shrunk.locations.first?.activeGameSessions == 25)
        #expect(shrunk.warnings.map(\.code) == [.capacityBelowGameSessions])
        let unknown = try #require(plan.fleets[2].impact)
        #expect(unknown.instance == nil && unknown.perProcess == nil)
        #expect(unknown.notes.contains { $0.contains("c9.mega is not in fleetform's instance table") })
        #expect(unknown.slots == BeforeAfter(before: 6, after: 12))
        let anywhere = try #require(plan.fleets[3].impact)
        #expect(anywhere.unit == "compute" && anywhere.instance == nil && anywhere.perProcess == nil)
        #expect(anywhere.slots == BeforeAfter(before: 2, after: 6))
        #expect(ImpactText.line(anywhere).hasPrefix("impact: 1 → 3 processes per compute; 2 → 6 game-session slots"))
        // Only the shrinking fleet's use is read: one utilization request naming it alone.
        #expect(gameLift.calls(.describeFleetUtilization).map(\.fleetId) == [Self.shrunk])
        #expect(gameLift.calls(.describeFleetCapacity).count == 1)
    }

    @Test("plan --strict: impact warnings fail the plan after it is shown; file warnings stop it before the network")
    func strict() async throws {
        let (fleets, gameLift) = Self.world()
        let context = WorkflowContext(gameLift: gameLift, wallClock: { Fixture.date })
        let input = FleetInput(fleets: fleets)
        let lenient = await PlanWorkflow(context: context, options: .init(impact: Self.options)).run(input)
        #expect(lenient.status == .success && lenient.plan?.impactWarnings.count == 3)
        let strict = await PlanWorkflow(context: context, options: .init(impact: Self.options, strict: true)).run(input)
        #expect(strict.status == .error)
        #expect(
            strict.plan?.impactWarnings.map(\.code) == [
                .processMemoryBelowMinimum, .processesAboveVCPUs, .capacityBelowGameSessions,
            ])
        let quiet = ImpactOptions(minProcessMemory: nil, maxProcessesPerVCPU: nil)
        let (calmFleets, calm) = Self.many(changed: 3, unchanged: 1)
        let calmInput = FleetInput(fleets: calmFleets)
        let passed = await PlanWorkflow(
            context: WorkflowContext(gameLift: calm), options: .init(impact: quiet, strict: true)
        ).run(calmInput)
        #expect(passed.status == .success, "no warning, nothing to fail")

        var warned = fleets
        warned.diagnostics = [
            Diagnostic(.warning, .launchPathSetupScript, "a setup script", at: fleets.documents[0].location)
        ]
        let (_, untouched) = Self.world()
        let refused = await PlanWorkflow(
            context: WorkflowContext(gameLift: untouched), options: .init(strict: true)
        ).run(FleetInput(fleets: warned))
        #expect(refused.status == .error && refused.plan == nil)
        #expect(refused.diagnostics.map(\.severity) == [.error])
        #expect(untouched.recorded.isEmpty, "nothing is sent while a file has a warning under --strict")
    }

    // MARK: Request budget

    /// `changed` fleets that change (growing, or with `dropping` shrinking) and `unchanged` that do not, in one
    /// region, on a recording double.
    static func many(changed: Int, dropping: Int = 0, unchanged: Int) -> (FleetSet, ScriptedGameLift) {
        var docs: [FleetDocument] = []
        var fleets: [String: ScriptedGameLift.Fleet] = [:]
        for index in 0..<(changed + unchanged) {
            let id = String(format: "fleet-00000000-0000-4000-8000-%012d", index)
            let live = index < dropping ? 6 : 2
            let want = index < changed ? 4 : live
            docs.append(Fixture.document(id, path: "fleets/\(index).yaml", configuration(Fixture.casual, want)))
            fleets[id] = .init(
                region: "us-west-2", configuration: configuration(Fixture.casual, live), instanceType: "c5.large",
                instances: 3, activeGameSessions: 1)
        }
        return (FleetSet(documents: docs, diagnostics: [], fileCount: docs.count), ScriptedGameLift(fleets))
    }

    @Test(
        "a plan spends one more request per 50 changed fleets, none when nothing changes",
        arguments: [(0, 5), (1, 0), (50, 3), (51, 0), (120, 30)])
    func requestBudget(changed: Int, unchanged: Int) async throws {
        let (fleets, plain) = Self.many(changed: changed, unchanged: unchanged)
        _ = try await Self.plan(fleets, plain, impact: nil)
        let (_, measured) = Self.many(changed: changed, unchanged: unchanged)
        let plan = try await Self.plan(fleets, measured)
        let batches = (changed + 49) / 50
        #expect(measured.recorded.count - plain.recorded.count == batches)
        #expect(measured.calls(.describeFleetCapacity).count == batches)
        #expect(measured.calls(.describeFleetUtilization).isEmpty, "no slot drops, so no utilization read")
        #expect(
            measured.calls(.describeFleetCapacity).allSatisfy {
                $0.fleetId.split(separator: ",").count <= GameLiftLimits.fleetCapacityBatch
            })
        #expect(plan.fleets.filter { $0.impact != nil }.count == changed)
    }

    @Test("fleets whose slots drop cost one more request per 50 of them, to read the game sessions running")
    func dropBudget() async throws {
        let (fleets, gameLift) = Self.many(changed: 70, dropping: 60, unchanged: 10)
        let plan = try await Self.plan(fleets, gameLift)
        #expect(gameLift.calls(.describeFleetCapacity).count == 2)
        #expect(gameLift.calls(.describeFleetUtilization).count == 2)
        #expect(Set(gameLift.calls(.describeFleetUtilization).flatMap { $0.fleetId.split(separator: ",") }).count == 60)
        #expect(plan.fleets.prefix(60).allSatisfy { $0.impact?.locations.first?.activeGameSessions == 1 })
    }

    @Test("a multi-location fleet: capacity and game sessions per location, one request per remote location")
    func multiLocation() async throws {
        let id = "fleet-f00d1e55-6a7b-4c8d-9e0f-a1b2c3d4e5f6"
        let document = Fixture.document(
            id, path: "fleets/prod/global.yaml", line: 3, Self.configuration(Fixture.ranked, 2))
        let gameLift = ScriptedGameLift([
            id: .init(
                region: "us-west-2", configuration: Self.configuration(Fixture.ranked, 4), instanceType: "c5.large",
                instances: 10, activeGameSessions: 12,
                remoteLocations: ["eu-west-1": (instances: 4, activeGameSessions: 10), "ap-south-1": (3, 0)])
        ])
        let fleets = FleetSet(documents: [document], diagnostics: [], fileCount: 1)
        let plan = try await Self.plan(fleets, gameLift)
        let impact = try #require(plan.fleets.first?.impact)
        #expect(impact.locations.map(\.location) == ["us-west-2", "ap-south-1", "eu-west-1"])
        #expect(
            impact.locations.map(\.slots) == [
                .init(before: 40, after: 20), .init(before: 12, after: 6), .init(before: 16, after: 8),
            ])
        #expect(impact.slots == BeforeAfter(before: 68, after: 34))
        #expect(impact.locations.map(\.activeGameSessions) == [12, 0, 10])
        #expect(impact.warnings.map(\.code) == [.capacityBelowGameSessions])
        #expect(
            impact.warnings.first?.message.contains("in eu-west-1 (4 instances × 2) for the 10 game sessions") == true)
        #expect(gameLift.calls(.describeFleetCapacity).count == 1)
        #expect(
            gameLift.calls(.describeFleetLocationCapacity).map(\.fleetId).sorted() == [
                "\(id) ap-south-1", "\(id) eu-west-1",
            ])
        #expect(gameLift.calls(.describeFleetUtilization).count == 1)
        #expect(gameLift.calls(.describeFleetLocationUtilization).count == 2)
        let text = PlanTextRenderer(names: Words.names).render(plan)
        #expect(
            text.contains(
                "68 → 34 game-session slots (us-west-2: 10 instances, 40 → 20; ap-south-1: 3 instances, 12 → 6; eu-west-1: 4 instances, 16 → 8)"
            ), "\(text)")
        let markdown = PlanMarkdownRenderer(names: Words.names).render(plan)
        #expect(markdown.contains("| Game-session slots (eu-west-1, 4 instances) | 16 | 8 |"), "\(markdown)")
        #expect(markdown.contains("| Game-session slots (all locations) | 68 | 34 |"))
    }

    @Test("capacity pages are followed to the end")
    func capacityPaging() async throws {
        let (fleets, gameLift) = Self.world()
        gameLift.capacityPageSize = 1
        let plan = try await Self.plan(fleets, gameLift)
        #expect(gameLift.calls(.describeFleetCapacity).count == 4, "four changed fleets, one per page")
        #expect(plan.fleets.prefix(4).allSatisfy { $0.impact?.slots != nil })
    }

    @Test("a capacity read that fails is a note on each of its fleets, never a failed plan")
    func capacityFailure() async throws {
        let (fleets, gameLift) = Self.world()
        gameLift.script(
            .describeFleetCapacity, Self.doubled,
            [GameLiftServiceError(code: .unauthorized, message: "no capacity for you", httpStatus: 400)])
        let plan = try await Self.plan(fleets, gameLift)
        #expect(plan.fleets.map(\.action) == [.update, .update, .update, .update, .unchanged])
        let impact = try #require(plan.fleets[0].impact)
        #expect(impact.slots == nil)
        #expect(impact.notes.contains { $0.contains("UnauthorizedException: no capacity for you") })
        #expect(impact.perProcess?.after == ProcessShare(vCPUs: 0.25, memoryMiB: 512), "the share needs no capacity")
    }

    // MARK: Hostile numbers

    @Test("counts GameLift should never send are refused or saturate, never trap")
    func hostileCounts() throws {
        let document = Fixture.document(Self.doubled, Self.configuration(Fixture.ranked, 50))
        var plan = Planner.planFleet(
            document,
            ObservedFleet(
                attributes: FleetAttributes(fleetId: Self.doubled, instanceType: "c5.large"),
                configuration: RuntimeConfiguration(
                    serverProcesses: [
                        ServerProcess(launchPath: "/local/game/a", concurrentExecutions: Int.max),
                        ServerProcess(launchPath: "/local/game/b", concurrentExecutions: Int.max),
                    ])))
        #expect(plan.action == .update)
        let capacity: [FleetCapacity] = [
            FleetCapacity(fleetId: Self.doubled, instanceCounts: InstanceCounts(active: -5), location: "us-west-2"),
            FleetCapacity(
                fleetId: Self.doubled, instanceCounts: InstanceCounts(active: Int.max), location: "eu-west-1"),
            FleetCapacity(
                fleetId: Self.doubled, instanceCounts: InstanceCounts(active: 2_147_483_647), location: "ap-south-1"),
            FleetCapacity(fleetId: Self.doubled, location: "sa-east-1"),
        ]
        let use = [FleetUtilization(fleetId: Self.doubled, activeGameSessionCount: -1, location: "ap-south-1")]
        let impact = try #require(
            ImpactCalculator.impact(
                of: plan,
                observed: .init(
                    attributes: FleetAttributes(fleetId: Self.doubled, instanceType: "c5.large"),
                    capacity: .read(capacity), utilization: .read(use)),
                options: ImpactOptions()))
        #expect(impact.processesPerInstance == BeforeAfter(before: Int.max, after: 50))
        #expect(impact.locations.map(\.location) == ["ap-south-1"])
        #expect(impact.locations.first?.slots.before == Int.max, "saturates")
        #expect(impact.locations.first?.activeGameSessions == nil, "a negative count is not used")
        #expect(impact.notes.filter { $0.contains("no usable count of active instances") }.count == 3)
        plan.impact = impact
        #expect(
            !PlanTextRenderer(names: Words.names).render(PlanDocument(fleets: [plan], createdAt: Fixture.date)).isEmpty)

        // A negative live count runs no process: nothing below zero reaches the plan.
        var negative = plan
        negative.observed = RuntimeConfiguration(
            serverProcesses: [ServerProcess(launchPath: "/local/game/a", concurrentExecutions: -7)])
        let fromNegative = try #require(
            ImpactCalculator.impact(
                of: negative, observed: .init(attributes: nil, capacity: .read([capacity[2]])),
                options: ImpactOptions()))
        #expect(fromNegative.processesPerInstance.before == 0)
        #expect(fromNegative.locations.first?.slots.before == 0)
        #expect(fromNegative.perProcess?.before == nil)
    }

    @Test("memory sizes as the command line writes them")
    func memorySizes() {
        #expect(MemorySize(parsing: "512MiB")?.mebibytes == 512)
        #expect(MemorySize(parsing: "512M")?.mebibytes == 512)
        #expect(MemorySize(parsing: "1GiB")?.mebibytes == 1024)
        #expect(MemorySize(parsing: "1.5GiB")?.mebibytes == 1536)
        #expect(MemorySize(parsing: "2048")?.mebibytes == 2048)
        for bad in ["", "0", "-1", "0.4MiB", "1e400", "1e3", "abc", "12TiB", "99999999999GiB", ".", "1..2GiB"] {
            #expect(MemorySize(parsing: bad) == nil, "\(bad)")
        }
        #expect(MemorySize.text(mebibytes: 512) == "512 MiB")
        #expect(MemorySize.text(mebibytes: 4096) == "4 GiB")
        #expect(MemorySize.text(mebibytes: 15616) == "15.25 GiB")
    }

    @Test("the instance table knows every GameLift type it lists, c5.large as 2 vCPUs and 4 GiB")
    func instanceTable() {
        #expect(InstanceTypeTable.size(of: "c5.large") == InstanceSize(vCPUs: 2, memoryMiB: 4096))
        #expect(InstanceTypeTable.size(of: "r5.24xlarge") == InstanceSize(vCPUs: 96, memoryMiB: 786_432))
        #expect(InstanceTypeTable.size(of: "c9.mega") == nil)
        #expect(InstanceTypeTable.names.count == Set(InstanceTypeTable.names).count)
        #expect(InstanceTypeTable.names.count >= 500)
        #expect(InstanceTypeTable.size(of: "c5n.9xlarge") == InstanceSize(vCPUs: 36, memoryMiB: 98_304))
        #expect(InstanceTypeTable.size(of: "c8g.48xlarge") == InstanceSize(vCPUs: 192, memoryMiB: 393_216))
    }

    @Test("a Markdown plan of many changed fleets with impacts stays under GitHub's comment limit")
    func markdownLimit() async throws {
        let (fleets, gameLift) = Self.many(changed: 400, dropping: 200, unchanged: 0)
        let plan = try await Self.plan(fleets, gameLift)
        let markdown = PlanMarkdownRenderer(names: Words.names).render(plan)
        #expect(markdown.count < PlanMarkdownRenderer.githubCommentLimit)
        #expect(markdown.contains("> **Cut:**"))
        #expect(markdown.contains("| Slots |"))
    }
}
