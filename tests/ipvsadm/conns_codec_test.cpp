// SPDX-License-Identifier: GPL-2.0
// lvs.ko's connection control without a kernel: each filter's exact
// attributes in the GET_CONN and DEL_CONN requests, the dump's connections
// (built as lvs.ko builds them) to the very -c lines and JSON that the same
// connections give from /proc/net/ip_vs_conn, and DEL_CONN's count.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <lvs/ipvs.h>
#include <lvs/lvs.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <utility>
#include <vector>

#include "conn_entry.h"
#include "format.h"
#include "format_json.h"
#include "helpers.h"
#include "kernel_msg.h"
#include "nl_codec.h"

namespace ipvsadm::test {
namespace {

constexpr int kLvsFamily = 0x31;

// (type, payload) of each attribute in a stream, in order.
using Attrs = std::vector<std::pair<int, nl::Bytes>>;

Attrs attrs_in(const void *data, int len)
{
	Attrs out;
	const nlattr *a;
	int rem;
	nla_for_each_attr(a, static_cast<nlattr *>(const_cast<void *>(data)), len, rem) {
		const auto *p = static_cast<const uint8_t *>(nla_data(a));
		out.emplace_back(nla_type(a), nl::Bytes(p, p + nla_len(a)));
	}
	EXPECT_EQ(rem, 0);
	return out;
}

Attrs nested(const std::pair<int, nl::Bytes> &a)
{
	return attrs_in(a.second.data(), static_cast<int>(a.second.size()));
}

// A request taken apart: its header and its top-level attributes.
struct Request {
	nl::Bytes bytes;
	Attrs top;

	explicit Request(Expected<nl::Bytes> b)
	{
		EXPECT_TRUE(b) << b.error().message();
		if (!b)
			return;
		bytes = std::move(*b);
		const auto *h = reinterpret_cast<const nlmsghdr *>(bytes.data());
		EXPECT_EQ(h->nlmsg_len, bytes.size());
		EXPECT_EQ(h->nlmsg_type, kLvsFamily);
		EXPECT_TRUE(h->nlmsg_flags & NLM_F_REQUEST);
		EXPECT_TRUE(h->nlmsg_flags & NLM_F_ACK);
		EXPECT_EQ(genl().version, LVS_GENL_VERSION);
		top = attrs_in(genlmsg_attrdata(genlmsg_hdr(const_cast<nlmsghdr *>(h)), 0),
			       genlmsg_attrlen(genlmsg_hdr(const_cast<nlmsghdr *>(h)), 0));
	}
	const genlmsghdr &genl() const
	{
		return *reinterpret_cast<const genlmsghdr *>(bytes.data() + NLMSG_HDRLEN);
	}
	uint16_t flags() const { return reinterpret_cast<const nlmsghdr *>(bytes.data())->nlmsg_flags; }
};

template <typename T>
nl::Bytes raw(T v)
{
	const auto *p = reinterpret_cast<const uint8_t *>(&v);
	return nl::Bytes(p, p + sizeof(v));
}

nl::Bytes raw_addr(const Addr &a, size_t len)
{
	return nl::Bytes(a.begin(), a.begin() + len);
}

nl::Bytes raw_string(const char *s)
{
	return nl::Bytes(s, s + strlen(s) + 1);
}

TEST(ConnRequest, NoFilterCarriesNothing)
{
	Request del(nl::del_conns(kLvsFamily, ConnFilter{}));
	EXPECT_EQ(del.genl().cmd, LVS_CMD_DEL_CONN);
	EXPECT_FALSE(del.flags() & NLM_F_DUMP);
	EXPECT_TRUE(del.top.empty());

	Request get(nl::get_conns(kLvsFamily, ConnFilter{}));
	EXPECT_EQ(get.genl().cmd, LVS_CMD_GET_CONN);
	EXPECT_EQ(get.flags() & NLM_F_DUMP, NLM_F_DUMP);
	EXPECT_TRUE(get.top.empty());
}

TEST(ConnRequest, ServiceByItsKeyAlone)
{
	ConnFilter f;
	f.service = tcp("10.0.0.1", 80, "rr");
	f.service->flags = IP_VS_SVC_F_PERSISTENT;	// not part of a key
	Request r(nl::del_conns(kLvsFamily, f));
	ASSERT_EQ(r.top.size(), 1u);
	EXPECT_EQ(r.top[0].first, LVS_ATTR_SERVICE);
	// The key as the IPVS requests carry it: the address in 16 bytes.
	const Attrs want = {
		{IPVS_SVC_ATTR_AF, raw<uint16_t>(AF_INET)},
		{IPVS_SVC_ATTR_PROTOCOL, raw<uint16_t>(IPPROTO_TCP)},
		{IPVS_SVC_ATTR_ADDR, raw_addr(v4("10.0.0.1"), 16)},
		{IPVS_SVC_ATTR_PORT, raw<uint16_t>(htons(80))},
	};
	EXPECT_EQ(nested(r.top[0]), want);

	ConnFilter m;
	m.service = fwmark_service(AF_INET6, 7, "wlc");
	m.service->protocol = IPPROTO_TCP;	// as -f leaves it
	Request fwm(nl::get_conns(kLvsFamily, m));
	ASSERT_EQ(fwm.top.size(), 1u);
	const Attrs mark = {
		{IPVS_SVC_ATTR_AF, raw<uint16_t>(AF_INET6)},
		{IPVS_SVC_ATTR_FWMARK, raw<uint32_t>(7)},
	};
	EXPECT_EQ(nested(fwm.top[0]), mark);
}

TEST(ConnRequest, RealServerByAddressPortAndFamily)
{
	ConnFilter f;
	f.dest = dest6("2001:db8::2", 8443, IP_VS_CONN_F_MASQ, 3);
	Request r(nl::del_conns(kLvsFamily, f));
	ASSERT_EQ(r.top.size(), 1u);
	EXPECT_EQ(r.top[0].first, LVS_ATTR_DEST);
	const Attrs want = {
		{IPVS_DEST_ATTR_ADDR_FAMILY, raw<uint16_t>(AF_INET6)},
		{IPVS_DEST_ATTR_ADDR, raw_addr(v6("2001:db8::2"), 16)},
		{IPVS_DEST_ATTR_PORT, raw<uint16_t>(htons(8443))},
	};
	EXPECT_EQ(nested(r.top[0]), want);
}

TEST(ConnRequest, ClientAddressIsAsLongAsItsFamilys)
{
	struct Case {
		uint16_t af;
		Addr prefix;
		size_t len;
		uint8_t bits;
	};
	for (const Case &c : {Case{AF_INET, v4("192.168.7.0"), 4, 24},
			      Case{AF_INET6, v6("2001:db8:1::"), 16, 48}}) {
		ConnFilter f;
		f.client_af = c.af;
		f.client = c.prefix;
		f.client_prefix = c.bits;
		const Attrs want = {
			{LVS_ATTR_CLIENT_AF, raw<uint16_t>(c.af)},
			{LVS_ATTR_CLIENT_ADDR, raw_addr(c.prefix, c.len)},
			{LVS_ATTR_CLIENT_PREFIX, raw<uint8_t>(c.bits)},
		};
		EXPECT_EQ(Request(nl::del_conns(kLvsFamily, f)).top, want);
		EXPECT_EQ(Request(nl::get_conns(kLvsFamily, f)).top, want);
	}
}

TEST(ConnRequest, StateAndTemplates)
{
	ConnFilter f;
	f.state = "FIN_WAIT";
	const Attrs state = {{LVS_ATTR_CONN_STATE, raw_string("FIN_WAIT")}};
	EXPECT_EQ(Request(nl::del_conns(kLvsFamily, f)).top, state);

	ConnFilter t;
	t.templates = true;
	const Attrs flag = {{LVS_ATTR_TEMPLATES, {}}};
	EXPECT_EQ(Request(nl::del_conns(kLvsFamily, t)).top, flag);
}

TEST(ConnRequest, EveryFilterAtOnceInOrder)
{
	ConnFilter f;
	f.service = tcp("10.0.0.1", 80);
	f.dest = dest4("10.1.1.1", 80, IP_VS_CONN_F_DROUTE, 1);
	f.client_af = AF_INET;
	f.client = v4("10.9.0.0");
	f.client_prefix = 16;
	f.state = "ESTABLISHED";
	f.templates = true;
	std::vector<int> types;
	for (const auto &a : Request(nl::get_conns(kLvsFamily, f)).top)
		types.push_back(a.first);
	EXPECT_EQ(types, (std::vector<int>{LVS_ATTR_SERVICE, LVS_ATTR_DEST, LVS_ATTR_CLIENT_AF,
					    LVS_ATTR_CLIENT_ADDR, LVS_ATTR_CLIENT_PREFIX,
					    LVS_ATTR_CONN_STATE, LVS_ATTR_TEMPLATES}));
}

// One message of lvs.ko's dump.
nl::Bytes dumped(const KernelConn &c)
{
	KernelMsg m(LVS_CMD_GET_CONN, kLvsFamily, LVS_GENL_VERSION);
	m.put_conn(c);
	return m.bytes();
}

KernelConn conn(uint16_t af, uint16_t protocol, const Addr &c, uint16_t cport, const Addr &v,
		uint16_t vport, const Addr &d, uint16_t dport, const char *state,
		uint32_t expires_ms, uint32_t flags)
{
	KernelConn k;
	k.af = k.daf = af;
	k.protocol = protocol;
	k.caddr = c;
	k.cport = cport;
	k.vaddr = v;
	k.vport = vport;
	k.daddr = d;
	k.dport = dport;
	k.state = state;
	k.expires_ms = expires_ms;
	k.flags = flags;
	return k;
}

// The -c line of a dumped connection; "" when it does not decode.
std::string line(const KernelConn &c, unsigned format = FMT_NUMERIC)
{
	Expected<ConnEntry> e = nl::parse_conn(dumped(c));
	EXPECT_TRUE(e);
	return e ? format_conn(*e, format, numeric_resolver()) : "";
}

// A connection, as lvs.ko dumps it and as its /proc/net/ip_vs_conn line
// shows it: -c must print the one exactly as the other.
struct Seen {
	KernelConn dumped;
	const char *proc;
	const char *listed;	// -c -n's line
};

void expect_same_as_proc(const Seen &s, unsigned format = FMT_NUMERIC)
{
	EXPECT_EQ(line(s.dumped, format), s.listed) << s.proc;
	EXPECT_EQ(format_conn_line(s.proc, format, numeric_resolver()), s.listed) << s.proc;
	const Expected<ConnEntry> e = nl::parse_conn(dumped(s.dumped));
	const std::optional<ConnEntry> p = parse_conn_line(s.proc);
	ASSERT_TRUE(e && p);
	EXPECT_EQ(json_conns({*e}), json_conns({*p}));
}

TEST(ConnDecode, Ipv4Connection)
{
	expect_same_as_proc({
		conn(AF_INET, IPPROTO_TCP, v4("10.0.0.1"), 54321, v4("10.0.0.200"), 80,
		     v4("10.1.1.1"), 8080, "ESTABLISHED", 899999, IP_VS_CONN_F_MASQ),
		"TCP 0A000001 D431 0A0000C8 0050 0A010101 1F90 ESTABLISHED     899\n",
		"TCP 14:59  ESTABLISHED 10.0.0.1:54321     10.0.0.200:80      10.1.1.1:8080\n"});
}

TEST(ConnDecode, Ipv6ConnectionWithItsEngine)
{
	KernelConn k = conn(AF_INET6, IPPROTO_UDP, v6("2001:db8::1"), 53, v6("2001:db8::2"), 53,
			    v6("2001:db8::3"), 53, "UDP", 65000, IP_VS_CONN_F_DROUTE);
	k.pe_name = "sip";
	k.pe_data = "callid";
	const Seen s{k,
		"UDP 2001:0db8:0000:0000:0000:0000:0000:0001 0035 2001:0db8:0000:0000:0000:0000:0000:0002 0035 "
		"2001:0db8:0000:0000:0000:0000:0000:0003 0035 UDP             65 sip callid\n",
		"UDP 01:05  UDP         [2001:db8::1]:53   [2001:db8::2]:53   [2001:db8::3]:53 "
		"sip                callid\n"};
	expect_same_as_proc(s, FMT_NUMERIC | FMT_PERSISTENTCONN);
	// Without --persistent-conn the engine's columns are left out.
	EXPECT_EQ(line(k), "UDP 01:05  UDP         [2001:db8::1]:53   [2001:db8::2]:53   [2001:db8::3]:53\n");
}

TEST(ConnDecode, Ipv4ServerOfAnIpv6Service)
{
	KernelConn k = conn(AF_INET6, IPPROTO_TCP, v6("2001:db8::1"), 40000, v6("2001:db8::2"), 443,
			    v4("10.1.1.1"), 443, "SYN_RECV", 59000, IP_VS_CONN_F_TUNNEL);
	k.daf = AF_INET;
	expect_same_as_proc({k,
		"TCP 2001:0db8:0000:0000:0000:0000:0000:0001 9C40 2001:0db8:0000:0000:0000:0000:0000:0002 01BB "
		"0A010101 01BB SYN_RECV         59\n",
		"TCP 00:59  SYN_RECV    [2001:db8::1]:40000 [2001:db8::2]:443  10.1.1.1:443\n"});
}

TEST(ConnDecode, PersistenceTemplate)
{
	expect_same_as_proc({
		conn(AF_INET, IPPROTO_TCP, v4("10.0.0.1"), 0, v4("10.0.0.200"), 80,
		     v4("10.1.1.1"), 80, "NONE", 300000,
		     IP_VS_CONN_F_TEMPLATE | IP_VS_CONN_F_DROUTE),
		"TCP 0A000001 0000 0A0000C8 0050 0A010101 0050 NONE            300\n",
		"TCP 05:00  NONE        10.0.0.1:0         10.0.0.200:80      10.1.1.1:80\n"});
}

TEST(ConnDecode, FwmarkTemplatesCarryTheMarkAsTheirVirtualAddress)
{
	Addr mark{};
	mark[3] = 5;	// htonl(5), in the address's first four bytes
	expect_same_as_proc({
		conn(AF_INET, IPPROTO_IP, v4("10.0.0.0"), 0, mark, 0, v4("10.1.1.1"), 0,
		     "ASSURED", 1000, IP_VS_CONN_F_TEMPLATE | IP_VS_CONN_F_MASQ),
		"IP  0A000000 0000 00000005 0000 0A010101 0000 ASSURED           1\n",
		"IP  00:01  ASSURED     10.0.0.0:0         0.0.0.5:0          10.1.1.1:0\n"});
	expect_same_as_proc({
		conn(AF_INET6, IPPROTO_IP, v6("2001:db8::"), 0, mark, 0, v6("2001:db8::9"), 0,
		     "NONE", 0, IP_VS_CONN_F_TEMPLATE | IP_VS_CONN_F_DROUTE),
		"IP  2001:0db8:0000:0000:0000:0000:0000:0000 0000 0000:0005:0000:0000:0000:0000:0000:0000 0000 "
		"2001:0db8:0000:0000:0000:0000:0000:0009 0000 NONE              0\n",
		"IP  00:00  NONE        [2001:db8::]:0     [0:5::]:0          [2001:db8::9]:0\n"});
}

TEST(ConnDecode, ProtocolsNamedAsProcNamesThem)
{
	KernelConn k = conn(AF_INET, IPPROTO_SCTP, v4("10.0.0.1"), 1, v4("10.0.0.2"), 2,
			    v4("10.0.0.3"), 3, "ESTABLISHED", 0, IP_VS_CONN_F_MASQ);
	EXPECT_EQ(line(k).substr(0, 5), "SCTP ");
	// One ipvsadm has no entry for: named, and numbered in --json, as
	// /proc's line is.
	k.protocol = 47;
	k.state = "ERR!";
	expect_same_as_proc({k,
		"IP_47 0A000001 0001 0A000002 0002 0A000003 0003 ERR!              0\n",
		"IP_47 00:00  ERR!        10.0.0.1:1         10.0.0.2:2         10.0.0.3:3\n"});
}

TEST(ConnDecode, EngineWithoutDataIsNotShown)
{
	// /proc shows an engine's name only with its data.
	KernelConn k = conn(AF_INET, IPPROTO_UDP, v4("10.0.0.1"), 5060, v4("10.0.0.2"), 5060,
			    v4("10.0.0.3"), 5060, "UDP", 0, IP_VS_CONN_F_MASQ);
	k.pe_name = "sip";
	const Expected<ConnEntry> e = nl::parse_conn(dumped(k));
	ASSERT_TRUE(e);
	EXPECT_FALSE(e->has_pe);
	EXPECT_EQ(e->pe_name, "");
}

TEST(ConnDecode, MalformedConnectionsAreInvalid)
{
	const auto invalid = [](const nl::Bytes &b) {
		const Expected<ConnEntry> e = nl::parse_conn(b);
		return !e && e.error().value() == EINVAL;
	};
	// No LVS_ATTR_CONN at all.
	EXPECT_TRUE(invalid(KernelMsg(LVS_CMD_GET_CONN, kLvsFamily, LVS_GENL_VERSION).bytes()));

	// No state.
	KernelMsg m(LVS_CMD_GET_CONN, kLvsFamily, LVS_GENL_VERSION);
	nlattr *n = nla_nest_start(m.m, LVS_ATTR_CONN);
	nla_put_u16(m.m, LVS_CONN_ATTR_AF, AF_INET);
	nla_nest_end(m.m, n);
	EXPECT_TRUE(invalid(m.bytes()));

	// A family without addresses, and an IPv6 one with IPv4's length.
	KernelConn k = conn(AF_INET, IPPROTO_TCP, v4("10.0.0.1"), 1, v4("10.0.0.2"), 2,
			    v4("10.0.0.3"), 3, "ESTABLISHED", 0, IP_VS_CONN_F_MASQ);
	k.af = k.daf = AF_UNIX;
	EXPECT_TRUE(invalid(dumped(k)));
	KernelMsg v6short(LVS_CMD_GET_CONN, kLvsFamily, LVS_GENL_VERSION);
	k.af = k.daf = AF_INET;
	v6short.put_conn(k);
	nl::Bytes b = v6short.bytes();
	// The nest's first attribute is AF: made AF_INET6 over 4-byte addresses.
	const size_t af_at = NLMSG_HDRLEN + GENL_HDRLEN + NLA_HDRLEN + NLA_HDRLEN;
	const uint16_t af6 = AF_INET6;
	std::memcpy(b.data() + af_at, &af6, sizeof(af6));
	EXPECT_TRUE(invalid(b));
}

TEST(ConnDecode, DeletedCount)
{
	KernelMsg m(LVS_CMD_DEL_CONN, kLvsFamily, LVS_GENL_VERSION);
	nla_put_u32(m.m, LVS_ATTR_COUNT, 5);
	const Expected<uint32_t> n = nl::parse_conns_deleted(m.bytes());
	ASSERT_TRUE(n);
	EXPECT_EQ(*n, 5u);
	EXPECT_FALSE(nl::parse_conns_deleted(
		KernelMsg(LVS_CMD_DEL_CONN, kLvsFamily, LVS_GENL_VERSION).bytes()));
}

TEST(ConnFormat, DeletedLine)
{
	EXPECT_EQ(format_conns_deleted(0), "0 connections deleted\n");
	EXPECT_EQ(format_conns_deleted(1), "1 connection deleted\n");
	EXPECT_EQ(format_conns_deleted(5), "5 connections deleted\n");
}

} // namespace
} // namespace ipvsadm::test
