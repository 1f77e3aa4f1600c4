// SPDX-License-Identifier: GPL-2.0
// The netlink codec without a kernel: requests are taken apart with libnl
// and checked attribute by attribute; replies are built with libnl and
// decoded; a service request decodes back to the service it carries.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <lvs/ipvs.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "helpers.h"
#include "kernel_msg.h"
#include "nl_codec.h"

namespace ipvsadm::test {
namespace {

constexpr int kFamily = 0x2a;

// The attributes of a request, one nesting level at a time.
struct Parsed {
	nl::Bytes bytes;
	nlattr *top[IPVS_CMD_ATTR_MAX + 1]{};

	explicit Parsed(Expected<nl::Bytes> b)
	{
		EXPECT_TRUE(b) << b.error().message();
		// A failed build still leaves an (empty) message to look at.
		bytes = b ? std::move(*b) : nl::Bytes(NLMSG_HDRLEN + GENL_HDRLEN);
		if (!b)
			reinterpret_cast<nlmsghdr *>(bytes.data())->nlmsg_len = bytes.size();
		auto *h = reinterpret_cast<nlmsghdr *>(bytes.data());
		EXPECT_EQ(h->nlmsg_len, bytes.size());
		EXPECT_EQ(h->nlmsg_type, kFamily);
		EXPECT_TRUE(h->nlmsg_flags & NLM_F_REQUEST);
		EXPECT_TRUE(h->nlmsg_flags & NLM_F_ACK);
		EXPECT_EQ(genlmsg_parse(h, 0, top, IPVS_CMD_ATTR_MAX, nullptr), 0);
	}
	uint8_t cmd() const
	{
		return static_cast<genlmsghdr *>(nlmsg_data(reinterpret_cast<const nlmsghdr *>(bytes.data())))->cmd;
	}
	uint16_t flags() const { return reinterpret_cast<const nlmsghdr *>(bytes.data())->nlmsg_flags; }
	template <int Max>
	std::array<nlattr *, Max + 1> nested(int type)
	{
		std::array<nlattr *, Max + 1> tb{};
		EXPECT_NE(top[type], nullptr) << "attribute " << type;
		if (top[type]) {
			EXPECT_EQ(nla_parse_nested(tb.data(), Max, top[type], nullptr), 0);
		}
		return tb;
	}
};

TEST(NlEncode, NewServiceCarriesWhat131Sends)
{
	Parsed p(command_request(kFamily, parse_ok("-A -t 10.0.0.1:80 -s rr -p 60 -M 255.255.255.0 --pe sip")));
	EXPECT_EQ(p.cmd(), IPVS_CMD_NEW_SERVICE);
	auto s = p.nested<IPVS_SVC_ATTR_MAX>(IPVS_CMD_ATTR_SERVICE);
	EXPECT_EQ(nla_get_u16(s[IPVS_SVC_ATTR_AF]), AF_INET);
	EXPECT_EQ(nla_get_u16(s[IPVS_SVC_ATTR_PROTOCOL]), IPPROTO_TCP);
	ASSERT_NE(s[IPVS_SVC_ATTR_ADDR], nullptr);
	EXPECT_EQ(nla_len(s[IPVS_SVC_ATTR_ADDR]), 16);	// always the whole union
	EXPECT_EQ(std::memcmp(nla_data(s[IPVS_SVC_ATTR_ADDR]), v4("10.0.0.1").data(), 16), 0);
	EXPECT_EQ(nla_get_u16(s[IPVS_SVC_ATTR_PORT]), htons(80));	// network order
	EXPECT_STREQ(nla_get_string(s[IPVS_SVC_ATTR_SCHED_NAME]), "rr");
	EXPECT_STREQ(nla_get_string(s[IPVS_SVC_ATTR_PE_NAME]), "sip");
	ip_vs_flags f;
	ASSERT_EQ(nla_len(s[IPVS_SVC_ATTR_FLAGS]), int(sizeof(f)));
	std::memcpy(&f, nla_data(s[IPVS_SVC_ATTR_FLAGS]), sizeof(f));
	EXPECT_EQ(f.flags, unsigned{IP_VS_SVC_F_PERSISTENT});
	EXPECT_EQ(f.mask, ~0u);
	EXPECT_EQ(nla_get_u32(s[IPVS_SVC_ATTR_TIMEOUT]), 60u);
	EXPECT_EQ(nla_get_u32(s[IPVS_SVC_ATTR_NETMASK]), htonl(0xffffff00));
	EXPECT_EQ(s[IPVS_SVC_ATTR_FWMARK], nullptr);
}

TEST(NlEncode, FwmarkServiceHasNoAddress)
{
	Parsed p(command_request(kFamily, parse_ok("-D -f 7 -6")));
	EXPECT_EQ(p.cmd(), IPVS_CMD_DEL_SERVICE);
	auto s = p.nested<IPVS_SVC_ATTR_MAX>(IPVS_CMD_ATTR_SERVICE);
	EXPECT_EQ(nla_get_u16(s[IPVS_SVC_ATTR_AF]), AF_INET6);
	EXPECT_EQ(nla_get_u32(s[IPVS_SVC_ATTR_FWMARK]), 7u);
	EXPECT_EQ(s[IPVS_SVC_ATTR_ADDR], nullptr);
	EXPECT_EQ(s[IPVS_SVC_ATTR_PORT], nullptr);
	EXPECT_EQ(s[IPVS_SVC_ATTR_PE_NAME], nullptr);
}

TEST(NlEncode, DestRequestsCarryServiceAndServer)
{
	Parsed p(command_request(kFamily, parse_ok(
		"-e -t 10.0.0.1:80 -r 10.1.0.1 -i -w 5 -x 10 -y 2 --tun-type gue --tun-port 6080 --tun-csum")));
	EXPECT_EQ(p.cmd(), IPVS_CMD_SET_DEST);
	p.nested<IPVS_SVC_ATTR_MAX>(IPVS_CMD_ATTR_SERVICE);
	auto d = p.nested<IPVS_DEST_ATTR_MAX>(IPVS_CMD_ATTR_DEST);
	EXPECT_EQ(nla_get_u16(d[IPVS_DEST_ATTR_ADDR_FAMILY]), AF_INET);
	EXPECT_EQ(std::memcmp(nla_data(d[IPVS_DEST_ATTR_ADDR]), v4("10.1.0.1").data(), 16), 0);
	EXPECT_EQ(nla_get_u16(d[IPVS_DEST_ATTR_PORT]), htons(80));
	EXPECT_EQ(nla_get_u32(d[IPVS_DEST_ATTR_FWD_METHOD]), unsigned{IP_VS_CONN_F_TUNNEL});
	EXPECT_EQ(nla_get_u32(d[IPVS_DEST_ATTR_WEIGHT]), 5u);
	EXPECT_EQ(nla_get_u32(d[IPVS_DEST_ATTR_U_THRESH]), 10u);
	EXPECT_EQ(nla_get_u32(d[IPVS_DEST_ATTR_L_THRESH]), 2u);
	EXPECT_EQ(nla_get_u8(d[IPVS_DEST_ATTR_TUN_TYPE]), IP_VS_CONN_F_TUNNEL_TYPE_GUE);
	EXPECT_EQ(nla_get_u16(d[IPVS_DEST_ATTR_TUN_PORT]), htons(6080));
	EXPECT_EQ(nla_get_u16(d[IPVS_DEST_ATTR_TUN_FLAGS]), IP_VS_TUNNEL_ENCAP_FLAG_CSUM);

	EXPECT_EQ(Parsed(command_request(kFamily, parse_ok("-a -f 1 -r 10.1.0.1"))).cmd(), IPVS_CMD_NEW_DEST);
	EXPECT_EQ(Parsed(command_request(kFamily, parse_ok("-d -f 1 -r 10.1.0.1"))).cmd(), IPVS_CMD_DEL_DEST);
}

TEST(NlEncode, ZeroFlushTimeoutsDaemons)
{
	Parsed all(command_request(kFamily, parse_ok("-Z")));
	EXPECT_EQ(all.cmd(), IPVS_CMD_ZERO);
	EXPECT_EQ(all.top[IPVS_CMD_ATTR_SERVICE], nullptr);	// no service: all
	Parsed one(command_request(kFamily, parse_ok("-Z -u 10.0.0.1:53")));
	EXPECT_NE(one.top[IPVS_CMD_ATTR_SERVICE], nullptr);

	EXPECT_EQ(Parsed(command_request(kFamily, parse_ok("-C"))).cmd(), IPVS_CMD_FLUSH);

	Parsed t(command_request(kFamily, parse_ok("--set 1 2 3")));
	EXPECT_EQ(t.cmd(), IPVS_CMD_SET_CONFIG);
	EXPECT_EQ(nla_get_u32(t.top[IPVS_CMD_ATTR_TIMEOUT_TCP]), 1u);
	EXPECT_EQ(nla_get_u32(t.top[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN]), 2u);
	EXPECT_EQ(nla_get_u32(t.top[IPVS_CMD_ATTR_TIMEOUT_UDP]), 3u);

	Parsed d(command_request(kFamily, parse_ok(
		"--start-daemon master --mcast-interface lo --syncid 9 --mcast-group ff02::5 --mcast-port 9000 --mcast-ttl 3")));
	EXPECT_EQ(d.cmd(), IPVS_CMD_NEW_DAEMON);
	auto a = d.nested<IPVS_DAEMON_ATTR_MAX>(IPVS_CMD_ATTR_DAEMON);
	EXPECT_EQ(nla_get_u32(a[IPVS_DAEMON_ATTR_STATE]), unsigned{IP_VS_STATE_MASTER});
	EXPECT_STREQ(nla_get_string(a[IPVS_DAEMON_ATTR_MCAST_IFN]), "lo");
	EXPECT_EQ(nla_get_u32(a[IPVS_DAEMON_ATTR_SYNC_ID]), 9u);
	EXPECT_EQ(nla_get_u16(a[IPVS_DAEMON_ATTR_MCAST_PORT]), 9000);
	EXPECT_EQ(nla_get_u8(a[IPVS_DAEMON_ATTR_MCAST_TTL]), 3);
	EXPECT_EQ(std::memcmp(nla_data(a[IPVS_DAEMON_ATTR_MCAST_GROUP6]), v6("ff02::5").data(), 16), 0);
	EXPECT_EQ(a[IPVS_DAEMON_ATTR_MCAST_GROUP], nullptr);
	EXPECT_EQ(a[IPVS_DAEMON_ATTR_SYNC_MAXLEN], nullptr);	// not given, not sent

	Parsed s(command_request(kFamily, parse_ok("--stop-daemon backup")));
	EXPECT_EQ(s.cmd(), IPVS_CMD_DEL_DAEMON);
}

TEST(NlEncode, Queries)
{
	EXPECT_EQ(Parsed(nl::get_info(kFamily)).cmd(), IPVS_CMD_GET_INFO);
	Parsed svcs(nl::get_services(kFamily));
	EXPECT_EQ(svcs.cmd(), IPVS_CMD_GET_SERVICE);
	EXPECT_TRUE(svcs.flags() & NLM_F_DUMP);
	Parsed dests(nl::get_dests(kFamily, tcp("10.0.0.1", 80)));
	EXPECT_EQ(dests.cmd(), IPVS_CMD_GET_DEST);
	EXPECT_TRUE(dests.flags() & NLM_F_DUMP);
	auto key = dests.nested<IPVS_SVC_ATTR_MAX>(IPVS_CMD_ATTR_SERVICE);
	EXPECT_EQ(nla_get_u16(key[IPVS_SVC_ATTR_PORT]), htons(80));
	EXPECT_EQ(key[IPVS_SVC_ATTR_SCHED_NAME], nullptr);	// the key only
	EXPECT_EQ(Parsed(nl::get_timeouts(kFamily)).cmd(), IPVS_CMD_GET_CONFIG);
	EXPECT_TRUE(Parsed(nl::get_daemons(kFamily)).flags() & NLM_F_DUMP);
}

// --- replies ------------------------------------------------------------------

// Input no message can hold is an error the caller reports, not an
// exception: before, std::length_error escaped to std::terminate.
TEST(NlEncode, OversizeInputIsAnErrorNotAnException)
{
	Command c = parse_ok("-A -t 10.0.0.1:80");
	c.svc.sched_name.assign(70000, 's');
	Expected<nl::Bytes> r = command_request(kFamily, c);
	ASSERT_FALSE(r);
	EXPECT_EQ(r.error().value(), ENOBUFS);

	c = parse_ok("-a -t 10.0.0.1:80 -r 10.1.0.1");
	c.svc.pe_name.assign(70000, 'p');
	EXPECT_FALSE(command_request(kFamily, c));

	c = parse_ok("--start-daemon master");
	c.daemon.mcast_ifn.assign(70000, 'i');
	EXPECT_FALSE(command_request(kFamily, c));

	Service big = tcp("10.0.0.1", 80);
	big.sched_name.assign(70000, 's');
	EXPECT_FALSE(nl::get_service(kFamily, big));
}

// A command that changes nothing has no request (was std::invalid_argument).
TEST(NlEncode, ListingCommandHasNoRequest)
{
	Expected<nl::Bytes> r = command_request(kFamily, parse_ok("-L -n"));
	ASSERT_FALSE(r);
	EXPECT_EQ(r.error().value(), EINVAL);
}

TEST(NlDecode, RequestDecodesBackToItsService)
{
	Command c = parse_ok("-A -u [2001:db8::53]:53 -s sh -p 30 -M 64 -o -b sh-port --pe sip");
	auto req = command_request(kFamily, c);
	ASSERT_TRUE(req);
	auto s = nl::parse_service(*req);
	ASSERT_TRUE(s) << s.error().message();
	EXPECT_EQ(s->af, AF_INET6);
	EXPECT_EQ(s->protocol, IPPROTO_UDP);
	EXPECT_EQ(s->addr, v6("2001:db8::53"));
	EXPECT_EQ(s->port, 53);
	EXPECT_EQ(s->sched_name, "sh");
	EXPECT_EQ(s->pe_name, "sip");
	EXPECT_EQ(s->flags, c.svc.flags);
	EXPECT_EQ(s->timeout, 30u);
	EXPECT_EQ(s->netmask, 64u);
}

TEST(NlDecode, ServiceWith64BitStats)
{
	KernelMsg r(IPVS_CMD_NEW_SERVICE);
	nlattr *n = nla_nest_start(r.m, IPVS_CMD_ATTR_SERVICE);
	nla_put_u16(r.m, IPVS_SVC_ATTR_AF, AF_INET);
	nla_put_u32(r.m, IPVS_SVC_ATTR_FWMARK, 5);
	nla_put_string(r.m, IPVS_SVC_ATTR_SCHED_NAME, "rr");
	ip_vs_flags f{IP_VS_SVC_F_PERSISTENT | IP_VS_SVC_F_HASHED, ~0u};
	nla_put(r.m, IPVS_SVC_ATTR_FLAGS, sizeof(f), &f);
	nla_put_u32(r.m, IPVS_SVC_ATTR_TIMEOUT, 300);
	nla_put_u32(r.m, IPVS_SVC_ATTR_NETMASK, 0xffffffff);
	r.put_stats64(IPVS_SVC_ATTR_STATS64, 1ULL << 40);
	nla_nest_end(r.m, n);
	auto s = nl::parse_service(r.bytes());
	ASSERT_TRUE(s) << s.error().message();
	EXPECT_EQ(s->fwmark, 5u);
	EXPECT_EQ(s->flags, unsigned{IP_VS_SVC_F_PERSISTENT | IP_VS_SVC_F_HASHED});
	EXPECT_EQ(s->stats.conns, (1ULL << 40) + IPVS_STATS_ATTR_CONNS);
	EXPECT_EQ(s->stats.outbps, (1ULL << 40) + IPVS_STATS_ATTR_OUTBPS);
}

TEST(NlDecode, ServiceMissingSchedulerIsInvalid)
{
	KernelMsg r(IPVS_CMD_NEW_SERVICE);
	nlattr *n = nla_nest_start(r.m, IPVS_CMD_ATTR_SERVICE);
	nla_put_u16(r.m, IPVS_SVC_ATTR_AF, AF_INET);
	nla_put_u32(r.m, IPVS_SVC_ATTR_FWMARK, 5);
	nla_nest_end(r.m, n);
	auto s = nl::parse_service(r.bytes());
	ASSERT_FALSE(s);
	EXPECT_EQ(s.error().value(), EINVAL);
}

nl::Bytes dest_reply(bool with_family, bool wide_stats)
{
	KernelMsg r(IPVS_CMD_NEW_DEST);
	nlattr *n = nla_nest_start(r.m, IPVS_CMD_ATTR_DEST);
	Addr a = v6("2001:db8::9");
	nla_put(r.m, IPVS_DEST_ATTR_ADDR, 16, a.data());
	nla_put_u16(r.m, IPVS_DEST_ATTR_PORT, htons(8080));
	nla_put_u32(r.m, IPVS_DEST_ATTR_FWD_METHOD, IP_VS_CONN_F_TUNNEL);
	nla_put_u32(r.m, IPVS_DEST_ATTR_WEIGHT, 7);
	nla_put_u32(r.m, IPVS_DEST_ATTR_U_THRESH, 100);
	nla_put_u32(r.m, IPVS_DEST_ATTR_L_THRESH, 50);
	nla_put_u32(r.m, IPVS_DEST_ATTR_ACTIVE_CONNS, 3);
	nla_put_u32(r.m, IPVS_DEST_ATTR_INACT_CONNS, 4);
	nla_put_u32(r.m, IPVS_DEST_ATTR_PERSIST_CONNS, 5);
	if (with_family)
		nla_put_u16(r.m, IPVS_DEST_ATTR_ADDR_FAMILY, AF_INET6);
	nla_put_u8(r.m, IPVS_DEST_ATTR_TUN_TYPE, IP_VS_CONN_F_TUNNEL_TYPE_GRE);
	nla_put_u16(r.m, IPVS_DEST_ATTR_TUN_PORT, htons(6081));
	nla_put_u16(r.m, IPVS_DEST_ATTR_TUN_FLAGS, IP_VS_TUNNEL_ENCAP_FLAG_CSUM);
	if (wide_stats) {
		r.put_stats64(IPVS_DEST_ATTR_STATS64, 1ULL << 33);
	} else {
		nlattr *st = nla_nest_start(r.m, IPVS_DEST_ATTR_STATS);
		for (int i = IPVS_STATS_ATTR_CONNS; i <= IPVS_STATS_ATTR_OUTBPS; i++) {
			if (i == IPVS_STATS_ATTR_INBYTES || i == IPVS_STATS_ATTR_OUTBYTES)
				nla_put_u64(r.m, i, 1ULL << 35);
			else
				nla_put_u32(r.m, i, 1000 + i);
		}
		nla_nest_end(r.m, st);
	}
	nla_nest_end(r.m, n);
	return r.bytes();
}

TEST(NlDecode, DestEveryField)
{
	auto d = nl::parse_dest(dest_reply(true, true), AF_INET);
	ASSERT_TRUE(d) << d.error().message();
	EXPECT_EQ(d->af, AF_INET6);
	EXPECT_EQ(d->addr, v6("2001:db8::9"));
	EXPECT_EQ(d->port, 8080);
	EXPECT_EQ(d->conn_flags, unsigned{IP_VS_CONN_F_TUNNEL});
	EXPECT_EQ(d->weight, 7);
	EXPECT_EQ(d->u_threshold, 100u);
	EXPECT_EQ(d->l_threshold, 50u);
	EXPECT_EQ(d->activeconns, 3u);
	EXPECT_EQ(d->inactconns, 4u);
	EXPECT_EQ(d->persistconns, 5u);
	EXPECT_EQ(d->tun_type, IP_VS_CONN_F_TUNNEL_TYPE_GRE);
	EXPECT_EQ(d->tun_port, 6081);
	EXPECT_EQ(d->tun_flags, IP_VS_TUNNEL_ENCAP_FLAG_CSUM);
	// 64-bit server counters read whole (1.31 truncates them to 32 bits).
	EXPECT_EQ(d->stats.inpkts, (1ULL << 33) + IPVS_STATS_ATTR_INPKTS);
}

TEST(NlDecode, DestFallsBackToServiceFamilyAnd32BitStats)
{
	auto d = nl::parse_dest(dest_reply(false, false), AF_INET6);
	ASSERT_TRUE(d) << d.error().message();
	EXPECT_EQ(d->af, AF_INET6);
	EXPECT_EQ(d->stats.conns, 1000u + IPVS_STATS_ATTR_CONNS);
	EXPECT_EQ(d->stats.inbytes, 1ULL << 35);
}

TEST(NlDecode, InfoTimeoutsDaemon)
{
	KernelMsg i(IPVS_CMD_SET_INFO);
	nla_put_u32(i.m, IPVS_INFO_ATTR_VERSION, 0x010201);
	nla_put_u32(i.m, IPVS_INFO_ATTR_CONN_TAB_SIZE, 4096);
	auto info = nl::parse_info(i.bytes());
	ASSERT_TRUE(info);
	EXPECT_EQ(info->version, 0x010201u);
	EXPECT_EQ(info->conn_tab_size, 4096u);

	KernelMsg t(IPVS_CMD_SET_CONFIG);
	nla_put_u32(t.m, IPVS_CMD_ATTR_TIMEOUT_TCP, 900);
	nla_put_u32(t.m, IPVS_CMD_ATTR_TIMEOUT_UDP, 300);
	auto to = nl::parse_timeouts(t.bytes());
	ASSERT_TRUE(to);
	EXPECT_EQ(to->tcp, 900u);
	EXPECT_EQ(to->tcp_fin, 0u);	// absent stays 0
	EXPECT_EQ(to->udp, 300u);

	KernelMsg d(IPVS_CMD_NEW_DAEMON);
	nlattr *n = nla_nest_start(d.m, IPVS_CMD_ATTR_DAEMON);
	nla_put_u32(d.m, IPVS_DAEMON_ATTR_STATE, IP_VS_STATE_BACKUP);
	nla_put_string(d.m, IPVS_DAEMON_ATTR_MCAST_IFN, "eth1");
	nla_put_u32(d.m, IPVS_DAEMON_ATTR_SYNC_ID, 7);
	nla_put_u16(d.m, IPVS_DAEMON_ATTR_SYNC_MAXLEN, 1400);
	Addr g = v4("224.0.0.82");
	uint32_t g32;
	std::memcpy(&g32, g.data(), 4);
	nla_put_u32(d.m, IPVS_DAEMON_ATTR_MCAST_GROUP, g32);
	nla_put_u16(d.m, IPVS_DAEMON_ATTR_MCAST_PORT, 8849);
	nla_put_u8(d.m, IPVS_DAEMON_ATTR_MCAST_TTL, 2);
	nla_nest_end(d.m, n);
	auto dm = nl::parse_daemon(d.bytes());
	ASSERT_TRUE(dm) << dm.error().message();
	EXPECT_EQ(dm->state, unsigned{IP_VS_STATE_BACKUP});
	EXPECT_EQ(dm->mcast_ifn, "eth1");
	EXPECT_EQ(dm->syncid, 7u);
	EXPECT_EQ(dm->sync_maxlen, 1400);
	EXPECT_EQ(dm->mcast_af, AF_INET);
	EXPECT_EQ(dm->mcast_group, g);
	EXPECT_EQ(dm->mcast_port, 8849);
	EXPECT_EQ(dm->mcast_ttl, 2);
}

TEST(NlDecode, TruncatedMessageIsInvalid)
{
	nl::Bytes b = dest_reply(true, true);
	b.resize(10);
	EXPECT_FALSE(nl::parse_dest(b, AF_INET));
}

} // namespace
} // namespace ipvsadm::test
