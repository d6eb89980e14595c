/// Runs `body` over `items` with at most `limit` running at once, keeping the input order in the result.
func boundedMap<Item: Sendable, Result: Sendable>(
    _ items: [Item], limit: Int, _ body: @escaping @Sendable (Item) async -> Result
) async -> [Result] {
    guard !items.isEmpty else { return [] }
    var results = [Result?](repeating: nil, count: items.count)
    await withTaskGroup(of: (Int, Result).self) { group in
        var next = 0
        func start() {
            let index = next
            let item = items[index]
            next += 1
            group.addTask { (index, await body(item)) }
        }
        while next < min(max(1, limit), items.count) { start() }
        while let (index, result) = await group.next() {
            results[index] = result
            if next < items.count { start() }
        }
    }
    return results.compactMap { $0 }
}
