#!/usr/bin/env bash
# System packages the test suite uses: Debian's Chromium (browser tests), CJK fonts (tests render
# Chinese text into images) and promtool from Debian's prometheus package (checks and unit-tests the alert rules in
# infra/monitoring; only promtool is used). Installs only what is missing; needs root or sudo.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi -e "noto sans cjk" -e "wenquanyi" || need+=(fonts-noto-cjk)
lean=()
command -v promtool >/dev/null 2>&1 || lean+=(prometheus)
if [ $((${#need[@]} + ${#lean[@]})) -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  [ ${#need[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need[@]}"
  [ ${#lean[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${lean[@]}"
fi
