#!/usr/bin/env bash
# The Swift miscompile fleetform works around (docs/architecture.md, "A compiler bug we work around"): builds the
# reduced reproduction in Tests/CompilerBugs/AsyncIndirectReturn in release and debug mode and says whether this
# toolchain still has the bug. Informational: fleetform no longer has the shape that triggers it, and the
# conformance suite checks the binary itself. When the release build prints the expected value, the bug is fixed
# in this toolchain and the workaround's notes can say from which version.
set -euo pipefail
cd "$(dirname "$0")/../../Tests/CompilerBugs/AsyncIndirectReturn"
export PATH="/opt/swift/usr/bin:$PATH"
swift --version 2>&1 | head -1
for configuration in debug release; do
    swift build -c "$configuration" --scratch-path "${TMPDIR:-/tmp}/fleetform-compiler-bug" >/dev/null
    if "${TMPDIR:-/tmp}/fleetform-compiler-bug/$configuration/repro"; then
        echo "$configuration: correct"
    else
        echo "$configuration: MISCOMPILED (the bug is still in this toolchain)"
    fi
done
