# SPDX-License-Identifier: GPL-2.0
# Golden-transcript helpers for the ctl-*.sh selftests and the others that
# compare listings with ip_vs's (dp-persist-invalid.sh); sourced after
# core.bash. A test runs commands inside named sections; each section's
# transcript (the command, its stdout and stderr, its exit status) must
# equal the same section of ctl/<test>.expected (<test> without a ctl-
# prefix: basic, dp-persist-invalid), which was recorded on the
# kernel's ip_vs with stock ipvsadm (see ctl/record). Passing on both sides
# is what shows lvs.ko answers exactly as ip_vs does.

CTL_DIR=$_LIB_DIR/../ctl
CTL_TEST=$(basename "$0" .sh)
CTL_TEST=${CTL_TEST#ctl-}
CTL_EXPECTED=$CTL_DIR/$CTL_TEST.expected
CTL_TMP=$(mktemp -d /tmp/ctl.XXXXXX)
on_exit "rm -rf $CTL_TMP"
_ctl_section=

# section NAME: start recording a transcript called NAME.
section() {
	_ctl_section=$1
	: >"$CTL_TMP/$1"
}

# run ARGS...: run stock ipvsadm ARGS and record it.
run() {
	local rc
	{
		echo "\$ ipvsadm $*"
		"$IPVSADM_STOCK" "$@" 2>&1
		rc=$?
		echo "[rc=$rc]"
	} >>"$CTL_TMP/$_ctl_section"
}

# run_sh 'SHELL CMD': run a shell command (pipefail) and record it the same way.
run_sh() {
	local rc
	{
		echo "\$ $1"
		bash -o pipefail -c "$1" 2>&1
		rc=$?
		echo "[rc=$rc]"
	} >>"$CTL_TMP/$_ctl_section"
}

# note TEXT: a line of the transcript, e.g. a computed fact.
note() { echo "$*" >>"$CTL_TMP/$_ctl_section"; }

_ctl_expected() {
	awk -v s="=== $1" '$0 == s { on = 1; next } /^=== / { on = 0 } on' \
		"$CTL_EXPECTED"
}

_ctl_compare() {
	grep -qx "=== $1" "$CTL_EXPECTED" || {
		echo "no section '$1' in $CTL_EXPECTED"
		return 1
	}
	diff -u <(_ctl_expected "$1") "$CTL_TMP/$1"
}

# end_section: one test point, the transcript equals the recorded one.
# With CTL_RECORD=1 the transcript is printed for ctl/record instead.
end_section() {
	if [ -n "${CTL_RECORD:-}" ]; then
		# Framed, so trailing blanks survive the serial console.
		echo "CTLREC|=== $_ctl_section|"
		sed 's/^.*$/CTLREC|&|/' "$CTL_TMP/$_ctl_section"
		pass "$_ctl_section (recorded)"
		return
	fi
	check "$_ctl_section: same as ip_vs" _ctl_compare "$_ctl_section"
}

# table_empty: what every test must leave behind.
table_empty() {
	[ "$("$IPVSADM_STOCK" -Sn | wc -l)" = 0 ]
}
