/// Following `NextToken` to the last page, the one way every paginated operation is read. A service that
/// hands back a token it already gave would make the loop run forever, so a repeated token is an error.
public enum Pagination {
    /// Every item of every page: `fetch` is called with `nil`, then with each `NextToken` it returns, until a
    /// page comes without one (an empty token counts as none).
    public static func all<Item: Sendable>(
        _ operation: GameLiftOperation, region: String,
        _ fetch: (String?) async throws -> (items: [Item], nextToken: String?)
    ) async throws -> [Item] {
        var items: [Item] = []
        var token: String?
        var seen: Set<String> = []
        repeat {
            let page = try await fetch(token)
            items += page.items
            token = page.nextToken.flatMap { $0.isEmpty ? nil : $0 }
            if let token, !seen.insert(token).inserted {
                throw RepeatedPageTokenError(operation: operation, region: region, pages: seen.count + 1)
            }
        } while token != nil
        return items
    }
}

/// A paginated operation answered a `NextToken` it had already given: following it would never end.
public struct RepeatedPageTokenError: Error, Hashable, Sendable, CustomStringConvertible {
    public var operation: GameLiftOperation
    public var region: String
    /// Pages read when the repeat was seen.
    public var pages: Int

    public var description: String {
        "\(operation.rawValue) in \(region) returned the same NextToken twice (after \(pages) pages); stopping"
    }
}
