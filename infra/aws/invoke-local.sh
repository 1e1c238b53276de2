#!/usr/bin/env bash
# Runs the built Lambda packages' handlers on this machine as Lambda's Java runtime would, with the events in
# infra/aws/events/ (or yours), and prints what each handler answers. Needs the broker and a worker, e.g. from
# infra/local/start.sh, or: sudo service rabbitmq-server start; ./lychee worker &
#   infra/aws/invoke-local.sh [event.json ...]        (default: every file in infra/aws/events/)
# Each event goes to the package that takes it:
#   API Gateway HTTP API events (payload 2.0) -> distributed/functions-app/target/function.zip (-Plambda),
#     handler QuarkusStreamHandler;
#   SQS batches ("Records" from aws:sqs) and EventBridge events ("detail-type") ->
#     distributed/functions-app/target-lambda-events/function.zip (-Plambda-events), handler FunqyStreamHandler,
#     QUARKUS_FUNQY_EXPORT=sqs-requests or reply-check as in template.yaml. Their results go where
#     LYCHEE_EVENT_FUNCTIONS_RESULTS says: by default "log", one JSON line per result in this output.
# Settings as for ./lychee functions (RABBITMQ_HOST, RABBITMQ_VIRTUAL_HOST, LYCHEE_FUNCTIONS_CACHE_STORE, ...);
# QUARKUS_PROFILE defaults to prod,lambda as in template.yaml.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
HTTP_ZIP="$ROOT/distributed/functions-app/target/function.zip"
EVENTS_ZIP="$ROOT/distributed/functions-app/target-lambda-events/function.zip"
if [ "$#" -eq 0 ]; then
  set -- "$HERE"/events/*.json
fi

http=() sqs=() eventbridge=()
for event in "$@"; do
  if grep -q '"eventSource": *"aws:sqs"' "$event"; then
    sqs+=("$event")
  elif grep -q '"detail-type"' "$event"; then
    eventbridge+=("$event")
  else
    http+=("$event")
  fi
done

# run ZIP HANDLER BUILD-PROFILE FUNQY-EXPORT EVENT... with the package's classpath, as Lambda lays out function.zip
run() {
  local zip="$1" handler="$2" profile_hint="$3" export="$4"
  shift 4
  if [ ! -f "$zip" ]; then
    echo "invoke-local: no $zip; build it with: ./mvnw -B $profile_hint -pl distributed/functions-app -am package -DskipTests" >&2
    exit 1
  fi
  local code
  code="$(mktemp -d)"
  (cd "$code" && unzip -q "$zip")
  QUARKUS_FUNQY_EXPORT="$export" QUARKUS_PROFILE="${QUARKUS_PROFILE:-prod,lambda}" java -Dlychee.handler="$handler" -cp "$code:$code/lib/*" \
    "$HERE/InvokeHandler.java" "$@" || { rm -rf "$code"; return 1; }
  rm -rf "$code"
}

if [ "${#http[@]}" -gt 0 ]; then
  run "$HTTP_ZIP" io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler -Plambda "" "${http[@]}"
fi
export LYCHEE_EVENT_FUNCTIONS_RESULTS="${LYCHEE_EVENT_FUNCTIONS_RESULTS:-log}"
export QUARKUS_HTTP_HOST_ENABLED="${QUARKUS_HTTP_HOST_ENABLED:-false}"
if [ "${#sqs[@]}" -gt 0 ]; then
  run "$EVENTS_ZIP" io.quarkus.funqy.lambda.FunqyStreamHandler -Plambda-events sqs-requests "${sqs[@]}"
fi
if [ "${#eventbridge[@]}" -gt 0 ]; then
  run "$EVENTS_ZIP" io.quarkus.funqy.lambda.FunqyStreamHandler -Plambda-events reply-check "${eventbridge[@]}"
fi
