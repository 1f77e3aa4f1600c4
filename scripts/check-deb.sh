#!/bin/bash
# The Debian packages as an admin gets them: lintian over what
# scripts/build-deb.sh built into DIR, then `apt-get install ./lvs-dkms_*.deb
# ./lvs-ipvsadm_*.deb` in a fresh Debian 12 root (scripts/deb-chroot.sh,
# with Debian's kernel, its headers and Debian's ipvsadm installed) without
# network, and checks: DKMS built and installed lvs.ko for that kernel,
# `modprobe ip_vs` resolves to it and the kernel's ip_vs cannot load, ours
# replaced Debian's ipvsadm and runs, the files are where they belong,
# purging gives the kernel's ip_vs back and installing Debian's ipvsadm
# removes ours. Never touches the host's own
# ipvsadm or modules: everything happens in a copy of the root under DIR.
# Usage: scripts/check-deb.sh DIR
set -euo pipefail

dir=$(cd "${1:?usage: check-deb.sh DIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
pass=0 fail=0

ok() { echo "ok: $*"; pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
# check DESC CMD...: CMD's status decides.
check() {
	local desc=$1
	shift
	if "$@"; then ok "$desc"; else bad "$desc"; fi
}

shopt -s nullglob
dkms_deb=("$dir"/lvs-dkms_*_all.deb)
adm_deb=("$dir"/lvs-ipvsadm_*.deb)
changes=("$dir"/*.changes)
[ ${#dkms_deb[@]} = 1 ] && [ ${#adm_deb[@]} = 1 ] && [ ${#changes[@]} = 1 ] || {
	echo "check-deb: $dir needs one lvs-dkms, one lvs-ipvsadm .deb and a .changes (make deb)" >&2
	exit 1
}

# Every tag lintian still prints is explained in debian/*.lintian-overrides.
echo "== lintian"
if lintian --fail-on error,warning,info --display-info "${changes[0]}"; then
	ok "lintian: no error, warning or info tag"
else
	bad "lintian"
fi

echo "== root"
tarball=$("$here/deb-chroot.sh")
root=$dir/root
rm -rf "$root"
mkdir -p "$root"
tar -C "$root" -xf "$tarball"
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/tmp/debs"
cp "${dkms_deb[0]}" "${adm_deb[0]}" "$root/tmp/debs/"
chmod a+r "$root"/tmp/debs/*

# A private mount namespace (the host's /dev, a /proc) with no network:
# everything apt installs comes from the root's cache.
in_root() {
	unshare --mount --net --propagation private sh -c '
		mount --rbind /dev "$0/dev" && mount -t proc proc "$0/proc" &&
		exec chroot "$0" "$@"' "$root" "$@"
}
# No /proc, no /sys: modprobe sees no module loaded (not the host's).
bare_root() { unshare --net chroot "$root" "$@"; }

kver=$(cd "$root/usr/src" && ls -d linux-headers-*-amd64 | sed 's/^linux-headers-//' | sort -V | tail -1)
echo "Debian kernel in the root: $kver"
dkmsver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$here/../dkms.conf")

echo "== apt-get install"
log=$dir/install.log
if in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	-o APT::Install-Recommends=false \
	"/tmp/debs/${dkms_deb[0]##*/}" "/tmp/debs/${adm_deb[0]##*/}" >"$log" 2>&1; then
	ok "apt-get install ./lvs-dkms ./lvs-ipvsadm"
else
	bad "apt-get install (see $log)"
	tail -30 "$log"
fi
grep -A1 '^The following packages will be REMOVED:' "$log" || true
check "Debian's ipvsadm removed (Conflicts/Replaces)" \
	grep -Eq '^Removing ipvsadm ' "$log"

echo "== lvs-dkms"
check "dkms.conf under /usr/src/lvs-$dkmsver" test -f "$root/usr/src/lvs-$dkmsver/dkms.conf"
check "module source under /usr/src/lvs-$dkmsver" test -f "$root/usr/src/lvs-$dkmsver/kmod/main.c"
check "no build output in the source" \
	test -z "$(find "$root/usr/src/lvs-$dkmsver" -name '*.o' -o -name '*.ko' | head -1)"
status=$(in_root dkms status lvs -k "$kver")
echo "$status"
check "DKMS built and installed lvs for $kver" grep -q "^lvs/$dkmsver, $kver, [^:]*: installed\$" <<<"$status"
ko=/lib/modules/$kver/updates/dkms/lvs.ko
check "$ko exists" test -f "$root$ko"
vermagic=$(bare_root modinfo -k "$kver" -F vermagic "$ko" || true)
echo "vermagic: $vermagic"
check "lvs.ko's vermagic is $kver" grep -q "^$kver " <<<"$vermagic"
check "/lib/modprobe.d/lvs.conf installed" test -f "$root/lib/modprobe.d/lvs.conf"

show=$(bare_root modprobe -S "$kver" --show-depends ip_vs)
echo "$show"
check "modprobe --show-depends ip_vs ends in lvs.ko" grep -q "^insmod $ko *\$" <<<"$(tail -1 <<<"$show")"
check "modprobe --show-depends ip_vs has no ip_vs.ko" \
	test -z "$(grep 'ipvs/ip_vs\.ko' <<<"$show")"
dry=$(bare_root modprobe -S "$kver" -n -v ip_vs)
echo "$dry"
check "modprobe -n -v ip_vs loads lvs.ko" grep -q "^insmod $ko" <<<"$dry"
check "modprobe -R ip_vs (also what -r removes) is lvs" \
	test "$(bare_root modprobe -S "$kver" -R ip_vs)" = lvs
check "modprobe ip_vs_rr resolves to lvs.ko" \
	grep -q "^insmod $ko" <<<"$(bare_root modprobe -S "$kver" --show-depends ip_vs_rr)"
check "modprobe ip_vs_pe_sip resolves to lvs.ko" \
	grep -q "^insmod $ko" <<<"$(bare_root modprobe -S "$kver" --show-depends ip_vs_pe_sip)"
# A module that needs ip_vs.ko's symbols reaches the install command, which fails.
xt=$(bare_root modprobe -S "$kver" --show-depends xt_ipvs)
echo "$xt"
check "xt_ipvs's dependency ip_vs is the failing install command" \
	grep -q "^install echo \"lvs-dkms: the kernel's ip_vs is replaced" <<<"$xt"
check "xt_ipvs never loads ip_vs.ko" test -z "$(grep 'ipvs/ip_vs\.ko' <<<"$xt")"
check "the install command fails" \
	bare_root sh -c '! sh -c "$(modprobe -S "$0" --show-depends xt_ipvs | sed -n "s/^install //p")"' "$kver"

echo "== lvs-ipvsadm"
check "/usr/sbin/ipvsadm is lvs-ipvsadm's" \
	test "$(bare_root dpkg -S /usr/sbin/ipvsadm)" = "lvs-ipvsadm: /usr/sbin/ipvsadm"
check "Debian's ipvsadm is no longer installed" \
	test "$(bare_root dpkg-query -W -f='${Status}' ipvsadm 2>/dev/null | cut -d' ' -f3)" != installed
for f in /usr/share/man/man8/ipvsadm.8.gz /usr/share/bash-completion/completions/ipvsadm \
	/lib/systemd/system/ipvsadm.service; do
	check "$f" test -f "$root$f"
done
# Parsed by the host's systemd (the root has none), from a copy.
unitdir=$(mktemp -d)
cp "$root/lib/systemd/system/ipvsadm.service" "$unitdir/"
check "systemd-analyze verify ipvsadm.service" \
	systemd-analyze verify --man=no "$unitdir/ipvsadm.service"
rm -rf "$unitdir"
check "ipvsadm.service not enabled" \
	test ! -e "$root/etc/systemd/system/multi-user.target.wants/ipvsadm.service"
# ipvsadm, as 1.31, opens the kernel's IPVS before it reads its options,
# even for --version and --help, and runs `modprobe ip_vs` when the family
# is missing. The host's kernel has no IPVS and must never get a module from
# this root, so modprobe is a stub that records its arguments: the binary
# links and runs in the root, and asks for ip_vs as the modprobe file expects.
check "ipvsadm's libraries resolve in the root" \
	test -z "$(bare_root ldd /usr/sbin/ipvsadm | grep 'not found')"
printf '#!/bin/sh\necho "$*" >>/tmp/modprobe.args\nexit 1\n' >"$root/tmp/modprobe-stub"
chmod +x "$root/tmp/modprobe-stub"
rm -f "$root/tmp/modprobe.args"
adm=$(unshare --mount --net --propagation private chroot "$root" sh -c '
	mount --bind /tmp/modprobe-stub /sbin/modprobe &&
	exec /usr/sbin/ipvsadm --version' 2>&1) && st=0 || st=$?
echo "$adm"
echo "exit status $st, modprobe ran with: $(cat "$root/tmp/modprobe.args" 2>/dev/null)"
check "ipvsadm --version ran modprobe -- ip_vs" \
	test "$(cat "$root/tmp/modprobe.args" 2>/dev/null)" = "-- ip_vs"
check "ipvsadm --version failed as 1.31 does without IPVS" \
	grep -q "^Can't initialize ipvs: " <<<"$adm"
check "ipvsadm's man page is lvs's (--json)" \
	grep -q 'json' <<<"$(zcat "$root/usr/share/man/man8/ipvsadm.8.gz")"

echo "== purge"
if in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q lvs-dkms >>"$log" 2>&1; then
	ok "apt-get purge lvs-dkms"
else
	bad "apt-get purge lvs-dkms (see $log)"
fi
check "lvs.ko removed" test ! -e "$root$ko"
check "modprobe ip_vs is the kernel's ip_vs.ko again" \
	grep -q 'ipvs/ip_vs\.ko' <<<"$(bare_root modprobe -S "$kver" --show-depends ip_vs)"

# And back to Debian's ipvsadm (its .deb is in the root's cache).
if in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q ipvsadm >>"$log" 2>&1; then
	ok "apt-get install ipvsadm (Debian's)"
else
	bad "apt-get install ipvsadm (see $log)"
fi
check "it removed lvs-ipvsadm" \
	test "$(bare_root dpkg-query -W -f='${Status}' lvs-ipvsadm 2>/dev/null | cut -d' ' -f3)" != installed
check "/sbin/ipvsadm is Debian's again" \
	test "$(bare_root dpkg -S /sbin/ipvsadm)" = "ipvsadm: /sbin/ipvsadm"

echo "check-deb: $pass passed, $fail failed"
[ "$fail" = 0 ]
