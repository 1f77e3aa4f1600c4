#!/bin/sh
# Installs every Debian package that building, testing and the demo need.
# Idempotent: does nothing (and touches no network) when all are present.
# With arguments it installs just those packages (e.g. for `make style`).
set -eu

PKGS="
build-essential make pkg-config cmake g++ kmod cpio
linux-headers-amd64 linux-image-amd64
qemu-system-x86 busybox-static iproute2 dash bash
ipvsadm keepalived
nftables jq
libnl-3-dev libnl-genl-3-dev libpopt-dev
googletest libgtest-dev libgmock-dev
xz-utils binutils coreutils
linux-perf
"
[ $# -gt 0 ] && PKGS="$*"

missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in
	"install ok installed") ;;
	*) missing="$missing $p" ;;
	esac
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "install-deps: missing packages:$missing (run as root)" >&2
	exit 1
fi
echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
