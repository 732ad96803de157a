#!/usr/bin/env bash
# Bounded run (one pass over ~23,700 texts, well under a minute): near-duplicate throughput and what it collapses.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
dotnet run -c Release --project "$here/NearDuplicatesBench.csproj" -- "${1:-$root/../shared/data/labelled}"
