#!/usr/bin/env bash
# The AWS CLI (pip install awscli==1.45.11) describes and updates runtime configurations and reads fleet
# events through gamelift-local: wire compatibility with the tools users already have.
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ -x .build/debug/gamelift-local ]] || swift build --product gamelift-local
bash scripts/awscli_check.sh .build/debug/gamelift-local
