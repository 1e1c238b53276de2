#!/usr/bin/env bash
# Lychee distributed mode on this machine: RabbitMQ and Redis (Debian packages; installed and started if
# missing), two workers and the functions (HTTP on :7860), each its own JVM. Stop with infra/local/stop.sh.
#   infra/local/start.sh            # LYCHEE_WORKERS=1 for one worker; LYCHEE_PORT=7860
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN="$ROOT/.lychee/local"
mkdir -p "$RUN"
WORKERS="${LYCHEE_WORKERS:-2}"
PORT="${LYCHEE_PORT:-7860}"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

"$ROOT/scripts/ensure-services.sh"

cd "$ROOT"
if [ ! -f distributed/functions-app/target/quarkus-app/quarkus-run.jar ] || [ ! -f distributed/worker-app/target/quarkus-app/quarkus-run.jar ]; then
  echo "building..."
  ./mvnw -B -q -DskipTests package
fi

start() { # name, log, command...
  local name=$1; shift
  nohup "$@" > "$RUN/$name.log" 2>&1 &
  echo $! > "$RUN/$name.pid"
  echo "$name: pid $!, log $RUN/$name.log"
}
for i in $(seq 1 "$WORKERS"); do
  start "worker-$i" java -Xmx2g -Dai.djl.offline=true -Dquarkus.http.port=$((7870 + i)) \
    -jar distributed/worker-app/target/quarkus-app/quarkus-run.jar
done
start functions java -Xmx1g -Dquarkus.http.port="$PORT" -Dlychee.functions.cache.store=redis \
  -jar distributed/functions-app/target/quarkus-app/quarkus-run.jar

for _ in $(seq 1 120); do
  if curl -sf "http://localhost:$PORT/q/health/ready" >/dev/null 2>&1; then
    echo "Running on local URL: http://localhost:$PORT  ($WORKERS workers over RabbitMQ, Redis cache)"
    exit 0
  fi
  sleep 1
done
echo "functions did not become ready; see $RUN/*.log" >&2
exit 1
