// SPDX-License-Identifier: GPL-2.0
// The listing order of ipvsadm 1.31. Its comparators subtract unsigned
// fields and keep the result as an int, so addresses more than 2^31 apart
// compare "backwards" (192.168.0.1 lists before 10.0.0.1); and it sorts with
// glibc's qsort. Both are reproduced so listings match line for line.
#pragma once

#include <vector>

#include "model.h"

namespace ipvsadm {

int compare_services(const Service &a, const Service &b);
int compare_dests(const Dest &a, const Dest &b);

void sort_services(std::vector<Service> &v);
void sort_dests(std::vector<Dest> &v);

// Every listing (-L, -S, --json) puts services and servers in 1.31's order
// here, unless FMT_NOSORT keeps the kernel's.
void put_in_listing_order(std::vector<Service> &v, unsigned format);
void put_in_listing_order(std::vector<Dest> &v, unsigned format);

} // namespace ipvsadm
