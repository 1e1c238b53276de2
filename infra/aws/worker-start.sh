#!/usr/bin/env bash
# Starts one Lychee gpu-worker on an EC2 GPU instance (g5.xlarge: one A10). Run by the launch template's
# user data from the unpacked worker bundle (quarkus-app/ and this script); configuration comes from the
# environment the user data sets: RABBITMQ_HOST, RABBITMQ_PORT, RABBITMQ_USERNAME, RABBITMQ_PASSWORD,
# LYCHEE_MODEL, LYCHEE_TRANSPORT_PREFETCH. Runs the worker as a systemd service that restarts on failure.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if ! command -v java >/dev/null 2>&1; then
  if command -v dnf >/dev/null 2>&1; then dnf install -y -q java-17-amazon-corretto-headless; else
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q openjdk-17-jre-headless; fi
fi

install -d /opt/lychee
cp -r "$HERE/quarkus-app" /opt/lychee/
cat > /etc/lychee-worker.env <<ENV
RABBITMQ_HOST=${RABBITMQ_HOST:?}
RABBITMQ_PORT=${RABBITMQ_PORT:-5671}
RABBITMQ_SSL=${RABBITMQ_SSL:-true}
RABBITMQ_USERNAME=${RABBITMQ_USERNAME:?}
RABBITMQ_PASSWORD=${RABBITMQ_PASSWORD:?}
LYCHEE_MODEL=${LYCHEE_MODEL:-lite}
LYCHEE_TRANSPORT_PREFETCH=${LYCHEE_TRANSPORT_PREFETCH:-8}
QUARKUS_HTTP_HOST=0.0.0.0
ENV
chmod 600 /etc/lychee-worker.env

cat > /etc/systemd/system/lychee-worker.service <<UNIT
[Unit]
Description=Lychee rerank gpu-worker
After=network-online.target
Wants=network-online.target

[Service]
EnvironmentFile=/etc/lychee-worker.env
ExecStart=/usr/bin/java -Xmx8g -Dai.djl.offline=true -jar /opt/lychee/quarkus-app/quarkus-run.jar
Restart=always
RestartSec=5
# SIGTERM lets the worker finish its batches; jobs still unacknowledged are redelivered to other workers.
TimeoutStopSec=40

[Install]
WantedBy=multi-user.target
UNIT
systemctl daemon-reload
systemctl enable --now lychee-worker
