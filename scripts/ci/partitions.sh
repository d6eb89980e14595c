#!/usr/bin/env bash
# The partition table in Sources/GameLiftAWS/AWSPartition.swift matches botocore's data/partitions.json
# (installed with awscli by .ci/run): ids, DNS suffixes, FIPS/dual-stack support and the region lists.
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 - <<'PY'
import json, os, re, sys
import botocore
reference = json.load(open(os.path.join(os.path.dirname(botocore.__file__), "data", "partitions.json")))
source = open("Sources/GameLiftAWS/AWSPartition.swift").read()
pattern = re.compile(
    r'AWSPartition\(\s*id: "([^"]+)", dnsSuffix: "([^"]+)", dualStackDnsSuffix: "([^"]+)",\s*'
    r'supportsFIPS: (true|false), supportsDualStack: (true|false), regionPrefix: "[^"]*",\s*regions: \[([^\]]*)\]\)')
ours = {}
for m in pattern.finditer(source):
    ours[m.group(1)] = (m.group(2), m.group(3), m.group(4) == "true", m.group(5) == "true",
                        sorted(re.findall(r'"([^"]+)"', m.group(6))))
theirs = {}
for p in reference["partitions"]:
    o = p["outputs"]
    theirs[p["id"]] = (o["dnsSuffix"], o["dualStackDnsSuffix"], o["supportsFIPS"], o["supportsDualStack"],
                       sorted(p["regions"]))
problems = [f"{pid}: ours {ours.get(pid)} botocore {theirs.get(pid)}"
            for pid in sorted(set(ours) | set(theirs)) if ours.get(pid) != theirs.get(pid)]
if problems:
    print("the partition table differs from botocore's partitions.json:\n" + "\n".join(problems))
    sys.exit(1)
print(f"partition table matches botocore ({len(ours)} partitions)")
PY
