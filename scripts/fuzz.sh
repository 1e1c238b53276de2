#!/usr/bin/env bash
# Runs the request-parsing fuzzer (functions/.../RequestParsingFuzzTest) for longer than the 15 s of every
# `./mvnw verify`, with Jazzer's own driver from Maven Central, and turns each crash into a bad-input corpus case.
#   scripts/fuzz.sh [DURATION]      DURATION: seconds, or 90s / 10m / 2h (default 10m)
# Corpus grown by the fuzzer is kept in functions/target/fuzz-corpus (reused by the next run); crash files go
# to functions/target/fuzz-findings, and the fuzz target writes each crashing request as a corpus line that is
# appended to embedded/src/test/resources/bad-inputs/corpus.jsonl (status "4xx": make it precise once fixed).
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
NEW_CASES="$FINDINGS/new-corpus-cases.jsonl"
rm -f "$NEW_CASES"
CRASHES_BEFORE=$(find "$FINDINGS" -name 'crash-*' | wc -l)

echo "fuzz.sh: fuzzing for ${SECONDS_TOTAL} s; corpus $CORPUS, findings $FINDINGS" >&2
set +e
java -XX:-OmitStackTraceInFastThrow -Xmx2g -Dlychee.fuzz.findings="$NEW_CASES" -cp "$CP" com.code_intelligence.jazzer.Jazzer \
  --target_class=ai.lychee.rerank.functions.validation.RequestParsingFuzzTest \
  --instrumentation_includes='ai.lychee.**:com.fasterxml.jackson.**' \
  --keep_going=100 --reproducer_path="$FINDINGS" \
  -max_total_time="$SECONDS_TOTAL" -timeout=10 -rss_limit_mb=2560 -artifact_prefix="$FINDINGS/" \
  "$CORPUS" "$SEEDS"
STATUS=$?
set -e

CRASHES_NOW=$(find "$FINDINGS" -name 'crash-*' | wc -l)
if [ ! -s "$NEW_CASES" ]; then
  if [ "$CRASHES_NOW" -gt "$CRASHES_BEFORE" ]; then
    echo "fuzz.sh: new crash files in $FINDINGS (outside request handling); reproduce them with the Crash_*.java beside them" >&2
    exit 1
  fi
  if [ "$STATUS" -ne 0 ]; then
    echo "fuzz.sh: Jazzer exited $STATUS without a crash in the target (a timeout or out-of-memory: see timeout-*/oom-* in $FINDINGS)" >&2
    exit 1
  fi
  echo "fuzz.sh: no crash in ${SECONDS_TOTAL} s" >&2
  exit 0
fi
echo "fuzz.sh: crashes found; crash files in $FINDINGS; these cases are added to the bad-input corpus:" >&2
tee -a "$ROOT/embedded/src/test/resources/bad-inputs/corpus.jsonl" < "$NEW_CASES" >&2
exit 1
