import Foundation
import GameLiftAPI
import Testing

@testable import GameLiftConnection

/// Answers `GetCallerIdentity` from a script of failures, then with one identity; counts the calls.
final class ScriptedIdentity: IdentityProviding, @unchecked Sendable {
    struct Transient: TransientClassifying { var isTransient: Bool }

    private let lock = NSLock()
    private var failures: [any Error & Sendable]
    private(set) var calls = 0

    init(failures: [any Error & Sendable]) { self.failures = failures }

    func callerIdentity() async throws -> CallerIdentity {
        try lock.withLock {
            calls += 1
            if !failures.isEmpty { throw failures.removeFirst() }
            return CallerIdentity(account: "123456789012", arn: "arn:aws:iam::123456789012:user/ci")
        }
    }
}

@Suite("The caller's identity, read once")
struct RememberedIdentityTests {
    /// No waiting: the sleeps of the retries return at once.
    static let instant = Timing(now: { 0 }, sleep: { _ in }, random: { 0.5 })
    static let transient = ScriptedIdentity.Transient(isTransient: true)

    @Test("transient failures are retried with the run's policy, and the answer is remembered")
    func retriesThenRemembers() async throws {
        let source = ScriptedIdentity(
            failures: Array(repeating: ScriptedIdentity.Transient(isTransient: true), count: 3))
        let identity = RememberedIdentity(source, policy: RetryPolicy(), timing: Self.instant)
        #expect(try await identity.callerIdentity().account == "123456789012")
        #expect(try await identity.callerIdentity().account == "123456789012")
        #expect(source.calls == 4)
    }

    @Test("a final failure is not retried, and not remembered")
    func finalFailure() async throws {
        let source = ScriptedIdentity(failures: [ScriptedIdentity.Transient(isTransient: false)])
        let identity = RememberedIdentity(source, policy: RetryPolicy(), timing: Self.instant)
        await #expect(throws: ScriptedIdentity.Transient.self) { _ = try await identity.callerIdentity() }
        #expect(source.calls == 1)
        #expect(try await identity.callerIdentity().account == "123456789012")
        #expect(source.calls == 2)
    }

    @Test("retries stop at the policy's attempts")
    func boundedAttempts() async throws {
        let source = ScriptedIdentity(
            failures: Array(repeating: ScriptedIdentity.Transient(isTransient: true), count: 20))
        let identity = RememberedIdentity(source, policy: RetryPolicy(), timing: Self.instant)
        await #expect(throws: ScriptedIdentity.Transient.self) { _ = try await identity.callerIdentity() }
        #expect(source.calls == RetryPolicy.standard.maxAttempts)
    }
}
