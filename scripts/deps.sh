#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages given as arguments that are not installed
# yet, through sudo when not root. Does nothing when everything is there.
set -euo pipefail
if ! command -v go >/dev/null 2>&1; then
  echo "Go is required (https://go.dev/dl/); the module's go.mod says which version." >&2
  exit 1
fi
missing=()
for p in "$@"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Installing system packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
