#!/bin/sh
# Prints the path of a tarball holding a minimal Debian 12 (bookworm) root
# for scripts/check-deb.sh to install the packages into: debootstrap's
# minbase plus Debian's kernel image and headers (linux-image-amd64,
# linux-headers-amd64: what an admin's machine has for DKMS) and Debian's
# own ipvsadm (the package ours replaces). The .debs that installing
# lvs-dkms pulls in (dkms, gcc, make, ...) are downloaded into its apt
# cache but not installed, so every test run starts from a system that has
# never seen them, and needs no network.
#
# Cached under ${XDG_CACHE_HOME:-~/.cache}/lvs/, keyed by this script's
# contents: editing it builds a new root. The first build downloads about
# 200 MB from the archive in /etc/apt/sources.list.d/debian.sources.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/lvs
key=$(sha256sum "$here/deb-chroot.sh" | cut -c1-12)
tarball=$cache/bookworm-root-$key.tar

if [ -s "$tarball" ]; then
	echo "$tarball"
	exit 0
fi

[ "$(id -u)" = 0 ] || { echo "deb-chroot: needs root (debootstrap, chroot)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "deb-chroot: no debootstrap: run 'make deps'" >&2; exit 1; }

mirror=${DEB_MIRROR:-$(sed -n 's/^URIs: *\(http[^ ]*debian\)$/\1/p' \
	/etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)}
mirror=${mirror:-http://deb.debian.org/debian}

mkdir -p "$cache"
root=$(mktemp -d "$cache/root.XXXXXX")
trap 'rm -rf "$root"' EXIT

echo "deb-chroot: debootstrap bookworm from $mirror into $root" >&2
debootstrap --variant=minbase bookworm "$root" "$mirror" >&2

# The archive's security updates too: the kernel ABI a fresh install gets.
cat >"$root/etc/apt/sources.list" <<SRC
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror%/debian}/debian-security bookworm-security main
SRC

# Maintainer scripts run with the host's /dev and /proc, in a private mount
# namespace that takes them down when the command ends.
in_root() {
	unshare --mount --propagation private sh -c '
		mount --rbind /dev "$0/dev" && mount -t proc proc "$0/proc" &&
		exec chroot "$0" "$@"' "$root" "$@"
}
apt_in_root() {
	in_root env DEBIAN_FRONTEND=noninteractive apt-get -q -y \
		-o APT::Install-Recommends=false "$@" >&2
}

apt_in_root update
apt_in_root install linux-image-amd64 linux-headers-amd64 ipvsadm
# What `apt-get install ./lvs-dkms_*.deb` will want, fetched only.
apt_in_root install --download-only dkms
in_root apt-mark showmanual >/dev/null

tar -C "$root" -cf "$tarball.tmp" .
mv "$tarball.tmp" "$tarball"
echo "$tarball"
