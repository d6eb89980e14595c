import Foundation
import GameLiftAPI
import SigV4
import Testing

@testable import GameLiftAWS

/// A source that answers from a script of results, one per call, and counts the calls.
final class ScriptedSource: CredentialSource, @unchecked Sendable {
    private let lock = NSLock()
    private var script: [Result<AWSCredentials, CredentialsError>]
    private(set) var calls = 0
    let name = "scripted"

    init(_ script: [Result<AWSCredentials, CredentialsError>]) { self.script = script }

    func resolve() async throws -> CredentialSourceResult {
        let next = lock.withLock { () -> Result<AWSCredentials, CredentialsError> in
            calls += 1
            return script.isEmpty
                ? .failure(CredentialsError(source: name, message: "script ended")) : script.removeFirst()
        }
        return .found(try next.get())
    }
}

@Suite("Credential refresh windows")
struct RefreshTests {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    static func keys(_ id: String, expiresIn: TimeInterval) -> AWSCredentials {
        AWSCredentials(accessKeyId: id, secretAccessKey: "s-\(id)", sessionToken: "t", expiration: start + expiresIn)
    }

    @Test("fresh credentials are reused until the advisory window")
    func reuse() async throws {
        let clock = ManualClock(Self.start)
        let source = ScriptedSource([
            .success(Self.keys("ONE", expiresIn: 3600)), .success(Self.keys("TWO", expiresIn: 7200)),
        ])
        let chain = DefaultCredentialChain(sources: [source], now: { clock.now }, sleep: { _ in })
        #expect(try await chain.credentials().accessKeyId == "ONE")
        clock.advance(3600 - 15 * 60 - 1)
        #expect(try await chain.credentials().accessKeyId == "ONE")
        #expect(source.calls == 1)
        clock.advance(2)
        #expect(try await chain.credentials().accessKeyId == "TWO")
    }

    @Test("a failed refresh in the advisory window keeps the current credentials and retries on the next call")
    func advisoryFailureKeeps() async throws {
        let clock = ManualClock(Self.start)
        let denied = CredentialsError(source: "scripted", message: "AccessDenied")
        let source = ScriptedSource([
            .success(Self.keys("ONE", expiresIn: 3600)), .failure(denied), .success(Self.keys("TWO", expiresIn: 7200)),
        ])
        let chain = DefaultCredentialChain(sources: [source], now: { clock.now }, sleep: { _ in })
        _ = try await chain.credentials()
        clock.advance(3600 - 12 * 60)
        #expect(try await chain.credentials().accessKeyId == "ONE")
        #expect(await chain.lastRefreshFailure?.contains("AccessDenied") == true)
        #expect(try await chain.credentials().accessKeyId == "TWO")
        #expect(source.calls == 3)
    }

    @Test("in the mandatory window a refresh must succeed")
    func mandatoryFailureThrows() async throws {
        let clock = ManualClock(Self.start)
        let source = ScriptedSource([
            .success(Self.keys("ONE", expiresIn: 3600)),
            .failure(CredentialsError(source: "scripted", message: "AccessDenied")),
        ])
        let chain = DefaultCredentialChain(sources: [source], now: { clock.now }, sleep: { _ in })
        _ = try await chain.credentials()
        clock.advance(3600 - 9 * 60)
        await #expect(throws: CredentialsError.self) { try await chain.credentials() }
    }

    @Test("transient refresh errors are retried with backoff before giving up")
    func transientRetried() async throws {
        let clock = ManualClock(Self.start)
        let waits = WaitLog()
        let flaky = CredentialsError(source: "scripted", message: "STS did not answer", transient: true)
        let source = ScriptedSource([.failure(flaky), .failure(flaky), .success(Self.keys("ONE", expiresIn: 3600))])
        let chain = DefaultCredentialChain(sources: [source], now: { clock.now }, sleep: { waits.append($0) })
        #expect(try await chain.credentials().accessKeyId == "ONE")
        #expect(waits.all == [0.5, 1.0])
        let failing = ScriptedSource([
            .failure(flaky), .failure(flaky), .failure(flaky), .success(Self.keys("X", expiresIn: 3600)),
        ])
        let second = DefaultCredentialChain(sources: [failing], now: { clock.now }, sleep: { _ in })
        await #expect(throws: CredentialsError.self) { try await second.credentials() }
        #expect(failing.calls == DefaultCredentialChain.refreshAttempts)
    }
}

final class WaitLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Double] = []
    func append(_ value: Double) { lock.withLock { items.append(value) } }
    var all: [Double] { lock.withLock { items } }
}
