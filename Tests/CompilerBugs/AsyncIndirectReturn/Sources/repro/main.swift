// The smallest program we found that shows the miscompile behind fleetform's lost retries (README.md beside
// this folder). `Backend.open` returns a struct holding an existential, a closure and a `Policy` built by
// `Settings.retryPolicy()` in another module; optimized, the caller receives every field of the policy but
// `maxAttempts`, which is left as whatever the caller's memory held.
import Foundation
import Policy
import Settings

protocol Service: Sendable { func call() async throws -> Int }

struct Client: Service {
    var settings: Settings
    func call() async throws -> Int { 1 }
}

actor Chain {
    var name: String? = "environment"
    func sourceName() -> String? { name }
}

enum Backend {
    struct Opened {
        var service: any Service
        var defaultRegion: String?
        var retryPolicy: Policy
        var source: String?
        var shutdown: @Sendable () async -> Void
    }

    static func open(_ environment: [String: String]) async throws -> Opened {
        let settings = Settings.resolve(environment)
        let client = Client(settings: settings)
        _ = try await client.call()
        let source = await Chain().sourceName()
        return Opened(
            service: client, defaultRegion: settings.region, retryPolicy: settings.retryPolicy(), source: source,
            shutdown: { _ = try? await client.call() })
    }
}

struct Connection {
    var policy: Policy

    static func open(_ environment: [String: String]) async throws -> Connection {
        let backend = try await Backend.open(environment)
        return Connection(policy: backend.retryPolicy)
    }
}

let environment = ProcessInfo.processInfo.environment
let expected = environment["AWS_MAX_ATTEMPTS"].flatMap { Int($0) } ?? Policy.standard.maxAttempts
let connection = try await Connection.open(environment)
print("maxAttempts \(connection.policy.maxAttempts) (expected \(expected))")
exit(connection.policy.maxAttempts == expected ? 0 : 1)
