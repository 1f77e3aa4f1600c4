# SPDX-License-Identifier: GPL-2.0
# Thin wrapper: kbuild builds kmod/lvs.ko (through ./Kbuild), CMake builds
# ipvsadm and the GoogleTest suite into build/, selftests/vm boots the guest.

KVER  ?= $(shell scripts/kver.sh 2>/dev/null)
KDIR  ?= /usr/src/linux-headers-$(KVER)
BUILD ?= build
JOBS  ?= $(shell nproc)

.PHONY: all deps module ipvsadm unit tools selftest check check-debug debug-kernel soak demo bench clean style sparse deb check-deb

all: module ipvsadm

deps:
	scripts/install-deps.sh

module:
	@test -d "$(KDIR)" || { echo "no kernel headers at '$(KDIR)': run 'make deps'" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

$(BUILD)/Makefile: CMakeLists.txt
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

ipvsadm: $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS)

unit: ipvsadm
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# SELFTEST_ARGS / DEMO_ARGS pass options through, e.g.
# make selftest SELFTEST_ARGS='--test ctl-basic'; make demo DEMO_ARGS='--side ipvs'
# Static helper binaries the selftests run in the guest (selftests/tools).
tools:
	$(MAKE) -C selftests/tools

selftest: all tools
	selftests/vm/run --side both --parallel $(SELFTEST_ARGS)

check: deps
	$(MAKE) all
	$(MAKE) unit
	$(MAKE) selftest

# The selftests on a debug build of the same kernel source (KASAN, lockdep,
# kmemleak, debug objects, fault injection): see selftests/README.md.
# CHECK_DEBUG_ARGS narrows it, e.g. CHECK_DEBUG_ARGS='--test dp-nat'.
debug-kernel: deps
	selftests/vm/debug-kernel.sh

# PART=1 or PART=2 runs one half of the lane (selftests/vm/check-debug).
check-debug: deps
	$(MAKE) ipvsadm tools
	LVS_DEBUG_PART=$(PART) selftests/vm/check-debug $(CHECK_DEBUG_ARGS)

# The stress tests' long variants on Debian's kernel (the debug lane runs
# them too, smaller where its kernel is too slow).
SOAK_TESTS = ctl-teardown dp-flush-big dp-fuzz sync-fuzz sync-dest-race ctl-lifecycle
soak: deps
	$(MAKE) all tools
	selftests/vm/run --side both --parallel --long \
		--env SYNC_FUZZ_MESSAGES=1000000 --env LIFECYCLE_CYCLES=100 \
		$(addprefix --test ,$(SOAK_TESTS)) $(SOAK_ARGS)

demo: deps
	$(MAKE) all
	selftests/vm/demo $(DEMO_ARGS)

bench: deps
	$(MAKE) all
	$(MAKE) tools
	bench/run

style:
	scripts/checkpatch.sh

# Debian packages (debian/): lvs-dkms and lvs-ipvsadm into $(BUILD)/deb/.
# check-deb installs them into a fresh Debian 12 root and checks them (see
# README.md, "Installing from packages"); not part of `check`.
deb: deps
	scripts/install-deps.sh debhelper dh-dkms
	scripts/build-deb.sh $(BUILD)/deb

check-deb: deb
	scripts/install-deps.sh debootstrap lintian
	scripts/check-deb.sh $(BUILD)/deb

# Every kmod file through sparse (C=2: also those already built).
sparse:
	scripts/install-deps.sh sparse
	$(MAKE) -C $(KDIR) M=$(CURDIR) C=2 W=1 modules

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	rm -rf $(BUILD)
	-$(MAKE) -C selftests/tools clean
