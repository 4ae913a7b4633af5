#!/usr/bin/env bash
# Every test: type check, lint, unit + integration (PGlite and the real PostgreSQL/NATS/Redis),
# then the browser end-to-end suite. Fails on the first failing stage.
set -euo pipefail
cd "$(dirname "$0")/.."

# Chromium (browser e2e), oathtool (the seed's TOTP check) and Janus (the voice suites' media
# server) come from Debian; install them when missing and we may (root with apt), so no suite is
# skipped for want of a tool.
missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v oathtool >/dev/null || missing+=(oathtool)
[[ -x "${JANUS_BINARY:-/usr/bin/janus}" ]] || missing+=(janus)
if (( ${#missing[@]} )) && [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  echo "== installing ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "== typecheck"; npm run -s typecheck
echo "== lint"; npm run -s lint
echo "== unit + integration"; npx vitest run
if [[ -f apps/web/package.json ]]; then
  echo "== web"; npm run -s -w @twopointo/web test
fi
