#!/usr/bin/env bash
# Runs the request-parsing fuzzer (functions/.../RequestParsingFuzzTest) for longer than the 15 s of every
# `./mvnw verify`, with Jazzer's own driver from Maven Central, and turns each crash into a bad-input corpus case.
#   scripts/fuzz.sh [DURATION]      DURATION: seconds, or 90s / 10m / 2h (default 10m)
# Corpus grown by the fuzzer is kept in functions/target/fuzz-corpus (reused by the next run); crash files go
# to functions/target/fuzz-findings, and a corpus line for each is appended to
# embedded/src/test/resources/bad-inputs/corpus.jsonl (status "4xx": make it precise when you fix the crash).
# Exit status: 0 when nothing crashed, 1 when something did.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

DURATION="${1:-10m}"
case "$DURATION" in
  *h) SECONDS_TOTAL=$(( ${DURATION%h} * 3600 )) ;;
  *m) SECONDS_TOTAL=$(( ${DURATION%m} * 60 )) ;;
  *s) SECONDS_TOTAL=${DURATION%s} ;;
  *[!0-9]*|"") echo "fuzz.sh: DURATION is seconds or a number with s, m or h (got '$DURATION')" >&2; exit 2 ;;
  *) SECONDS_TOTAL=$DURATION ;;
esac

TARGET_DIR="$ROOT/functions/target"
./mvnw -B -q -pl functions -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/fuzz-classpath.txt >&2
CP="$TARGET_DIR/test-classes:$TARGET_DIR/classes:$(cat "$TARGET_DIR/fuzz-classpath.txt")"

SEEDS="$ROOT/functions/src/test/resources/ai/lychee/rerank/functions/validation/RequestParsingFuzzTestInputs/parsingAndValidationFailOnlyWithClientErrors"
CORPUS="$TARGET_DIR/fuzz-corpus"
FINDINGS="$TARGET_DIR/fuzz-findings"
mkdir -p "$CORPUS" "$FINDINGS"
BEFORE=$(ls "$FINDINGS" | grep -c '^crash-' || true)

echo "fuzz.sh: fuzzing for ${SECONDS_TOTAL} s; corpus $CORPUS, findings $FINDINGS" >&2
set +e
java -XX:-OmitStackTraceInFastThrow -Xmx2g -cp "$CP" com.code_intelligence.jazzer.Jazzer \
  --target_class=ai.lychee.rerank.functions.validation.RequestParsingFuzzTest \
  --instrumentation_includes='ai.lychee.**:com.fasterxml.jackson.**' \
  --keep_going=100 --reproducer_path="$FINDINGS" \
  -max_total_time="$SECONDS_TOTAL" -timeout=10 -rss_limit_mb=2560 -artifact_prefix="$FINDINGS/" \
  "$CORPUS" "$SEEDS"
STATUS=$?
set -e

NEW=$(ls -t "$FINDINGS" | grep '^crash-' | head -n $(( $(ls "$FINDINGS" | grep -c '^crash-' || true) - BEFORE )) || true)
if [ -z "$NEW" ]; then
  echo "fuzz.sh: no crash in ${SECONDS_TOTAL} s (Jazzer exit $STATUS)" >&2
  exit 0
fi
echo "fuzz.sh: crashes found; adding them to the bad-input corpus:" >&2
(cd "$FINDINGS" && java -cp "$CP" ai.lychee.rerank.functions.validation.FuzzFindings $NEW) \
  | tee -a "$ROOT/embedded/src/test/resources/bad-inputs/corpus.jsonl" >&2
exit 1
