import GameLiftAPI
import SigV4

/// Credential selection: the first source of the chain that has credentials, in order; a source that is set
/// up but fails is an error, not skipped. No caching and no retries (`RotatingCredentials` and
/// `CredentialRetry` add those).
public struct CredentialSelector: Sendable {
    /// What a selection found, and which source found it.
    public struct Selected: Sendable {
        public var credentials: AWSCredentials
        public var sourceIndex: Int
    }

    public let sources: [any CredentialSource]

    public init(sources: [any CredentialSource]) { self.sources = sources }

    /// Asks `preferred` first (the source that answered last time: a refresh), then every source in order.
    public func select(preferred: Int? = nil) async throws -> Selected {
        if let preferred, sources.indices.contains(preferred),
            case .found(let credentials) = try await sources[preferred].resolve()
        {
            return Selected(credentials: credentials, sourceIndex: preferred)
        }
        var tried: [NoCredentialsError.Attempt] = []
        for (index, source) in sources.enumerated() {
            switch try await source.resolve() {
            case .found(let credentials): return Selected(credentials: credentials, sourceIndex: index)
            case .notApplicable(let reason): tried.append(.init(source: source.name, reason: reason))
            }
        }
        throw NoCredentialsError(tried: tried)
    }
}

/// Retries a credential fetch whose failure is transient (no answer, a 5xx, throttling), with a doubling pause.
public struct CredentialRetry: Sendable {
    /// Tries in all.
    public let attempts: Int
    private let sleep: @Sendable (Double) async throws -> Void

    public init(attempts: Int, sleep: @escaping @Sendable (Double) async throws -> Void) {
        self.attempts = attempts
        self.sleep = sleep
    }

    /// `body`'s answer, trying again after 0.5 s, 1 s, … while it fails transiently and tries remain.
    public func run<Value: Sendable>(_ body: @Sendable () async throws -> Value) async throws -> Value {
        var attempt = 1
        while true {
            do {
                return try await body()
            } catch  where Self.isTransient(error) && attempt < attempts {
                try await sleep(0.5 * Double(1 << min(attempt - 1, 10)))
                attempt += 1
            }
        }
    }

    static func isTransient(_ error: any Error) -> Bool {
        if let error = error as? CredentialsError { return error.transient }
        return error is GameLiftTransportError
    }
}
