/// How fleet ids are shortened for people: `fleet-2f1c3a9e…`, unique enough to recognise, short enough to scan.
public enum FleetNames {
    public static func short(_ fleetId: String) -> String {
        guard let dash = fleetId.firstIndex(of: "-") else { return fleetId }
        let rest = fleetId[fleetId.index(after: dash)...]
        guard rest.count > 8 else { return fleetId }
        return String(fleetId[...dash]) + rest.prefix(8) + "…"
    }
}
