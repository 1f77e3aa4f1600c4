#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Builds the debug kernel of `make check-debug` from Debian's own
# linux-source-6.1 (the production kernel's code) with the checkers of
# selftests/vm/debug.config, and prints the directory holding it:
#   DIR/bzImage         the image QEMU boots (its PVH entry does not start
#                       with KASAN's early shadow; the bzImage's does)
#   DIR/build           the object tree: KDIR for building lvs.ko against it
#   DIR/root/lib/modules/KVER   its modules (IPVS, the oracle)
#   DIR/kver            its release string
# Cached by the source package version, the config fragment and the
# recipe number below; a cached tree costs nothing, and ccache keeps a rebuild after a
# config change short. Cold build on 2 cores: see the README.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
cache=${LVS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lvs}
jobs=${JOBS:-$(nproc)}

"$top/scripts/install-deps.sh" linux-source-6.1 flex bison bc libelf-dev \
	libssl-dev ccache xz-utils >&2

# The key: the source, the config fragment and how the tree is built (bump
# recipe when a change below changes the result).
recipe=1
srcver=$(dpkg-query -W -f='${Version}' linux-source-6.1)
key=$({ echo "$srcver $recipe"; cat "$here/debug.config"; } | sha256sum | cut -c1-12)
dir=$cache/debug-kernel-$key
if [ -s "$dir/bzImage" ] && [ -s "$dir/kver" ]; then
	echo "$dir"
	exit 0
fi

mkdir -p "$cache"
exec 9>"$cache/debug-kernel.lock"
flock 9
if [ -s "$dir/bzImage" ] && [ -s "$dir/kver" ]; then
	echo "$dir"
	exit 0
fi

src=$cache/linux-source-$srcver
if [ ! -e "$src/.unpacked" ]; then
	echo "debug-kernel: unpacking linux-source $srcver" >&2
	rm -rf "$src"
	mkdir -p "$src"
	tar -C "$src" --strip-components=1 -xf /usr/src/linux-source-6.1.tar.xz
	touch "$src/.unpacked"
fi

build=$dir/build
mkdir -p "$build"
export CCACHE_DIR=$cache/ccache
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-8G}
# ccache hashes the compiler's input, so the absolute paths kbuild passes
# must not differ between cache keys for hits: base_dir makes them relative.
export CCACHE_BASEDIR=$cache
# Whatever the host's config is, the version string marks the kernel.
kmake() {
	make -C "$src" O="$build" CC="ccache gcc" LOCALVERSION=-lvsdebug \
		KBUILD_BUILD_TIMESTAMP=lvs-debug KBUILD_BUILD_USER=lvs \
		KBUILD_BUILD_HOST=lvs "$@"
}

t0=$(date +%s)
echo "debug-kernel: configuring $build" >&2
kmake allnoconfig >&2
"$src/scripts/kconfig/merge_config.sh" -m -O "$build" "$build/.config" \
	"$here/debug.config" >&2
kmake olddefconfig >&2

# Every option the fragment asks for must have survived olddefconfig: a
# dependency that is not met silently drops a checker otherwise.
missing=0
while IFS= read -r line; do
	case $line in
	CONFIG_*=n) want="# ${line%=n} is not set" ;;
	CONFIG_*) want=$line ;;
	*) continue ;;
	esac
	if ! grep -qxF "$want" "$build/.config"; then
		echo "debug-kernel: config: wanted '$line', got '$(grep -E "(^|# )${line%%=*}[= ]" "$build/.config" || echo unset)'" >&2
		missing=1
	fi
done <"$here/debug.config"
[ "$missing" = 0 ] || { echo "debug-kernel: the config fragment does not apply" >&2; exit 1; }

echo "debug-kernel: building with $jobs jobs (log: $dir/build.log)" >&2
if ! kmake -j"$jobs" bzImage modules >"$dir/build.log" 2>&1; then
	tail -n 40 "$dir/build.log" >&2
	exit 1
fi
rm -rf "$dir/root"
kmake INSTALL_MOD_PATH="$dir/root" INSTALL_MOD_STRIP=1 modules_install >&2
kmake -s kernelrelease >"$dir/kver"
cp "$build/arch/x86/boot/bzImage" "$dir/bzImage"
echo "debug-kernel: built $(cat "$dir/kver") in $(($(date +%s) - t0))s" >&2
# Older trees of other configs only take space.
find "$cache" -mindepth 1 -maxdepth 1 -name 'debug-kernel-*' ! -name "debug-kernel-$key" \
	-exec rm -rf {} +
echo "$dir"
