import FleetSpec
import FleetformCore
import FleetformTesting
import Foundation
import GameLiftAPI
import Testing

/// "Which account" (README): plans record the caller, and fleets written as ARNs of another account — or of
/// any account while the caller is unknown, when applying — are refused before any GameLift request.
@Suite("Which account a run is in")
struct CallerAccountTests {
    static let account = "123456789012"
    static let principal = "arn:aws:sts::123456789012:assumed-role/deploy/ci"
    static let plainFleet = "fleet-1a2b3c4d-0000-4000-8000-000000000001"
    static let arnFleet = "fleet-1a2b3c4d-0000-4000-8000-000000000002"
    static let live = RuntimeConfiguration(
        serverProcesses: [ServerProcess(launchPath: "/local/game/server", concurrentExecutions: 1)])

    /// An identity that is fixed, or that cannot be read.
    struct FixedIdentity: IdentityProviding {
        var answer: Result<CallerIdentity, GameLiftTransportError>
        func callerIdentity() async throws -> CallerIdentity { try answer.get() }
    }

    static let known = FixedIdentity(answer: .success(CallerIdentity(account: account, arn: principal)))
    static let unreachable = FixedIdentity(
        answer: .failure(GameLiftTransportError(kind: .connection, message: "sts.amazonaws.com: unreachable")))

    /// Two fleets that both want 2 processes: one written as an id, one as an ARN of `arnAccount`.
    static func files(arnAccount: String) -> FleetInput {
        let text = """
            FleetId: \(plainFleet)
            RuntimeConfiguration:
              ServerProcesses:
                - LaunchPath: /local/game/server
                  ConcurrentExecutions: 2
            ---
            FleetId: arn:aws:gamelift:us-west-2:\(arnAccount):fleet/\(arnFleet)
            RuntimeConfiguration:
              ServerProcesses:
                - LaunchPath: /local/game/server
                  ConcurrentExecutions: 2
            """
        let fleets = FleetLoader.load(
            text: text, path: "fleets/two.yaml", options: LoadOptions(defaultRegion: "us-west-2"))
        #expect(!fleets.diagnostics.hasErrors)
        return FleetInput(fleets: fleets)
    }

    static func gameLift() -> ScriptedGameLift {
        ScriptedGameLift(configurations: [plainFleet: live, arnFleet: live])
    }

    static func context(
        _ gameLift: ScriptedGameLift, _ identity: FixedIdentity?, _ observer: any WorkflowObserver = SilentObserver()
    ) -> WorkflowContext {
        WorkflowContext(gameLift: gameLift, identity: identity, observer: observer, timing: VirtualClock().timing)
    }

    static func touched(_ gameLift: ScriptedGameLift, _ fleetId: String) -> [ScriptedGameLift.Call] {
        gameLift.recorded.filter { $0.fleetId.contains(fleetId) }
    }

    static func applyOptions() -> ApplyWorkflow.Options {
        ApplyWorkflow.Options(
            journalPath: NSTemporaryDirectory() + "fleetform-caller-\(UUID().uuidString)/journal.jsonl",
            approval: .automatic, runId: "run-caller")
    }

    @Test("plan records the account and principal, and prints them first")
    func planRecordsCaller() async throws {
        let gameLift = Self.gameLift()
        let recorder = WorkflowEventRecorder()
        let result = await PlanWorkflow(context: Self.context(gameLift, Self.known, recorder), options: .init())
            .run(Self.files(arnAccount: Self.account))
        let plan = try #require(result.plan)
        #expect(plan.caller == .known(CallerIdentity(account: Self.account, arn: Self.principal)))
        #expect(plan.fleets.map(\.action) == [.update, .update])
        let text = PlanTextRenderer().render(plan)
        #expect(text.hasPrefix("Account 123456789012 as arn:aws:sts::123456789012:assumed-role/deploy/ci\n"))
        #expect(PlanMarkdownRenderer().render(plan).contains("Account `123456789012` as `\(Self.principal)`"))
        let json = try JSONSerialization.jsonObject(with: try ReportJSON.encoder().encode(plan)) as? [String: Any]
        let caller = try #require(json?["caller"] as? [String: String])
        #expect(caller == ["account": Self.account, "principal": Self.principal])
    }

    @Test("a fleet ARN of another account is refused before any request; the other fleet is planned and applied")
    func otherAccountRefused() async throws {
        let gameLift = Self.gameLift()
        let planned = await PlanWorkflow(context: Self.context(gameLift, Self.known), options: .init())
            .run(Self.files(arnAccount: "999999999999"))
        let plan = try #require(planned.plan)
        #expect(plan.fleets.map(\.action) == [.update, .failed])
        #expect(
            plan.fleets[1].refusal
                == .otherAccount(expected: "999999999999", actual: Self.account, principal: Self.principal))
        #expect(plan.fleets[1].failure?.code == "AccountMismatch")
        #expect(plan.fleets[1].failure?.message.contains("names account 999999999999") == true)
        #expect(Self.touched(gameLift, Self.arnFleet).isEmpty)

        let applied = await ApplyWorkflow(context: Self.context(gameLift, Self.known), options: Self.applyOptions())
            .run(.files(Self.files(arnAccount: "999999999999")))
        #expect(applied.apply?.outcomes.map(\.result) == [.updated, .failed])
        #expect(applied.apply?.outcomes.last?.detail == "refused: not this account")
        #expect(applied.status == .error)
        #expect(Self.touched(gameLift, Self.arnFleet).isEmpty)
        #expect(gameLift.configuration(Self.plainFleet)?.serverProcesses?.first?.concurrentExecutions == 2)
        #expect(gameLift.configuration(Self.arnFleet) == Self.live)
    }

    @Test("unknown identity: plan says why and reads on; apply refuses the ARN fleet and applies the other")
    func unknownAccountFailsClosed() async throws {
        let gameLift = Self.gameLift()
        let recorder = WorkflowEventRecorder()
        let planned = await PlanWorkflow(context: Self.context(gameLift, Self.unreachable, recorder), options: .init())
            .run(Self.files(arnAccount: Self.account))
        let plan = try #require(planned.plan)
        #expect(plan.caller?.account == nil)
        #expect(plan.caller?.unknownReason?.contains("unreachable") == true)
        #expect(plan.fleets.map(\.action) == [.update, .update])
        #expect(PlanTextRenderer().render(plan).hasPrefix("Account unknown: ConnectionError: sts.amazonaws.com"))

        let gameLift2 = Self.gameLift()
        let applied = await ApplyWorkflow(
            context: Self.context(gameLift2, Self.unreachable), options: Self.applyOptions()
        ).run(.files(Self.files(arnAccount: Self.account)))
        #expect(applied.apply?.outcomes.map(\.result) == [.updated, .failed])
        // The streamed apply keeps the refusal as its report records it (no plan: docs/benchmarks.md).
        let refused = try #require(applied.apply?.outcomes[1])
        #expect(refused.error?.code == "AccountUnknown")
        let message = refused.error?.message ?? ""
        #expect(
            message.hasPrefix(
                "the fleet is given as an ARN of account \(Self.account), and the credentials' account is unknown"))
        #expect(message.hasSuffix("nothing was sent for this fleet"))
        #expect(Self.touched(gameLift2, Self.arnFleet).isEmpty)
        #expect(gameLift2.configuration(Self.arnFleet) == Self.live)

        // No identity source at all is the same as an unreadable one.
        let gameLift3 = Self.gameLift()
        let withoutSource = await ApplyWorkflow(context: Self.context(gameLift3, nil), options: Self.applyOptions())
            .run(.files(Self.files(arnAccount: Self.account)))
        #expect(withoutSource.apply?.outcomes.map(\.result) == [.updated, .failed])
        #expect(Self.touched(gameLift3, Self.arnFleet).isEmpty)
    }

    @Test("apply --plan: a plan made in another account is refused whole; nothing is sent")
    func savedPlanOfAnotherAccount() async throws {
        let gameLift = Self.gameLift()
        let planned = await PlanWorkflow(context: Self.context(gameLift, Self.known), options: .init())
            .run(Self.files(arnAccount: Self.account))
        let plan = try #require(planned.plan)
        let before = gameLift.recorded.count

        let otherAccount = FixedIdentity(
            answer: .success(CallerIdentity(account: "210987654321", arn: "arn:aws:iam::210987654321:user/ops")))
        let applied = await ApplyWorkflow(context: Self.context(gameLift, otherAccount), options: Self.applyOptions())
            .run(.savedPlan(plan))
        #expect(applied.apply?.outcomes.map(\.result) == [.failed, .failed])
        #expect(applied.apply?.outcomes.first?.error?.message.contains("made in account 123456789012") == true)
        #expect(gameLift.recorded.count == before)

        // The same plan in its own account applies.
        let again = await ApplyWorkflow(context: Self.context(gameLift, Self.known), options: Self.applyOptions())
            .run(.savedPlan(plan))
        #expect(again.apply?.outcomes.map(\.result) == [.updated, .updated])
    }

    @Test("a saved plan whose caller.account is not an account id is refused with its place")
    func malformedCallerAccount() throws {
        var plan = PlanDocument(fleets: [], createdAt: Date(timeIntervalSince1970: 0))
        plan.caller = PlanCaller(account: "12345", principal: nil, unknownReason: nil)
        let data = try ReportJSON.encoder().encode(plan)
        #expect(throws: PlanFileError.self) { try PlanFileValidator.decode(data, path: "plan.json") }
        do {
            _ = try PlanFileValidator.decode(data, path: "plan.json")
        } catch let error as PlanFileError {
            #expect(error.diagnostics.contains { $0.location?.pointer == "/caller/account" })
        }
    }
}
