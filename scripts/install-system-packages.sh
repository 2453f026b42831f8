#!/usr/bin/env bash
# Install the Debian packages the build (make site) or everything (the checks and tests too) needs;
# does nothing when they are already there. Usage: install-system-packages.sh [build|all]
# The build's PDFs: WeasyPrint loads Pango (libpango, libpangoft2, HarfBuzz) and lays out with Noto CJK and DejaVu.
set -euo pipefail
build=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk fonts-dejavu-core)
checks=(chromium nginx default-jre-headless openssl iproute2 util-linux procps strace)
case "${1:-all}" in
  build) packages=("${build[@]}") ;;
  all) packages=("${build[@]}" "${checks[@]}") ;;
  *) echo "usage: $0 [build|all]" >&2; exit 2 ;;
esac
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
