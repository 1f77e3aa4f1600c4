// SPDX-License-Identifier: GPL-2.0
#include "sort.h"

#include <cstdlib>
#include <cstring>
#include <netinet/in.h>
#include <numeric>
#include <sys/socket.h>

#include "format.h"

namespace ipvsadm {

namespace {

uint32_t word(const Addr &a, int i)
{
	uint32_t w;
	std::memcpy(&w, a.data() + 4 * i, 4);
	return ntohl(w);
}

// The wrap-around int of an unsigned difference, as 1.31 computes it.
int wrap(uint32_t x, uint32_t y)
{
	return static_cast<int>(x - y);
}

int compare_addrs(int af, const Addr &a, const Addr &b)
{
	if (af != AF_INET6)
		return wrap(word(a, 0), word(b, 0));
	int r = 0;
	for (int i = 0; !r && i < 4; i++)
		r = wrap(word(a, i), word(b, i));
	return r;
}

// glibc's qsort over indices: its merge order depends only on the
// comparator's answers, so this yields the permutation 1.31 gets.
template <class T, int (*Cmp)(const T &, const T &)>
void sort_like_qsort(std::vector<T> &v)
{
	std::vector<size_t> idx(v.size());
	std::iota(idx.begin(), idx.end(), 0);
	qsort_r(idx.data(), idx.size(), sizeof(size_t),
		[](const void *a, const void *b, void *arg) {
			const auto &vec = *static_cast<const std::vector<T> *>(arg);
			return Cmp(vec[*static_cast<const size_t *>(a)],
				   vec[*static_cast<const size_t *>(b)]);
		}, &v);
	std::vector<T> out;
	out.reserve(v.size());
	for (size_t i : idx)
		out.push_back(std::move(v[i]));
	v = std::move(out);
}

} // namespace

int compare_services(const Service &a, const Service &b)
{
	int r = wrap(a.fwmark, b.fwmark);
	if (r)
		return r;
	r = a.af - b.af;
	if (r)
		return r;
	r = a.protocol - b.protocol;
	if (r)
		return r;
	r = compare_addrs(a.af, a.addr, b.addr);
	if (r)
		return r;
	return a.port - b.port;
}

int compare_dests(const Dest &a, const Dest &b)
{
	int r = compare_addrs(a.af, a.addr, b.addr);
	if (r)
		return r;
	return a.port - b.port;
}

void sort_services(std::vector<Service> &v)
{
	sort_like_qsort<Service, compare_services>(v);
}

void sort_dests(std::vector<Dest> &v)
{
	sort_like_qsort<Dest, compare_dests>(v);
}

void put_in_listing_order(std::vector<Service> &v, unsigned format)
{
	if (!(format & FMT_NOSORT))
		sort_services(v);
}

void put_in_listing_order(std::vector<Dest> &v, unsigned format)
{
	if (!(format & FMT_NOSORT))
		sort_dests(v);
}

} // namespace ipvsadm
