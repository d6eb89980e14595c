/// SplitMix64: a small, fast, seedable pseudo-random generator, so every random choice of the simulation
/// (fault rates, crash events, ids) is reproducible from `--seed`. Never uses global randomness.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) { self.state = seed }

    /// A generator for one purpose, derived from the simulation seed and labels (operation, fleet, counter):
    /// its numbers do not depend on how calls for other fleets interleave.
    public init(seed: UInt64, _ labels: String...) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a offset basis
        for label in labels {
            for byte in label.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
            hash ^= 0xff
            hash &*= 0x0000_0100_0000_01b3
        }
        self.state = seed ^ hash
        _ = next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A number uniformly distributed in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A random (version 4) UUID string, for request ids and event ids.
    public mutating func uuid() -> String {
        let a = (next() & 0xffff_ffff_ffff_0fff) | 0x0000_0000_0000_4000
        let b = (next() & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000
        let hex = String(a, radix: 16).leftPadded(to: 16) + String(b, radix: 16).leftPadded(to: 16)
        let c = Array(hex)
        return [c[0..<8], c[8..<12], c[12..<16], c[16..<20], c[20..<32]].map { String($0) }.joined(separator: "-")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
