import Foundation
import SigV4

/// Cached credentials, refreshed the way botocore refreshes temporary ones (docs/aws.md, "Refresh"): fresh ones
/// are answered from the cache; within `advisoryWindow` of expiry a refresh is tried and, if it fails, the cached
/// ones are kept and the refresh tried again on a later call; within `mandatoryWindow` a refresh must succeed.
/// One refresh at a time: callers during a refresh wait for it, or keep the cached credentials while they last.
actor RotatingCredentials {
    /// Fetches credentials, asking the source that answered last time (`preferred`) first.
    typealias Fetch = @Sendable (_ preferred: Int?) async throws -> CredentialSelector.Selected

    private let fetch: Fetch
    private let now: @Sendable () -> Date
    private let advisoryWindow: TimeInterval
    private let mandatoryWindow: TimeInterval
    private var cached: CredentialSelector.Selected?
    private var inFlight: Task<CredentialSelector.Selected, any Error>?
    /// The last refresh that failed while the cached credentials were still usable.
    private(set) var lastRefreshFailure: String?

    init(
        advisoryWindow: TimeInterval, mandatoryWindow: TimeInterval, now: @escaping @Sendable () -> Date,
        fetch: @escaping Fetch
    ) {
        self.advisoryWindow = advisoryWindow
        self.mandatoryWindow = mandatoryWindow
        self.now = now
        self.fetch = fetch
    }

    /// The source the cached credentials came from, once there are some.
    var sourceIndex: Int? { cached?.sourceIndex }

    /// The cached credentials while fresh; a refresh in the advisory window that fails keeps them; in the
    /// mandatory window (or with none yet) the fetch's answer or its error.
    func credentials() async throws -> AWSCredentials {
        if let cached {
            guard let expiration = cached.credentials.expiration else { return cached.credentials }
            let remaining = expiration.timeIntervalSince(now())
            if remaining > advisoryWindow { return cached.credentials }
            if remaining > mandatoryWindow {
                // Someone is already refreshing: do not wait for it while these are still good.
                if inFlight != nil { return cached.credentials }
                do {
                    return try await refresh()
                } catch {
                    lastRefreshFailure = "\(error)"
                    return cached.credentials
                }
            }
        }
        return try await refresh()
    }

    private func refresh() async throws -> AWSCredentials {
        if let inFlight { return try await inFlight.value.credentials }
        let preferred = cached?.sourceIndex
        let task = Task { [fetch] in try await fetch(preferred) }
        inFlight = task
        defer { inFlight = nil }
        let selected = try await task.value
        cached = selected
        lastRefreshFailure = nil
        return selected.credentials
    }
}
