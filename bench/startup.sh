#!/usr/bin/env bash
# Start-up of the single executable against `node dist/bin/kmsguard.js` (and a bare `node -e 0`):
# mean wall time of N runs each, for --version and for the insecure seed plan.
#   npm run build:binary && bash bench/startup.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-30}
binary=dist/kmsguard-$(node -p 'process.platform + "-" + process.arch')
[ -x "$binary" ] || { echo "bench/startup.sh: $binary is missing; run npm run build:binary first." >&2; exit 2; }
mean_ms() {
  local start
  start=$(date +%s%N)
  for _ in $(seq "$runs"); do "$@" >/dev/null 2>&1 || true; done
  echo $(( ($(date +%s%N) - start) / runs / 1000000 ))
}
for args in --version examples/seed/insecure/plan.json; do
  js=$(mean_ms node dist/bin/kmsguard.js "$args")
  sea=$(mean_ms "$binary" "$args")
  bare=$(mean_ms node -e 0)
  echo "$args ($runs runs): node dist/bin/kmsguard.js ${js} ms, $binary ${sea} ms (ratio $(awk "BEGIN { printf \"%.2f\", $sea / $js }")), node -e 0 ${bare} ms"
done
