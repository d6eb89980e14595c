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
    // Exactly as large as it must be: appending would double the array's storage several times over, and for a
    // streamed apply of many fleets each element is a whole plan and outcome.
    var ordered: [Result] = []
    ordered.reserveCapacity(results.count)
    for case let result? in results { ordered.append(result) }
    return ordered
}
