#!/usr/bin/env bash
# Installs the system tools Tally's tests use as independent judges or runtimes:
# OpenSSH (ssh-keygen -Y verify), Python venv (bagit-python, pytest), Chromium (the report),
# unzip. Idempotent: skips what is already there. Needs root (or sudo) on Debian.
set -euo pipefail
need=()
command -v ssh-keygen >/dev/null || need+=(openssh-client)
command -v unzip >/dev/null || need+=(unzip)
command -v chromium >/dev/null || need+=(chromium)
command -v openssl >/dev/null || need+=(openssl)
# The zone rules the importers and views read times with come from the system database.
[ -e /usr/share/zoneinfo/Europe/London ] || need+=(tzdata)
python3 -c 'import venv, ensurepip' 2>/dev/null || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "installing: ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
