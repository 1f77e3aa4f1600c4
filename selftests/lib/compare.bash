# SPDX-License-Identifier: GPL-2.0
# Shared by the ipvsadm-*.sh selftests that compare our ipvsadm with stock
# ipvsadm 1.31 on the same kernel state. Sourced after core.bash, it sets what
# they all need: our ipvsadm present (require_ours), $here (the selftests
# directory), $work (a scratch directory, removed at exit, when the table
# is flushed too).
#
# A scenario file has one ipvsadm command line per line (split on blanks;
# '#' lines and blank lines are skipped) or a directive:
#   check            every listing variant, with both binaries, compared;
#                    the table (-Sn) is also written to the transcript
#   restore FILE     the changing binary runs -R with ipvsadm/FILE as stdin
#   roundtrip        -Sn / -C / -R across the two binaries, state unchanged

require_ours
here=${_LIB_DIR%/*}
work=$(mktemp -d "/tmp/${LVS_TEST:-ipvsadm}.XXXXXX")
on_exit "rm -rf '$work'; '$IPVSADM_STOCK' -C"

# The listings compared at each check.
list_variants=(
	"-L" "-Ln" "-Ln --nosort" "-Ln --stats" "-Ln --rate" "-Ln --thresholds"
	"-Ln --persistent-conn" "-Ln --tun-info" "-Ln --stats --exact" "-L --stats"
	"-S" "-Sn" "-Lnc" "-L --timeout" "-L --daemon" "--list --numeric --sort"
)

# run_one BIN STDIN ARGS...: one invocation, recorded in $REC the way a
# script sees it: argv[0] "ipvsadm", exit status, stdout and stderr exactly
# (trailing newlines included). Builtins only apart from the binary itself:
# every fork counts in an emulated guest.
run_one() {
	local bin=$1 in=$2 o= e= rc
	shift 2
	(exec -a ipvsadm "$bin" "$@") <"$in" >"$work/out" 2>"$work/err"
	rc=$?
	IFS= read -r -d '' o <"$work/out"
	IFS= read -r -d '' e <"$work/err"
	printf -v REC '$ ipvsadm %s\n[exit %d]\n%s--- stderr\n%s--- end\n' "$*" "$rc" "$o" "$e"
}

mismatches=0

# compare_both STDIN ARGS...: stock then ours; a difference is reported and
# counted in $mismatches. Stock's record is appended to $work/both.log.
compare_both() {
	local a
	run_one "$IPVSADM_STOCK" "$@"
	a=$REC
	run_one "$IPVSADM_OURS" "$@"
	printf '%s' "$a" >>"$work/both.log"
	if [ "$a" != "$REC" ]; then
		mismatches=$((mismatches + 1))
		diag "differs: ipvsadm ${*:2}"
		diff -u <(printf '%s' "$a") <(printf '%s' "$REC") | sed 's/^/#   /' | head -40
	fi
}

# roundtrip: save with one binary, restore with the other, both ways.
roundtrip() {
	local s1 s2 s3 s4
	s1=$("$IPVSADM_STOCK" -Sn)
	"$IPVSADM_OURS" -C && printf '%s\n' "$s1" | "$IPVSADM_OURS" -R
	s2=$("$IPVSADM_STOCK" -Sn)
	s3=$("$IPVSADM_OURS" -Sn)
	"$IPVSADM_STOCK" -C && printf '%s\n' "$s3" | "$IPVSADM_STOCK" -R
	s4=$("$IPVSADM_OURS" -Sn)
	if [ "$s1" != "$s2" ] || [ "$s1" != "$s3" ] || [ "$s1" != "$s4" ]; then
		mismatches=$((mismatches + 1))
		diag "save/restore round trip changed the table"
		diff -u <(printf '%s\n' "$s1") <(printf '%s\n' "$s4") | sed 's/^/#   /' | head -40
	fi
}

# pass_with BIN NAME SCENARIO FULL: the scenario from an empty table with
# BIN making the changes; transcript in $work/NAME.log. With FULL=1 each
# check compares every listing variant (the other pass only records -Sn).
pass_with() {
	local bin=$1 log=$work/$2.log scenario=$3 full=$4 line args v
	"$IPVSADM_STOCK" -C
	: >"$log"
	while IFS= read -r line; do
		case $line in
		'' | '#'*) continue ;;
		check)
			if [ "$full" = 1 ]; then
				for v in "${list_variants[@]}"; do
					read -r -a args <<<"$v"
					compare_both /dev/null "${args[@]}"
				done
			fi
			{ echo "# table at check"; "$IPVSADM_STOCK" -Sn; } >>"$log"
			;;
		roundtrip) roundtrip ;;
		'restore '*)
			run_one "$bin" "$here/ipvsadm/${line#restore }" -R
			printf '%s' "$REC" >>"$log"
			;;
		*)
			read -r -a args <<<"$line"
			run_one "$bin" /dev/null "${args[@]}"
			printf '%s' "$REC" >>"$log"
			;;
		esac
	done <"$scenario"
	"$IPVSADM_STOCK" -C
}

# compare_passes SCENARIO: both passes and their TAP points.
compare_passes() {
	local scenario=$1 steps
	pass_with "$IPVSADM_STOCK" stock "$scenario" 1
	pass_with "$IPVSADM_OURS" ours "$scenario" 0
	if [ "$mismatches" = 0 ]; then
		pass "listings and round trips identical at every check ($LVS_SIDE)"
	else
		fail "$mismatches listings or round trips differ ($LVS_SIDE)"
	fi
	steps=$(grep -c '^\$ ' "$work/stock.log")
	if cmp -s "$work/stock.log" "$work/ours.log"; then
		pass "transcripts identical over $steps commands ($LVS_SIDE)"
	else
		fail "transcripts differ ($LVS_SIDE)"
		diff -u "$work/stock.log" "$work/ours.log" | sed 's/^/#   /' | head -200
	fi
}

# exit_codes_seen LOG CODE...: the transcript really exercised each status,
# so an empty or broken scenario cannot pass.
exit_codes_seen() {
	local log=$1 c
	shift
	for c in "$@"; do
		grep -q "^\[exit $c\]" "$log" || { echo "no command exited $c"; return 1; }
	done
}

# compare_lines FILE: compare_both for every command line of FILE (on the
# current table); sets $lines to how many there were.
compare_lines() {
	local line args
	lines=0
	while IFS= read -r line; do
		case $line in '' | '#'*) continue ;; esac
		read -r -a args <<<"$line"
		compare_both /dev/null "${args[@]}"
		lines=$((lines + 1))
	done <"$1"
}
