#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Which kmod .c files call into which: for every .c file under kmod/, the
# other .c files that define a non-static function it calls. Then the
# pairs that call each other (the cycles of length two), which should be
# only the service/dest/scheduler-binding core (see README.md, Layout).
#
#   scripts/kmod-calls.sh            edges, one file per line
#   scripts/kmod-calls.sh --cycles   only the mutual pairs
#   scripts/kmod-calls.sh --scc      only the groups that reach each other
# Plain grep/awk: a definition is a line at column 0 that is not static,
# names a function and does not end in ';' (kernel style puts the return
# type and the name on one line and the '{' on its own line).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-}
mapfile -t files < <(find kmod -name '*.c' ! -name '*.mod.c' | sort)

defs=$(mktemp)
edges=$(mktemp)
trap 'rm -f "$defs" "$edges"' EXIT

# "function file" for every non-static definition.
for f in "${files[@]}"; do
	awk -v f="$f" '
		/^[a-z_]/ && !/^static/ && !/;[ \t]*$/ && !/^(struct|enum|union)[^(]*=/ &&
		match($0, /[A-Za-z_][A-Za-z0-9_]*\(/) {
			name = substr($0, RSTART, RLENGTH - 1)
			if (name !~ /^(EXPORT_SYMBOL|module_|MODULE_|DEFINE_|LIST_HEAD)/)
				print name, f
		}' "$f"
done | sort -u >"$defs"

for f in "${files[@]}"; do
	# Identifiers followed by '(' outside comments is close enough.
	sed -e 's://.*$::' "$f" | grep -oE '\b[A-Za-z_][A-Za-z0-9_]*[[:space:]]*\(' |
		tr -d ' \t(' | sort -u |
		join - "$defs" | awk -v f="$f" '$2 != f { print f, $2 }'
done | sort -u >"$edges"

# Groups of files that reach each other (strongly connected components).
scc() {
	awk '{ n[$1] = 1; n[$2] = 1; r[$1, $2] = 1 }
	END {
		for (k in n) for (i in n) if ((i, k) in r) for (j in n)
			if ((k, j) in r) r[i, j] = 1
		for (i in n) {
			if (i in done) continue
			g = i; c = 1
			for (j in n) if (j != i && (i, j) in r && (j, i) in r) {
				g = g " " j; done[j] = 1; c++
			}
			if (c > 1) print c ": " g
		}
	}' "$edges" | sort -rn
}

if [ "$mode" = --cycles ]; then
	awk '{ e[$1 " " $2] = 1 } END {
		for (k in e) { split(k, p, " ");
			if (p[1] < p[2] && (p[2] " " p[1]) in e) print p[1], "<->", p[2] } }' \
		"$edges" | sort
	exit 0
fi

if [ "$mode" = --scc ]; then
	scc
	exit 0
fi

awk '{ a[$1] = a[$1] " " $2 } END { for (f in a) print f ":" a[f] }' "$edges" | sort

echo
echo "call cycles (files that reach each other):"
scc
echo "edges: $(wc -l <"$edges"), mutual pairs: $(awk '{ e[$1 " " $2] = 1 } END {
	n = 0; for (k in e) { split(k, p, " "); if (p[1] < p[2] && (p[2] " " p[1]) in e) n++ }
	print n }' "$edges")"
