#!/bin/sh
# Prints the Debian kernel version we build against and boot: the newest
# linux-headers-*-amd64 that has a matching /boot/vmlinuz. Never `uname -r`:
# the build host's own kernel is not the one lvs.ko runs on.
set -eu
for d in $(ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -rV); do
	v=${d#/usr/src/linux-headers-}
	if [ -e "/boot/vmlinuz-$v" ]; then
		echo "$v"
		exit 0
	fi
done
echo "kver: no linux-headers-*-amd64 with a matching /boot/vmlinuz-*" >&2
exit 1
