# SPDX-License-Identifier: GPL-2.0
# Sourced by selftests/vm/run: builds the guest's initramfs from the host's
# own Debian files. Two newc archives, concatenated at boot (the kernel
# unpacks them in order, later files win):
#   base    - busybox, bash, kmod, iproute2, coreutils' timeout, stock ipvsadm,
#             keepalived, their libraries and the kernel modules the tests
#             need. Slow to build, cached under out/ and keyed on its inputs.
#   overlay - /init, lvs.ko, our ipvsadm, selftests/ and the run config.
#             Rebuilt on every run because those change all the time; it is
#             a few MB, so packing it costs well under a second.

# Real binaries the guest runs (busybox provides everything else); jq
# reads the --json listings; nft
# sets the fwmarks of fwmark services and lists the registered hooks (its
# kernel side, nf_tables and nfnetlink_hook, is in kernel/net/netfilter).
VM_BINS="/usr/bin/bash /usr/sbin/ip /usr/bin/kmod /usr/bin/timeout
/usr/sbin/ipvsadm /usr/sbin/keepalived
/usr/sbin/nft /usr/bin/jq"

# Module directories copied whole (plus their dependency closure): ipvs and
# conntrack for both sides, the tunnel drivers for the TUN forwarding tests,
# sched for tc, veth and friends for topologies; crc32c because libcrc32c
# (needed by ip_vs, nf_conntrack, sctp) only soft-depends on it.
VM_MODDIRS="kernel/net/netfilter kernel/net/ipv4 kernel/net/ipv6 kernel/net/sched
kernel/net/sctp kernel/net/bridge kernel/net/8021q"
VM_MODFILES="kernel/drivers/net/veth.ko kernel/drivers/net/dummy.ko
kernel/drivers/net/macvlan.ko kernel/drivers/net/ifb.ko kernel/drivers/net/tun.ko
kernel/drivers/net/vrf.ko kernel/drivers/net/ipvlan/ipvlan.ko
kernel/crypto/crc32c_generic.ko kernel/arch/x86/crypto/crc32c-intel.ko"

# Copies a host file to the same path under $1, resolving symlinked
# directories (Debian is usrmerged: /lib -> usr/lib) so every file lands once.
vm_copy() {
	local root=$1 src=$2 dir
	dir=$(realpath -e "$(dirname "$src")") || return 1
	mkdir -p "$root$dir"
	cp -L "$src" "$root$dir/$(basename "$src")"
}

# Copies the shared libraries (per ldd) of every argument.
vm_copy_libs() {
	local root=$1 lib
	shift
	for lib in $(ldd "$@" 2>/dev/null | awk '/=> \//{print $3} /^\t\//{print $1}' | sort -u); do
		vm_copy "$root" "$lib" || return 1
	done
}

# Prints the files of a module list plus everything they depend on,
# following modules.dep (paths relative to the module tree).
vm_mod_closure() {
	local mods=$1
	shift
	awk -v want="$*" '
	BEGIN { n = split(want, w, " "); for (i = 1; i <= n; i++) need[w[i]] = 1 }
	{
		key = $1; sub(/:$/, "", key)
		deps[key] = ""
		for (i = 2; i <= NF; i++) deps[key] = deps[key] " " $i
	}
	END {
		do {
			changed = 0
			for (m in need) {
				n = split(deps[m], d, " ")
				for (i = 1; i <= n; i++)
					if (!(d[i] in need)) { need[d[i]] = 1; changed = 1 }
			}
		} while (changed)
		for (m in need) if (m in deps) print m
	}' "$mods/modules.dep" | sort
}

# vm_build_base KVER OUT.cpio [MODROOT]: everything that only changes with
# the host's packages. The kernel modules come from MODROOT/lib/modules/KVER
# (default: the host's own, Debian's kernel); they land at /lib/modules/KVER.
vm_build_base() {
	local kver=$1 out=$2 modroot=${3:-} root mods list f
	root=$(mktemp -d "${out}.stage.XXXXXX") || return 1
	mods=$modroot/lib/modules/$kver

	# Same usrmerged layout as the host, so ldd's paths are valid as is.
	mkdir -p "$root"/usr/{bin,sbin,lib,lib64} "$root"/{dev,proc,sys,tmp,run,root,etc/modprobe.d,var/run,opt/lvs}
	ln -s usr/bin "$root/bin"
	ln -s usr/sbin "$root/sbin"
	ln -s usr/lib "$root/lib"
	ln -s usr/lib64 "$root/lib64"

	# busybox applets live in their own directory, last in PATH, so the
	# real ip/modprobe/timeout/bash always win over busybox's versions.
	mkdir -p "$root/opt/busybox"
	cp /usr/bin/busybox "$root/opt/busybox/busybox"
	for f in $(/usr/bin/busybox --list); do
		[ "$f" = busybox ] && continue
		ln -s busybox "$root/opt/busybox/$f"
	done
	# sh, and true/false for modprobe.d "install ... /bin/false" lines.
	for f in sh true false; do
		ln -sf ../../opt/busybox/busybox "$root/usr/bin/$f"
	done

	for f in $VM_BINS; do
		vm_copy "$root" "$f" || return 1
	done
	# shellcheck disable=SC2086 # lists, split on purpose
	vm_copy_libs "$root" $VM_BINS || return 1
	for f in insmod rmmod modprobe lsmod modinfo depmod; do
		ln -s ../bin/kmod "$root/usr/sbin/$f"
	done

	cp /etc/services /etc/protocols "$root/etc/"
	printf 'root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' >"$root/etc/passwd"
	printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
	printf '127.0.0.1 localhost\n::1 localhost\n' >"$root/etc/hosts"

	# shellcheck disable=SC2086 # lists, split on purpose
	list=$(cd "$mods" && { find $VM_MODDIRS -name '*.ko' 2>/dev/null; ls $VM_MODFILES 2>/dev/null; })
	local gmods=$root/lib/modules/$kver
	# shellcheck disable=SC2086
	for f in $(vm_mod_closure "$mods" $list); do
		mkdir -p "$gmods/$(dirname "$f")"
		cp "$mods/$f" "$gmods/$f"
	done
	cp "$mods"/modules.{order,builtin,builtin.modinfo} "$gmods/"
	depmod -b "$root" "$kver" || return 1

	(cd "$root" && find . -mindepth 1 | LC_ALL=C sort |
		cpio --quiet -o -H newc -R 0:0) >"$out.tmp" || return 1
	rm -rf "$root"
	mv "$out.tmp" "$out"
}

# The cache key of the base archive: this file, the kernel (and the module
# tree of a kernel not from a package), and the exact versions of the
# packages its files come from.
vm_base_key() {
	local kver=$1 modroot=${2:-}
	{
		cat "${BASH_SOURCE[0]}"
		echo "$kver"
		[ -z "$modroot" ] || cat "$modroot/lib/modules/$kver/modules.dep"
		dpkg-query -W busybox-static bash kmod iproute2 coreutils ipvsadm \
			keepalived nftables jq "linux-image-$kver" libc6 2>/dev/null
	} | sha256sum | cut -c1-16
}

# vm_base KVER OUTDIR [MODROOT]: prints the path of an up-to-date base
# archive, building it if needed. flock: several developers may run at once.
vm_base() {
	local kver=$1 dir=$2 modroot=${3:-} key out
	key=$(vm_base_key "$kver" "$modroot")
	out=$dir/base-$kver-$key.cpio
	mkdir -p "$dir"
	(
		flock 9
		if [ ! -s "$out" ]; then
			echo "vm: building base initramfs $out" >&2
			rm -f "$dir"/base-"$kver"-*.cpio "$dir"/base-????????????????.cpio
			vm_build_base "$kver" "$out" "$modroot" >&2 || exit 1
		fi
	) 9>"$dir/base.lock" || return 1
	echo "$out"
}

# vm_perf OUTDIR: prints the path of an archive with perf (Debian's
# linux-perf, for `bench/run --profile`) and its libraries, building it if
# needed. Separate from the base archive, which stays small: only a run
# that asks for perf (vm/run --perf) carries its ~35 MB of libraries.
vm_perf() {
	local dir=$1 key out root
	[ -x /usr/bin/perf ] || { echo "vm: no /usr/bin/perf (apt-get install linux-perf)" >&2; return 1; }
	key=$({
		declare -f vm_perf vm_copy vm_copy_libs
		dpkg-query -W linux-perf libc6 2>/dev/null
		stat -c %s-%Y /usr/bin/perf
	} | sha256sum | cut -c1-16)
	out=$dir/perf-$key.cpio
	mkdir -p "$dir"
	(
		flock 9
		if [ ! -s "$out" ]; then
			echo "vm: building perf archive $out" >&2
			rm -f "$dir"/perf-????????????????.cpio
			root=$(mktemp -d "$out.stage.XXXXXX") || exit 1
			vm_copy "$root" /usr/bin/perf && vm_copy_libs "$root" /usr/bin/perf &&
				(cd "$root" && find . -mindepth 1 | LC_ALL=C sort |
					cpio --quiet -o -H newc -R 0:0) >"$out.tmp" || { rm -rf "$root"; exit 1; }
			rm -rf "$root"
			mv "$out.tmp" "$out"
		fi
	) 9>"$dir/base.lock" || return 1
	echo "$out"
}

# vm_build_overlay OUT.cpio STAGEDIR: packs an already populated stage dir.
vm_pack() {
	(cd "$2" && find . -mindepth 1 | LC_ALL=C sort |
		cpio --quiet -o -H newc -R 0:0) >"$1"
}

# vm_kernel KVER OUTDIR: prints the kernel image to boot. Debian's bzImage
# decompresses itself (xz) under emulation, which costs seconds on every
# boot; QEMU can boot the uncompressed ELF vmlinux directly (PVH entry,
# CONFIG_PVH=y), so extract it once and cache it. Falls back to the bzImage.
vm_kernel() {
	local kver=$1 dir=$2 img out off tmp
	img=/boot/vmlinuz-$kver
	mkdir -p "$dir"
	out=$dir/vmlinux-$kver-$(stat -c %s-%Y "$img")
	tmp=$dir/.vmlinux.$$
	if [ ! -s "$out" ]; then
		off=$(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$img" 2>/dev/null | head -n 1 | cut -d: -f1)
		if [ -n "$off" ] && grep -q CONFIG_PVH=y "/boot/config-$kver" 2>/dev/null &&
			tail -c +$((off + 1)) "$img" | xz -dc --single-stream >"$tmp" 2>/dev/null &&
			[ "$(head -c 4 "$tmp" | tr -d '\0')" = $'\x7fELF' ]; then
			rm -f "$dir"/vmlinux-"$kver"-*
			mv "$tmp" "$out"
		else
			rm -f "$tmp"
			echo "$img"
			return
		fi
	fi
	echo "$out"
}
