#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ipvsadm/completion/ipvsadm.bash loads in a plain bash and completes:
# every long option of the popt table in ipvsadm/parse_args.cpp (so a new
# option cannot be forgotten), prefixes, and option values.
#   completion_test.sh COMPLETION_FILE PARSE_ARGS_CPP
set -u
comp=$1 table=$2
fails=0

# shellcheck source=/dev/null
. "$comp" || { echo "FAIL: $comp does not load"; exit 1; }
complete -p ipvsadm >/dev/null || { echo "FAIL: no completion for ipvsadm"; exit 1; }

# complete WORDS...: what completing the last word offers, one per line.
complete_words() {
	COMP_WORDS=(ipvsadm "$@")
	COMP_CWORD=$#
	COMPREPLY=()
	_ipvsadm
	printf '%s\n' "${COMPREPLY[@]}"
}

# offers WANT WORDS...: completing WORDS offers WANT.
offers() {
	local want=$1
	shift
	if ! complete_words "$@" | grep -qxF -- "$want"; then
		echo "FAIL: 'ipvsadm $*' does not offer $want"
		fails=$((fails + 1))
	fi
}

# only WANT WORDS...: completing WORDS offers exactly WANT.
only() {
	local want=$1 got
	shift
	got=$(complete_words "$@" | tr '\n' ' ')
	if [ "$got" != "$want " ]; then
		echo "FAIL: 'ipvsadm $*' offers '$got', want '$want'"
		fails=$((fails + 1))
	fi
}

longs=$(sed -n 's/^[[:space:]]*{ "\([a-z0-9-]*\)",.*/\1/p' "$table" | sort -u)
n=$(echo "$longs" | wc -l)
[ "$n" -ge 50 ] || { echo "FAIL: read only $n options from $table"; exit 1; }
for o in $longs; do
	offers "--$o" --
done
offers -A -
offers -6 -
only --tun-type --tun-t
only --stats --stat
only --monitor --mon
only 'wlc' -A -t 10.0.0.1:80 -s wl
offers mh -s ''
only 'master' --start-daemon m
only 'sh-fallback sh-port' -b sh-
only 'gue' --tun-type gu
only '' -w ''
offers lo --mcast-interface ''

[ "$fails" = 0 ] && echo "ok: $n long options and the option values complete"
exit $((fails > 0))
