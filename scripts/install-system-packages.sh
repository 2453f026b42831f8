#!/usr/bin/env bash
# Install the Debian packages the build and the tests need; does nothing when they are already there.
# The PDFs: WeasyPrint loads Pango (libpango, libpangoft2, HarfBuzz) and lays out with Noto CJK and DejaVu.
set -euo pipefail
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk fonts-dejavu-core
          chromium nginx default-jre-headless openssl iproute2 util-linux procps strace)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
