import FleetSpec
import FleetformCore
import FleetformTesting
import Foundation
import GameLiftAPI
import GameLiftSimulation
import Testing

/// Environments of `fleetform.yaml` through the workflows (docs/policy.md): each fleet's requests through its
/// environment's account, the account guard per environment, impact rules in plans and streamed applies, apply
/// rules (watch, waves, windows, freezes), and overrides recorded where the issue asks.
@Suite("Environments and rules")
struct PolicyTests {
    static let prodAccount = "111111111111"
    static let stagingAccount = "222222222222"
    static let prodFleet = "fleet-aaaaaaaa-0000-4000-8000-000000000001"
    static let stagingFleet = "fleet-bbbbbbbb-0000-4000-8000-000000000002"
    static let now = Date(timeIntervalSince1970: 1_796_000_000)  // 2026-11-30, a Monday

    static let settingsText = """
        environments:
          - name: prod
            match: prod/**
            account: "111111111111"
            rules:
              minSlotsPerLocation: 50
              requireWatch: 10m
          - name: staging
            match: staging/**
            account: "222222222222"
        """

    /// Records every operation, then forwards it.
    final class Counting: GameLift, @unchecked Sendable {
        let base: any GameLift
        private let lock = NSLock()
        private var sent: [(GameLiftOperation, [String])] = []

        init(_ base: any GameLift) { self.base = base }

        func send<Request: GameLiftRequest>(_ request: Request, region: String) async throws -> Request.Output {
            let fleets = (request as? any FleetAddressed)?.addressedFleets ?? []
            lock.withLock { sent.append((Request.operation, fleets)) }
            return try await base.send(request, region: region)
        }

        func connectionGroup(of fleetId: String) -> Int { base.connectionGroup(of: fleetId) }

        func count(_ operation: GameLiftOperation? = nil, naming fleet: String? = nil) -> Int {
            lock.withLock {
                sent.count { entry in
                    (operation == nil || entry.0 == operation) && (fleet == nil || entry.1.contains(fleet ?? ""))
                }
            }
        }
    }

    /// Two accounts of one simulation, the settings, and the fleet files (prod asking for `prodProcesses`).
    struct World {
        let simulation: GameLiftSimulation
        let settings: RepositorySettings
        let fleets: FleetSet
        let journalPath = Fixture.temporaryDirectory() + "/journal.jsonl"
        let counting: Counting
        /// Who the staging environment's credentials are.
        let stagingIdentity: GameLiftSimulation

        init(prodProcesses: Int = 8, stagingCredentialsAccount: String = PolicyTests.stagingAccount) {
            let live = RuntimeConfiguration(serverProcesses: [
                ServerProcess(launchPath: "/local/game/bin/Server", concurrentExecutions: 4)
            ])
            var staging = SimulatedFleet(
                fleetId: PolicyTests.stagingFleet, region: "us-west-2", runtimeConfiguration: live, instances: 2)
            staging.account = PolicyTests.stagingAccount
            simulation = GameLiftSimulation(
                state: SimulationState(
                    account: PolicyTests.prodAccount,
                    fleets: [
                        SimulatedFleet(
                            fleetId: PolicyTests.prodFleet, region: "us-west-2", runtimeConfiguration: live,
                            instances: 10),
                        staging,
                    ]))
            settings = SettingsFile.load(
                bytes: Array(PolicyTests.settingsText.utf8), path: "fleetform.yaml", folder: "/repo")
            func file(_ id: String, _ processes: Int) -> String {
                "FleetId: \(id)\nRegion: us-west-2\nRuntimeConfiguration:\n  ServerProcesses:\n"
                    + "    - LaunchPath: /local/game/bin/Server\n      ConcurrentExecutions: \(processes)\n"
            }
            let options = LoadOptions(settings: settings)
            let prod = FleetLoader.load(
                text: file(PolicyTests.prodFleet, prodProcesses), path: "/repo/prod/a.yaml", options: options)
            let stage = FleetLoader.load(
                text: file(PolicyTests.stagingFleet, 2), path: "/repo/staging/b.yaml", options: options)
            fleets = FleetSet(
                documents: prod.documents + stage.documents, diagnostics: prod.diagnostics + stage.diagnostics,
                fileCount: 2)
            let prodView = simulation.acting(as: PolicyTests.prodAccount)
            stagingIdentity = simulation.acting(as: stagingCredentialsAccount)
            counting = Counting(
                RoutedGameLift(
                    connections: [simulation, prodView, stagingIdentity],
                    routes: [PolicyTests.prodFleet: 1, PolicyTests.stagingFleet: 2]))
        }

        func context() -> WorkflowContext {
            var context = WorkflowContext(gameLift: counting, identity: simulation, wallClock: { PolicyTests.now })
            context.environments = [
                EnvironmentAccount(
                    name: "prod", expectedAccount: PolicyTests.prodAccount,
                    identity: simulation.acting(as: PolicyTests.prodAccount)),
                EnvironmentAccount(
                    name: "staging", expectedAccount: PolicyTests.stagingAccount, identity: stagingIdentity),
            ]
            return context
        }

        func plan(strict: Bool = false, overrides: [RuleOverride] = []) async -> PlanWorkflow.Result {
            var options = PlanWorkflow.Options(strict: strict)
            options.policy = RunPolicy(settings: settings, overrides: overrides)
            return await PlanWorkflow(context: context(), options: options).run(FleetInput(fleets: fleets))
        }

        func apply(watch: Double? = nil, overrides: [RuleOverride] = []) async -> ApplyWorkflow.Result {
            var options = ApplyWorkflow.Options(
                journalPath: journalPath, watchSeconds: watch, approval: .automatic, runId: "run-policy")
            options.policy = RunPolicy(settings: settings, overrides: overrides)
            return await ApplyWorkflow(context: context(), options: options).run(.files(FleetInput(fleets: fleets)))
        }
    }

    @Test("each environment's fleets are read through its account, batched per account; both accounts recorded")
    func twoAccounts() async throws {
        let world = World()
        #expect(world.fleets.diagnostics.isEmpty, "\(world.fleets.diagnostics)")
        let result = await world.plan()
        let plan = try #require(result.plan, "\(result.diagnostics)")
        #expect(plan.fleets.map(\.action) == [.update, .update])
        #expect(plan.fleets.map(\.environment) == ["prod", "staging"])
        #expect(plan.environments?.map(\.name) == ["prod", "staging"])
        #expect(plan.environments?.map(\.caller.account) == [Self.prodAccount, Self.stagingAccount])
        #expect(plan.caller == nil, "every fleet is in an environment of its own account")
        // One attributes batch per account: a batch never mixes accounts.
        #expect(world.counting.count(.describeFleetAttributes) == 2)
    }

    @Test("an environment reached with another account's credentials is refused before any request for its fleets")
    func wrongCredentials() async throws {
        let world = World(stagingCredentialsAccount: Self.prodAccount)
        let context = world.context()
        var options = PlanWorkflow.Options()
        options.policy = RunPolicy(settings: world.settings)
        let plan = try #require(
            await PlanWorkflow(context: context, options: options).run(FleetInput(fleets: world.fleets)).plan)
        let staging = try #require(plan.fleets.last)
        #expect(staging.action == .failed)
        #expect(
            staging.refusal
                == .environmentAccount(
                    environment: "staging", expected: Self.stagingAccount, actual: Self.prodAccount,
                    principal: "arn:aws:iam::111111111111:user/gamelift-local"))
        #expect(staging.failure?.code == "AccountMismatch")
        #expect(world.counting.count(naming: Self.stagingFleet) == 0)
    }

    @Test("a change under minSlotsPerLocation: FF630 at the fleet and the rule; --strict fails unless overridden")
    func impactRule() async throws {
        let world = World(prodProcesses: 2)  // 10 instances × 2 = 20 slots, under 50 (and no FF503 on 2 vCPUs)
        let relaxed = await world.plan()
        let plan = try #require(relaxed.plan)
        let broken = try #require(plan.impactWarnings.first { $0.code == .ruleMinSlotsPerLocation })
        #expect(broken.location?.path == "/repo/prod/a.yaml")
        #expect(broken.related == SourceLocation(path: "fleetform.yaml", line: 6, column: 28))
        #expect(broken.message.contains("20 game-session slots in us-west-2"))
        #expect(relaxed.status != .error)
        #expect(await world.plan(strict: true).status == .error)
        let overridden = await world.plan(
            strict: true, overrides: [RuleOverride(rule: .minSlotsPerLocation, reason: "load test")])
        #expect(overridden.status != .error, "\(overridden.plan?.impactWarnings ?? []) \(overridden.diagnostics)")
        #expect(overridden.plan?.overrides?.first?.reason == "load test")
    }

    @Test("apply: the apply rules refuse before any request; impact rules before any update; overrides journaled")
    func applyRefusesThenOverrides() async throws {
        let world = World(prodProcesses: 3)
        let unwatched = await world.apply()
        #expect(unwatched.status == .error)
        #expect(unwatched.apply == nil)
        #expect(world.counting.count() == 0, "requireWatch is broken: nothing is read or written")

        let watchedButSmall = await world.apply(
            overrides: [RuleOverride(rule: .requireWatch, reason: "watched by the on-call dashboard")])
        #expect(watchedButSmall.status == .error)
        #expect(world.counting.count(.updateRuntimeConfiguration) == 0)
        // The streamed apply read capacity first: one DescribeFleetCapacity for the environment's one fleet.
        #expect(world.counting.count(.describeFleetCapacity) == 1)

        let both = [
            RuleOverride(rule: .requireWatch, reason: "incident 7"),
            RuleOverride(rule: .minSlotsPerLocation, reason: "incident 7"),
        ]
        let applied = await world.apply(overrides: both)
        #expect(applied.apply?.summary.updated == 2, "\(String(describing: applied.apply))")
        #expect(applied.apply?.overrides == both)
        let journal = try String(contentsOfFile: world.journalPath, encoding: .utf8)
        #expect(journal.contains("\"reason\":\"incident 7\""))
        #expect(journal.contains("\"environment\":\"prod\""))
        #expect(journal.contains("\"environment\":\"staging\""))
    }

    @Test("a saved plan's environments: listed by the plan, and where the settings put the files today")
    func savedPlanEnvironments() async throws {
        let world = World()
        var plan = try #require(await world.plan().plan)
        #expect(SavedPlanEnvironments.problems(plan, settings: world.settings, path: "plan.json").isEmpty)
        plan.fleets[0].environment = "nowhere"
        plan.fleets[1].environment = "prod"
        let problems = SavedPlanEnvironments.problems(plan, settings: world.settings, path: "plan.json")
        #expect(problems.map(\.code) == [.inconsistentPlan, .inconsistentPlan])
        #expect(problems.map(\.location?.pointer) == ["/fleets/0/environment", "/fleets/1/environment"])
        #expect(problems[1].message.contains("puts /repo/staging/b.yaml in environment 'staging'"), "\(problems)")
    }

    @Test("a rollout inside a freeze is refused before anything is read")
    func rolloutInAFreeze() async throws {
        let world = World()
        var settings = world.settings
        settings.environments[0].rules.freezes = [try FreezePeriod("2026-11-01..2026-12-31")]
        settings.environments[0].rules.locations[.freeze] = SourceLocation(path: "fleetform.yaml", line: 9, column: 15)
        var apply = ApplyWorkflow.Options(journalPath: world.journalPath, approval: .automatic, runId: "run-waves")
        apply.policy = RunPolicy(settings: settings)
        let rollout = RolloutWorkflow(
            context: world.context(),
            options: RolloutWorkflow.Options(waves: [], bakeSeconds: 600, apply: apply))
        let result = await rollout.run(FleetInput(fleets: world.fleets))
        #expect(result.status == .error)
        #expect(result.plan == nil)
        #expect(world.counting.count() == 0, "nothing read, nothing written")
    }

    @Test("--target narrows the rules: a broken rule in a file outside the target does not count")
    func targetNarrowsRules() throws {
        let world = World()
        var fleets = world.fleets
        let outside = Diagnostic(.warning, .ruleMaxConcurrentExecutions, "x", at: fleets.documents[1].location)
        let general = Diagnostic(.warning, .noFleets, "y", at: nil)
        fleets.diagnostics = [outside, general]
        let targeted = try FleetInput(fleets: fleets).targeting([.fleet(try #require(FleetIdentifier(Self.prodFleet)))])
        #expect(targeted.fleets.documents.map(\.fleetId) == [Self.prodFleet])
        #expect(targeted.fleets.diagnostics == [general])
    }

    @Test("a saved plan is judged under today's settings, not what it recorded")
    func savedPlanRulesAreRechecked() async throws {
        let world = World(prodProcesses: 2)  // 20 slots
        var plan = try #require(await world.plan().plan)
        plan.fleets = plan.fleets.map { fleet in
            var fleet = fleet
            fleet.impact?.warnings = []  // an edited plan.json that dropped its warnings
            return fleet
        }
        let broken = RunPolicy(settings: world.settings).brokenRules(in: plan, names: .swiftAPI)
        #expect(broken.map(\.code) == [.ruleMinSlotsPerLocation])
        var relaxed = world.settings
        relaxed.environments[0].rules.minSlotsPerLocation = 10
        #expect(RunPolicy(settings: relaxed).brokenRules(in: plan, names: .swiftAPI).isEmpty)
    }

    @Test("windows and freezes: closed outside every window or inside a freeze, with the next opening")
    func windowsAndFreezes() throws {
        var settings = SettingsFile.load(
            bytes: Array(
                """
                environments:
                  - name: prod
                    match: prod/**
                    rules:
                      window: ["Tue-Thu 09:00-17:00 UTC"]
                      freeze: ["2026-12-20..2027-01-05"]
                      requireWaves: true
                """.utf8), path: "fleetform.yaml", folder: "/repo")
        #expect(settings.diagnostics.isEmpty, "\(settings.diagnostics)")
        let policy = RunPolicy(settings: settings)
        let first = ["prod": SourceLocation(path: "/repo/prod/a.yaml", line: 1, column: 1)]
        let shape = RunPolicy.ApplyShape(watchSeconds: nil, waves: false)
        let monday = policy.applyRules(environments: first, shape: shape, now: Self.now, names: .swiftAPI)
        #expect(monday.map(\.code) == [.ruleRequireWaves, .ruleWindow])
        #expect(monday.last?.message.contains("it opens 2026-12-01 09:00 UTC") == true, "\(monday)")
        let christmas = Date(timeIntervalSince1970: 1_798_192_800)  // 2026-12-25 10:00 UTC, a Friday
        let frozen = policy.applyRules(
            environments: first, shape: RunPolicy.ApplyShape(watchSeconds: nil, waves: true), now: christmas,
            names: .swiftAPI)
        #expect(frozen.map(\.code) == [.ruleFreeze])
        #expect(frozen.first?.message.contains("it opens 2027-01-06 09:00 UTC") == true, "\(frozen)")
        settings.environments[0].locked[.freeze] = SourceLocation(path: "fleetform.yaml", line: 6, column: 7)
        let locked = RunPolicy(settings: settings, overrides: [RuleOverride(rule: .freeze, reason: "x")])
        #expect(locked.lockedOverrides(in: ["prod"]).map(\.rule) == [.freeze])
        #expect(locked.lockedOverrides(in: ["staging"]).isEmpty)
    }
}
