#!/usr/bin/env bash
# Stops what infra/local/start.sh started (functions and workers; RabbitMQ and Redis keep running).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN="$ROOT/.lychee/local"
shopt -s nullglob
for pidfile in "$RUN"/*.pid; do
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"  # SIGTERM: workers finish their batches; unacked jobs go back to the queue anyway
    echo "stopped $(basename "$pidfile" .pid) (pid $pid)"
  fi
  rm -f "$pidfile"
done
