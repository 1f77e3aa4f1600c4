#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Runs the kernel's checkpatch.pl over kmod/. Debian ships checkpatch only
# inside linux-source-6.1's tarball, so the three files it reads are
# unpacked once into build/checkpatch/ (the headers package lacks them).
set -euo pipefail
cd "$(dirname "$0")/.."

dir=build/checkpatch
tool=$dir/scripts/checkpatch.pl
if [ ! -x "$tool" ]; then
	scripts/install-deps.sh linux-source-6.1 xz-utils
	tarball=$(ls /usr/src/linux-source-*.tar.xz | head -n 1)
	top=$(basename "$tarball" .tar.xz)
	mkdir -p "$dir"
	tar -xJf "$tarball" -C "$dir" --strip-components=1 \
		"$top/scripts/checkpatch.pl" "$top/scripts/spelling.txt" \
		"$top/scripts/const_structs.checkpatch"
fi

# Ours only: kbuild writes lvs.mod.c next to them.
files=()
for f in kmod/*.[ch] kmod/sched/*.[ch] kmod/sched/core/*.[ch] kmod/sync/*.[ch]; do
	[ "$f" = kmod/lvs.mod.c ] || files+=("$f")
done
exec "$tool" --no-tree --terse --show-types -f "${files[@]}"
