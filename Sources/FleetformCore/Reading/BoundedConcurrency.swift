/// Runs `body` over `items` with at most `limit` running at once, keeping the input order in the result.
func boundedMap<Item: Sendable, Result: Sendable>(
    _ items: [Item], limit: Int, _ body: @escaping @Sendable (Item) async -> Result
) async -> [Result] {
    var results = [Result?](repeating: nil, count: items.count)
    await boundedForEach(items, limit: limit, body) { index, result in results[index] = result }
    // Exactly as large as it must be: appending would double the array's storage several times over, and for a
    // streamed apply of many fleets each element is a whole outcome.
    var ordered: [Result] = []
    ordered.reserveCapacity(results.count)
    for case let result? in results { ordered.append(result) }
    return ordered
}

/// Runs `body` over `items` with at most `limit` running at once and hands each result, with its item's index,
/// to `collect` as it comes (in the order they finish, one at a time, on the caller's task): what is not kept
/// there is not kept at all.
func boundedForEach<Item: Sendable, Result: Sendable>(
    _ items: [Item], limit: Int, _ body: @escaping @Sendable (Item) async -> Result,
    collect: (Int, Result) -> Void
) async {
    guard !items.isEmpty else { return }
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
            collect(index, result)
            if next < items.count { start() }
        }
    }
}
