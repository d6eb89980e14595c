import Foundation
import SigV4

/// Identifies one apply or rollback run in the journal: sortable by time, unique enough across machines.
public enum RunID {
    public static func make(date: Date = Date(), random: UInt32 = UInt32.random(in: 0...UInt32.max)) -> String {
        // `run-20261207T111629Z-…`: the basic ISO 8601 form that request signing uses, computed without a
        // `DateFormatter`, whose locale and time-zone data cost a run about 2 MB of memory.
        "run-\(AmzDate.timestamp(date))-\(String(random, radix: 16))"
    }
}
