/// A value kept on the heap: a large, often absent field costs its owner one pointer instead of its whole size.
/// `FleetPlan.impact` (about 250 bytes inline) is one: a plan of 10,000 fleets is copied several times over in
/// arrays, and most streamed fleets have no impact (docs/benchmarks.md, "Lean again").
struct Boxed<Value: Hashable & Sendable>: Hashable, Sendable {
    private final class Storage: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    private let storage: Storage

    init(_ value: Value) { storage = Storage(value) }

    var value: Value { storage.value }

    static func == (a: Self, b: Self) -> Bool { a.storage === b.storage || a.value == b.value }

    func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
