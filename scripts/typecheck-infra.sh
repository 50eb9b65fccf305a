#!/usr/bin/env bash
# Type-checks sst.config.ts and infra/ against the SST platform types. `sst install` fetches the platform
# and its Pulumi providers from npm (about 300 MB, cached by npm) into .sst/; it is skipped when .sst
# already holds the platform of the pinned sst version.
set -euo pipefail
cd "$(dirname "$0")/.."

pinned=$(node -p "require('./node_modules/sst/package.json').version")
installed=$(cat .sst/platform/version 2>/dev/null || true)
if [ ! -f .sst/platform/config.d.ts ] || [ "$installed" != "$pinned" ]; then
  echo "sst install (platform $pinned) …" >&2
  SST_SKIP_DEPENDENCY_CHECK=1 SST_TELEMETRY_DISABLED=1 SST_NO_BUN=1 sst install --stage ci >&2
fi
tsc --noEmit -p tsconfig.infra.json
