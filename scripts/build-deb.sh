#!/bin/sh
# Builds the Debian packages (debian/) from the files git knows in this
# tree, committed or not (`git ls-files`: never build outputs such as a
# kmod/ where `make module` ran), in a copy under OUT, so that
# dpkg-buildpackage's debian/ state and its ../*.deb stay out of the tree.
# Usage: scripts/build-deb.sh OUT   (the .debs, .buildinfo, .changes land in OUT)
set -eu

out=${1:?usage: build-deb.sh OUT}
top=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
src=$out/src/lvs

rm -rf "$out"
mkdir -p "$src"
git -C "$top" ls-files -z --cached --others --exclude-standard |
	(cd "$top" && xargs -0 -r sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh) |
	tar -C "$top" --null -T - -cf - | tar -C "$src" -xf -

cd "$src"
dpkg-buildpackage -b --no-sign -j"$(nproc)"
mv ../*.deb ../*.buildinfo ../*.changes "$out/"
ls "$out"/*.deb
