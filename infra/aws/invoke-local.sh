#!/usr/bin/env bash
# Runs the built function.zip's handler on this machine as Lambda's Java runtime would, with API Gateway
# HTTP API (payload 2.0) events, and prints its responses. Needs the broker and a worker, e.g. from
# infra/local/start.sh, or: sudo service rabbitmq-server start; ./lychee worker &
#   infra/aws/invoke-local.sh [event.json ...]        (default: every file in infra/aws/events/)
# Settings as for ./lychee functions (RABBITMQ_HOST, LYCHEE_FUNCTIONS_CACHE_STORE, ...); QUARKUS_PROFILE
# defaults to prod,lambda as in template.yaml.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ZIP="$ROOT/distributed/functions-app/target/function.zip"
if [ ! -f "$ZIP" ]; then
  echo "invoke-local: no $ZIP; build it with: ./mvnw -B -Plambda -pl distributed/functions-app -am package -DskipTests" >&2
  exit 1
fi
if [ "$#" -eq 0 ]; then
  set -- "$HERE"/events/*.json
fi
CODE="$(mktemp -d)"
trap 'rm -rf "$CODE"' EXIT
(cd "$CODE" && unzip -q "$ZIP")
QUARKUS_PROFILE="${QUARKUS_PROFILE:-prod,lambda}" exec java -cp "$CODE:$CODE/lib/*" "$HERE/InvokeHandler.java" "$@"
