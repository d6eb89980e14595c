# Studio rules for fleetform plans, beyond fleetform's own checks.
#
# Input: a JSON plan (`fleetform plan --format json`, or `--out plan.json`); its fields are in docs/plan-json.md.
# Run:   conftest test --policy examples/policy --namespace fleetform plan.json
#        opa eval -d examples/policy/fleetform.rego -i plan.json 'data.fleetform.deny'
#        python3 examples/policy/check.py plan.json       (no OPA needed: regopy from PyPI)
#
# `deny` fails the check, `warn` is reported only (conftest's convention). Every message about a fleet starts
# with its id, region and where it is declared. Rule 4 reads each fleet's `environment` (the fleetform.yaml
# environment its file is in), through object.get: a plan made without settings has none, and it stays silent.
package fleetform

import rego.v1

# Fleets apply will send an update to: `update`, and `held` (apply tries those again).
changed contains fleet if {
	some fleet in input.fleets
	fleet.action in {"update", "held"}
}

where(fleet) := sprintf("%s (%s) %s:%d", [fleet.fleetId, fleet.region, fleet.source.path, fleet.source.line])

# A server process named as the plan's `changes` name it; `Parameters` is absent when empty.
process_key(process) := sprintf(`ServerProcesses["%s" "%s"]`, [process.LaunchPath, process.Parameters]) if {
	process.Parameters
} else := sprintf(`ServerProcesses["%s"]`, [process.LaunchPath])

# 1. Our servers read the port they listen on (and report to GameLift) from `-port` in their Parameters, so a
#    process launched without it cannot host a game. Checked on what apply will send (`request`).
deny contains msg if {
	some fleet in changed
	some process in fleet.request.RuntimeConfiguration.ServerProcesses
	not regex.match(`(^|\s)-port(\s|=|$)`, object.get(process, "Parameters", ""))
	msg := sprintf("%s: %s has no -port in its Parameters", [where(fleet), process_key(process)])
}

# 2. A change may not cut a fleet's game-session slots (all locations) by more than half: scale the fleet or
#    split the change. fleetform itself only warns (FF501) when the slots left are fewer than the sessions
#    running now. `impact.slots` is absent when capacity could not be read; the rule then says nothing.
deny contains msg if {
	some fleet in changed
	slots := fleet.impact.slots
	slots.after * 2 < slots.before
	msg := sprintf("%s: game-session slots drop from %d to %d, more than half", [
		where(fleet), slots.before, slots.after,
	])
}

# 3. Blast radius: a plan may change at most max_changed fleets at once, unless it rolls them out in waves
#    (`plan --wave` records `waves`, applied with `apply --plan … --bake`). Otherwise split it with --target.
max_changed := 10

deny contains msg if {
	count(changed) > max_changed
	not input.waves
	msg := sprintf("the plan changes %d fleets, more than %d at once without waves (plan --wave)", [
		count(changed), max_changed,
	])
}

# 4. Uses the per-fleet `environment` (absent without fleetform.yaml; the rule then never fires): a prod fleet
#    losing any slots needs a second look.
warn contains msg if {
	some fleet in changed
	object.get(fleet, "environment", "") == "prod"
	slots := fleet.impact.slots
	slots.after < slots.before
	msg := sprintf("%s: prod fleet loses game-session slots (%d to %d)", [where(fleet), slots.before, slots.after])
}
