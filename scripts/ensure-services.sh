#!/usr/bin/env bash
# Makes sure this machine's RabbitMQ (127.0.0.1:5672) and Redis (127.0.0.1:6379) answer, installing them from
# Debian's packages and starting them when they don't. The distributed tests and infra/local/start.sh need both; CI
# runs this first because a broker left stopped (a restart test cut short, say) must not fail the build.
set -euo pipefail
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

need=()
command -v rabbitmq-server >/dev/null 2>&1 || need+=(rabbitmq-server)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}..."
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need[@]}"
fi

if ! $SUDO rabbitmqctl -q status >/dev/null 2>&1; then
  echo "starting RabbitMQ..."
  # The init script where there is one; the node itself where the init script cannot start it.
  $SUDO timeout 120 service rabbitmq-server start >/dev/null 2>&1 || $SUDO rabbitmq-server -detached
  $SUDO rabbitmqctl -q await_startup --timeout 120 >/dev/null 2>&1 || sleep 15
  $SUDO rabbitmqctl -q status >/dev/null 2>&1 || { echo "RabbitMQ did not start" >&2; exit 1; }
fi
if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
  echo "starting Redis..."
  $SUDO mkdir -p /var/lib/redis /var/log/redis
  $SUDO redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/lychee.log
fi
