import FleetSpec
import Foundation

/// Renders a plan as a pull-request comment: a summary table of the fleets that change, one collapsible
/// section per fleet, unchanged fleets counted but not listed, and a clean cut (with a note) before GitHub's
/// comment limit.
public struct PlanMarkdownRenderer: Sendable {
    /// GitHub rejects comments longer than this many characters.
    public static let githubCommentLimit = 65_536

    public var limit: Int

    /// What the caller calls its options, for the lines that say how to roll the plan out or read all of it.
    public var names: RunOptionNames

    public init(limit: Int = PlanMarkdownRenderer.githubCommentLimit, names: RunOptionNames = .swiftAPI) {
        self.limit = limit
        self.names = names
    }

    /// Account `111122223333` as `arn:aws:sts::…`, or the reason it is unknown.
    static func callerLine(_ caller: PlanCaller) -> String {
        guard let account = caller.account else {
            return "Account unknown: \(cell(caller.unknownReason ?? "no reason given"))"
        }
        return "Account `\(cell(account))`" + (caller.principal.map { " as `\(cell($0))`" } ?? "")
    }

    /// One line per environment (its account and who ran as it, whether `apply` may run now), then the run's
    /// own account when some fleet is in no environment; then the overrides and the broken file rules.
    func accountsBlock(_ plan: PlanDocument) -> String {
        var out = ""
        for environment in plan.environments ?? [] {
            out += "Environment `\(Self.cell(environment.name))`: " + Self.callerLine(environment.caller) + "\n"
            if let closed = environment.closed {
                out += "⛔ apply is closed: \(Self.cell(closed))"
                out += environment.opensAt.map { "; it opens \(CallerText.time($0))" } ?? ""
                out += "\n"
            }
            out += "\n"
        }
        if let caller = plan.caller,
            plan.environments == nil || plan.fleets.contains(where: { $0.environment == nil })
        {
            out += Self.callerLine(caller) + (plan.environments == nil ? "" : " (fleets in no environment)") + "\n\n"
        }
        for override in plan.overrides ?? [] {
            out += "🔓 **Override** `\(override.code)` (\(override.rule.rawValue)): \(Self.cell(override.reason))\n\n"
        }
        let rules = Set(RuleName.allCases.map(\.code))
        let broken = plan.diagnostics.filter { rules.contains($0.code) }
        if !broken.isEmpty {
            out += "**Rules of fleetform.yaml broken by the files:**\n\n"
            for d in broken.prefix(50) {
                let place = d.location.map { "`\(Self.cell($0.description))` " } ?? ""
                out += "- \(place)[\(d.code)] \(Self.cell(d.message))\n"
            }
            out += broken.count > 50 ? "- … and \(broken.count - 50) more\n\n" : "\n"
        }
        return out
    }

    /// The rollout order of a plan with waves: one line per wave, its selector and how many fleets (the fleets
    /// themselves are in the table and sections below), at most 20 lines.
    func wavesBlock(_ waves: [PlanWave]) -> String {
        var out =
            "Rolled out in \(waves.count) wave\(waves.count == 1 ? "" : "s") (\(names[.rollOutSavedPlanBriefly])):\n\n"
        for (index, wave) in waves.prefix(20).enumerated() {
            out +=
                "\(index + 1). `\(Self.cell(wave.selector))`: \(wave.fleets.count) fleet\(wave.fleets.count == 1 ? "" : "s")\n"
        }
        if waves.count > 20 { out += "\n… and \(waves.count - 20) more waves.\n" }
        return out + "\n"
    }

    public func render(_ plan: PlanDocument) -> String {
        let listed = plan.fleets.filter { $0.action != .unchanged }
        let summary = plan.summary
        var head = "### fleetform plan\n\n"
        head += "**\(summary.line)**\n\n"
        head += accountsBlock(plan)
        if let waves = plan.waves, !waves.isEmpty { head += wavesBlock(waves) }
        if listed.isEmpty {
            head += "No changes. The live fleets match the files.\n"
            return head
        }
        let warnings = plan.impactWarnings.count
        if warnings > 0 {
            head += "⚠️ **\(warnings) impact warning\(warnings == 1 ? "" : "s")**: see the fleets below.\n\n"
        }
        head += "| | Fleet | Region | Source | Changes | Slots |\n|---|---|---|---|---|---|\n"
        var rows: [String] = []
        for fleet in listed {
            let changes = fleet.changes.filter { $0.kind != .unmanaged }.count
            let slots = fleet.impact?.slots?.text ?? "—"
            let flag = (fleet.impact?.warnings.isEmpty ?? true) ? "" : " ⚠️"
            rows.append(
                "| \(Self.symbol(fleet.action)) \(fleet.action.rawValue) | `\(fleet.fleetId)` | \(fleet.region) | "
                    + "`\(Self.cell(fleet.source.path)):\(fleet.source.line)` | \(changes) | \(slots)\(flag) |\n")
        }
        let sections = listed.map(section)
        let footer = summary.unchanged > 0 ? "\n\(summary.unchanged) unchanged fleet(s) not shown.\n" : ""

        // Assemble, cutting whole rows and sections so the comment stays under the limit with room for a note.
        let reserve = 400
        var out = head
        var shownRows = 0
        for row in rows where out.count + row.count + reserve < limit / 2 {
            out += row
            shownRows += 1
        }
        if shownRows < rows.count { out += "| … | \(rows.count - shownRows) more | | | | |\n" }
        out += "\n"
        var shownSections = 0
        for s in sections where out.count + s.count + footer.count + reserve < limit {
            out += s
            shownSections += 1
        }
        out += footer
        if shownSections < sections.count || shownRows < rows.count {
            out +=
                "\n> **Cut:** this plan is too long for one comment; \(sections.count - shownSections) fleet section(s) "
            out += "are not shown. Run `fleetform plan` or read the saved plan (\(names[.planOut])) for all of it.\n"
        }
        return out
    }

    func section(_ fleet: FleetPlan) -> String {
        let changes = fleet.changes.filter { $0.kind != .unmanaged }.count
        var s = "<details><summary>\(Self.symbol(fleet.action)) <code>\(fleet.fleetId)</code> (\(fleet.region)) — "
        switch fleet.action {
        case .failed: s += "cannot plan"
        case .held: s += "held (status \(fleet.status?.rawValue ?? "unknown")), \(changes) change(s)"
        case .update, .unchanged: s += "\(changes) change(s)"
        }
        s += "</summary>\n\nSource: `\(fleet.source.path):\(fleet.source.line)`\n\n```diff\n"
        let text = PlanTextRenderer(style: .plain)
        for line in text.body(fleet) { s += Self.diffLine(line) + "\n" }
        s += "```\n\n"
        if let impact = fleet.impact { s += Self.impactTable(impact) }
        s += "</details>\n"
        return s
    }

    /// A changed fleet's impact: before and after, per row; then its notes and warnings.
    static func impactTable(_ impact: FleetImpact) -> String {
        let unit = impact.unit
        var s = "| Impact | Before | After |\n|---|---|---|\n"
        s +=
            "| Server processes per \(unit) | \(impact.processesPerInstance.before) | \(impact.processesPerInstance.after) |\n"
        for location in impact.locations {
            let place = "\(cell(location.location)), \(ImpactText.count(location.instances, unit))"
            s += "| Game-session slots (\(place)) | \(location.slots.before) | \(location.slots.after) |\n"
            if let sessions = location.activeGameSessions {
                s += "| Game sessions running now (\(cell(location.location))) | \(sessions) | — |\n"
            }
        }
        if impact.locations.count > 1, let slots = impact.slots {
            s += "| Game-session slots (all locations) | \(slots.before) | \(slots.after) |\n"
        }
        if let share = impact.perProcess, let size = impact.instance, let type = impact.instanceType.map(cell) {
            func side(_ v: ProcessShare?, _ f: (ProcessShare) -> String) -> String { v.map(f) ?? "none" }
            s +=
                "| vCPU per process (\(type): \(ImpactText.count(size.vCPUs, "vCPU"))) | \(side(share.before) { ImpactText.number($0.vCPUs) }) | "
            s += "\(side(share.after) { ImpactText.number($0.vCPUs) }) |\n"
            s += "| Memory per process (\(type): \(MemorySize.text(mebibytes: size.memoryMiB))) | "
            s += "\(side(share.before) { MemorySize.text(mebibytes: $0.memoryMiB) }) | "
            s += "\(side(share.after) { MemorySize.text(mebibytes: $0.memoryMiB) }) |\n"
        }
        func setting(_ v: Int?, _ suffix: String = "") -> String { v.map { "\($0)\(suffix)" } ?? "default" }
        let activation = impact.activation
        s +=
            "| Game sessions activating at once per \(unit) | \(setting(activation.maxConcurrentPerInstance.before)) | "
        s += "\(setting(activation.maxConcurrentPerInstance.after)) |\n"
        s += "| Activation timeout | \(setting(activation.timeoutSeconds.before, " s")) | "
        s += "\(setting(activation.timeoutSeconds.after, " s")) |\n\n"
        s += "Activation: \(activation.summary).\n\n"
        for note in impact.notes { s += "_Note: \(note)._\n\n" }
        for warning in impact.warnings {
            s += "> ⚠️ **\(warning.code)** \(warning.message)"
            if let rule = warning.related { s += " (rule: `\(cell(rule.description))`)" }
            if let hint = warning.hint { s += " — \(hint)" }
            s += "\n\n"
        }
        return s
    }

    /// `diff` highlighting colours `+` and `-` lines; modified lines are marked `!` so they stand out too.
    static func diffLine(_ line: String) -> String {
        line.hasPrefix("~ ") ? "!" + line.dropFirst() : line
    }

    static func symbol(_ action: PlanAction) -> String {
        switch action {
        case .update: "🔄"
        case .unchanged: "✅"
        case .held: "⏸️"
        case .failed: "❌"
        }
    }

    static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}
