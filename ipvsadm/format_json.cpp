// SPDX-License-Identifier: GPL-2.0
#include "format_json.h"

#include <arpa/inet.h>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>

#include <lvs/ipvs.h>

#include "format_detail.h"
#include "json_writer.h"
#include "names.h"

namespace ipvsadm {

namespace {

const char *family_name(int af)
{
	return af == AF_INET6 ? "inet6" : "inet";
}

const char *protocol_name(uint16_t proto)
{
	const Protocol *p = protocol_by_number(proto);
	return p ? p->service_table : "unknown";
}

const char *forward_name(uint32_t conn_flags)
{
	switch (conn_flags & IP_VS_CONN_F_FWD_MASK) {
	case IP_VS_CONN_F_MASQ: return "masq";
	case IP_VS_CONN_F_LOCALNODE: return "local";
	case IP_VS_CONN_F_TUNNEL: return "tunnel";
	case IP_VS_CONN_F_DROUTE: return "route";
	default: return "unknown";
	}
}

const char *tunnel_type_name(uint8_t type)
{
	switch (type) {
	case IP_VS_CONN_F_TUNNEL_TYPE_IPIP: return "ipip";
	case IP_VS_CONN_F_TUNNEL_TYPE_GUE: return "gue";
	case IP_VS_CONN_F_TUNNEL_TYPE_GRE: return "gre";
	default: return "unknown";
	}
}

void address_members(JsonWriter &j, int af, const Addr &a, uint16_t port)
{
	j.member("address", addr_to_text(af, a)).member("port", port);
}

void stats_members(JsonWriter &j, const Stats &s)
{
	j.key("stats").begin_object()
		.member("conns", s.conns).member("inpkts", s.inpkts)
		.member("outpkts", s.outpkts).member("inbytes", s.inbytes)
		.member("outbytes", s.outbytes)
		.end_object();
	j.key("rates").begin_object()
		.member("cps", s.cps).member("inpps", s.inpps)
		.member("outpps", s.outpps).member("inbps", s.inbps)
		.member("outbps", s.outbps)
		.end_object();
}

// A service's members but its servers.
void service_members(JsonWriter &j, const Service &s)
{
	j.member("af", family_name(s.af));
	if (s.fwmark) {
		j.member("fwmark", s.fwmark);
	} else {
		j.member("protocol", protocol_name(s.protocol));
		address_members(j, s.af, s.addr, s.port);
	}
	j.member("scheduler", s.sched_name);
	j.key("sched_flags").begin_array();
	for (const char *name : sched_flag_names(s))
		j.value(name);
	j.end_array();

	const bool persistent = s.flags & IP_VS_SVC_F_PERSISTENT;
	j.member("persistent", persistent);
	if (persistent) {
		j.member("timeout", s.timeout);
		if (s.af == AF_INET6)
			j.member("netmask", s.netmask);
		else
			j.member("netmask", netmask_text(s));
	}
	if (!s.pe_name.empty())
		j.member("pe", s.pe_name);
	j.member("ops", static_cast<bool>(s.flags & IP_VS_SVC_F_ONEPACKET));
	stats_members(j, s.stats);
}

} // namespace

void json_service_object(JsonWriter &j, const Service &s)
{
	j.begin_object();
	service_members(j, s);
	j.end_object();
}

void json_dest_object(JsonWriter &j, const Dest &e)
{
	j.begin_object().member("af", family_name(e.af));
	address_members(j, e.af, e.addr, e.port);
	j.member("forward", forward_name(e.conn_flags))
		.member("weight", e.weight)
		.member("active_conns", e.activeconns)
		.member("inactive_conns", e.inactconns)
		.member("persistent_conns", e.persistconns)
		.member("upper_threshold", e.u_threshold)
		.member("lower_threshold", e.l_threshold);
	if ((e.conn_flags & IP_VS_CONN_F_FWD_MASK) == IP_VS_CONN_F_TUNNEL) {
		j.key("tunnel").begin_object().member("type", tunnel_type_name(e.tun_type));
		if (e.tun_type == IP_VS_CONN_F_TUNNEL_TYPE_GUE)
			j.member("port", e.tun_port);
		if (e.tun_type != IP_VS_CONN_F_TUNNEL_TYPE_IPIP) {
			const bool remcsum = e.tun_flags & IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM;
			const bool csum = e.tun_flags & IP_VS_TUNNEL_ENCAP_FLAG_CSUM;
			j.member("checksum", remcsum ? "remcsum" : csum ? "csum" : "nocsum");
		}
		j.end_object();
	}
	stats_members(j, e.stats);
	j.end_object();
}

void json_daemon_object(JsonWriter &j, const Daemon &d)
{
	j.begin_object().member("state", daemon_role(d.state))
		.member("mcast_interface", d.mcast_ifn)
		.member("syncid", d.syncid)
		.member("sync_maxlen", d.sync_maxlen);
	if (d.mcast_af != AF_UNSPEC)
		j.member("mcast_group", addr_to_text(d.mcast_af, d.mcast_group));
	j.member("mcast_port", d.mcast_port).member("mcast_ttl", d.mcast_ttl);
	j.end_object();
}

void json_timeouts_object(JsonWriter &j, const Timeouts &t)
{
	j.begin_object()
		.member("tcp", t.tcp).member("tcp_fin", t.tcp_fin).member("udp", t.udp)
		.end_object();
}

std::string json_services(const Info &info, const std::vector<ServiceListing> &services)
{
	JsonWriter j;
	const uint32_t v = info.version;
	j.begin_object()
		.member("version", std::to_string(v >> 16) + "." +
				   std::to_string((v >> 8) & 0xff) + "." +
				   std::to_string(v & 0xff))
		.member("conn_tab_size", info.conn_tab_size);
	j.key("services").begin_array();
	for (const auto &[s, dests] : services) {
		j.begin_object();
		service_members(j, s);
		j.key("destinations").begin_array();
		for (const Dest &e : dests)
			json_dest_object(j, e);
		j.end_array().end_object();
	}
	j.end_array().end_object();
	return j.finish();
}

std::string json_conns(const std::vector<ConnEntry> &conns)
{
	JsonWriter j;
	j.begin_object().key("connections").begin_array();
	for (const ConnEntry &c : conns) {
		j.begin_object().member("protocol", c.proto ? protocol_name(c.proto) : c.protocol.c_str());
		j.member("af", family_name(c.af));
		j.key("client").begin_object();
		address_members(j, c.af, c.caddr, c.cport);
		j.end_object().key("virtual").begin_object();
		address_members(j, c.af, c.vaddr, c.vport);
		j.end_object().key("real").begin_object().member("af", family_name(c.daf));
		address_members(j, c.daf, c.daddr, c.dport);
		j.end_object();
		j.member("state", c.state).member("expires", c.expires);
		if (c.has_pe)
			j.member("pe_name", c.pe_name).member("pe_data", c.pe_data);
		j.end_object();
	}
	j.end_array().end_object();
	return j.finish();
}

std::string json_timeouts(const Timeouts &t)
{
	JsonWriter j;
	j.begin_object().key("timeouts");
	json_timeouts_object(j, t);
	j.end_object();
	return j.finish();
}

std::string json_daemons(const std::vector<Daemon> &ds)
{
	JsonWriter j;
	j.begin_object().key("daemons").begin_array();
	for (const Daemon &d : ds)
		if (daemon_role(d.state))
			json_daemon_object(j, d);
	j.end_array().end_object();
	return j.finish();
}

} // namespace ipvsadm
