// SPDX-License-Identifier: GPL-2.0
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/sctp.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/icmp.h>
#include <net/ip.h>
#include <net/route.h>

#include "conn.h"
#include "conn_new.h"
#include "defense.h"
#include "dest.h"
#include "icmp.h"
#include "xmit_tun.h"
#include "netns.h"
#include "pkt.h"
#include "proto.h"
#include "real_table.h"
#include "service.h"
#include "xmit.h"

/* A TCP RST or an SCTP ABORT already tells the server; IPVS stays quiet. */
static bool is_abort(const struct sk_buff *skb, const struct lvs_pkt *pkt)
{
	if (pkt->protocol == IPPROTO_TCP) {
		struct tcphdr buf;
		const struct tcphdr *th;

		th = skb_header_pointer(skb, pkt->l4_off, sizeof(buf), &buf);
		return th && th->rst;
	}
	if (pkt->protocol == IPPROTO_SCTP) {
		unsigned int off = pkt->l4_off + sizeof(struct sctphdr);
		struct sctp_chunkhdr buf;
		const struct sctp_chunkhdr *ch;

		ch = skb_header_pointer(skb, off, sizeof(buf), &buf);
		return ch && ch->type == SCTP_CID_ABORT;
	}
	return false;
}

bool lvs_icmp_nat_refuse(struct lvs_net *ln, struct sk_buff *skb,
			 const struct lvs_pkt *pkt)
{
	if (!READ_ONCE(ln->sysctl.nat_icmp_send) || pkt->fragment)
		return false;
	if (pkt->protocol != IPPROTO_TCP && pkt->protocol != IPPROTO_UDP &&
	    pkt->protocol != IPPROTO_SCTP)
		return false;
	if (!lvs_rs_has_nat(ln, pkt->af, pkt->protocol, &pkt->saddr,
			    pkt->sport))
		return false;
	if (is_abort(skb, pkt))
		return false;
	if (pkt->af == AF_INET6) {
		/* icmpv6_send() wants a device, LOCAL_OUT may have none. */
		if (!skb->dev)
			skb->dev = ln->net->loopback_dev;
		icmpv6_send(skb, ICMPV6_DEST_UNREACH, ICMPV6_PORT_UNREACH, 0);
	} else {
		icmp_send(skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0);
	}
	return true;
}

/*
 * IPVS schedules an error's quote without the checks a real first packet
 * gets (a TCP SYN, an SCTP INIT): the quote may be only 8 bytes of the
 * transport header, so only its ports count.
 */
struct lvs_conn *lvs_icmp_schedule(struct lvs_conn_net *cn,
				   struct sk_buff *skb,
				   const struct lvs_pkt *q,
				   unsigned int *verdict)
{
	struct lvs_net *ln = cn->ln;
	struct lvs_service *svc;
	struct lvs_conn *cp;
	int v = NF_DROP;

	*verdict = NF_ACCEPT;
	if (!READ_ONCE(ln->sysctl.schedule_icmp) || q->fragment)
		return NULL;
	svc = lvs_svc_find(ln, q->af, skb->mark, q->protocol, &q->daddr,
			   q->dport);
	if (!svc)
		return NULL;
	if (lvs_defense_todrop(ln)) {
		*verdict = NF_DROP;
		return NULL;
	}
	cp = lvs_schedule(cn, svc, skb, q, &v);
	if (!cp)
		*verdict = v;
	return cp;
}

/*
 * The length of the GUE or GRE header our tunnel to raddr put after the
 * quoted outer IP header at off, or 0 if it is none of ours (or carries
 * no IPv4, the only inner packet IPVS looks at).
 */
static unsigned int gue_len(struct lvs_net *ln, const struct sk_buff *skb,
			    unsigned int off, const union nf_inet_addr *raddr)
{
	struct udphdr ubuf;
	const struct udphdr *uh;
	struct lvs_dest *dest;
	unsigned int len;

	uh = skb_header_pointer(skb, off, sizeof(ubuf), &ubuf);
	if (!uh)
		return 0;
	dest = lvs_rs_find_tunnel(ln, AF_INET, raddr, uh->dest);
	if (!dest || READ_ONCE(dest->tun_type) != IP_VS_CONN_F_TUNNEL_TYPE_GUE)
		return 0;
	len = lvs_gue_quoted_len(skb, off + sizeof(*uh));
	return len ? sizeof(*uh) + len : 0;
}

static unsigned int gre_len(struct lvs_net *ln, const struct sk_buff *skb,
			    unsigned int off, const union nf_inet_addr *raddr)
{
	struct lvs_dest *dest;

	dest = lvs_rs_find_tunnel(ln, AF_INET, raddr, 0);
	if (!dest || READ_ONCE(dest->tun_type) != IP_VS_CONN_F_TUNNEL_TYPE_GRE)
		return 0;
	return lvs_gre_quoted_len(skb, off);
}

static bool icmp_csum_ok(struct sk_buff *skb, unsigned int off)
{
	return skb_csum_unnecessary(skb) ||
	       !csum_fold(skb_checksum(skb, off, skb->len - off, 0));
}

/*
 * "Fragmentation needed" for the tunnel packet: the route to the real
 * server learns the MTU, and the client is told what is left of it for
 * its own packet. Returns the ICMP info field for the client, or 0 when
 * the client does not do path MTU discovery (then it hears nothing).
 */
static __be32 tunnel_mtu(struct net *net, struct sk_buff *skb,
			 const union nf_inet_addr *raddr, u32 mtu,
			 unsigned int tun_len, bool client_df)
{
	struct lvs_route r;

	/* ipv4_update_pmtu() reads the quoted outer header at skb->data. */
	ipv4_update_pmtu(skb, net, mtu, 0, 0);
	if (!client_df)
		return 0;
	/*
	 * The route as it now is (IPVS reads its cached route instead),
	 * so the client learns in one round what our tunnel leaves.
	 */
	if (!lvs_route(net, AF_INET, raddr, 0, &r)) {
		mtu = r.mtu;
		dst_release(r.dst);
	}
	if (mtu > 68 + tun_len)
		mtu -= tun_len;
	return htonl(mtu);
}

/*
 * The length of our tunnel's header after the quoted outer IPv4 header
 * (0 for IPIP), or -1 when the quoted packet is no tunnel of ours.
 */
static int tunnel_hlen(struct lvs_net *ln, const struct sk_buff *skb,
		       const struct lvs_pkt *q)
{
	const union nf_inet_addr *raddr = &q->saddr;	/* quoted daddr */
	struct lvs_dest *dest;
	unsigned int hlen;

	switch (q->protocol) {
	case IPPROTO_IPIP:
		dest = lvs_rs_find_tunnel(ln, AF_INET, raddr, 0);
		if (!dest ||
		    READ_ONCE(dest->tun_type) != IP_VS_CONN_F_TUNNEL_TYPE_IPIP)
			return -1;
		return 0;
	case IPPROTO_UDP:
		hlen = gue_len(ln, skb, q->l4_off, raddr);
		break;
	case IPPROTO_GRE:
		hlen = gre_len(ln, skb, q->l4_off, raddr);
		break;
	default:
		return -1;
	}
	return hlen ? hlen : -1;
}

/*
 * The error about our tunnel packet, told to the client about its own
 * packet inside (with the MTU left after the tunnel's headers): consumes
 * skb unless it returns NF_DROP.
 */
static unsigned int relay_error(struct lvs_conn *cp, struct sk_buff *skb,
				const struct lvs_pkt *outer,
				const struct lvs_pkt *q, unsigned int tun_len,
				bool df)
{
	struct net *net = cp->cn->ln->net;
	struct ip_options no_opts = {};
	struct icmphdr ibuf;
	const struct icmphdr *ic;
	__be32 info;
	u16 mtu;
	u8 type, code;

	ic = skb_header_pointer(skb, outer->l4_off, sizeof(ibuf), &ibuf);
	if (!ic || !icmp_csum_ok(skb, outer->l4_off))
		return NF_DROP;
	type = ic->type;
	code = ic->code;
	info = ic->un.gateway;
	mtu = ntohs(ic->un.frag.mtu);	/* ic may not survive the pulls */

	if (!pskb_pull(skb, q->inner_l3_off) ||
	    !pskb_may_pull(skb, sizeof(struct iphdr)))
		goto consume;
	skb_reset_network_header(skb);
	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED) {
		info = tunnel_mtu(net, skb, &q->saddr, mtu, tun_len, df);
		if (!info)
			goto consume;
	}
	/* The client's packet is what the client must hear about. */
	if (!pskb_pull(skb, tun_len) ||
	    !pskb_may_pull(skb, sizeof(struct iphdr)))
		goto consume;
	skb_reset_network_header(skb);
	/*
	 * IPCB(skb)->opt describes the outer header's options, by offsets
	 * into it: icmp_send() would echo them from the inner header's bytes
	 * and copy a length read there into a 40-byte buffer on its stack
	 * (KASAN: stack-out-of-bounds in __ip_options_echo, from the packet
	 * fuzz). The client's error carries no options.
	 */
	__icmp_send(skb, type, code, info, &no_opts);
	lvs_conn_count_out(cp, skb->len);
consume:
	consume_skb(skb);
	return NF_STOLEN;
}

bool lvs_icmp_tunnel(struct lvs_conn_net *cn, struct sk_buff *skb,
		     const struct lvs_pkt *outer, const struct lvs_pkt *q,
		     unsigned int *verdict)
{
	unsigned int tun_len, inner_off;
	struct iphdr hbuf;
	const struct iphdr *cih;
	const struct lvs_proto *pp;
	struct lvs_conn *cp;
	struct lvs_pkt in, key;
	int hlen;

	/* As IPVS: only IPv4 tunnels, and errors sent to us. */
	if (q->af != AF_INET || !skb_rtable(skb) ||
	    !(skb_rtable(skb)->rt_flags & RTCF_LOCAL))
		return false;
	hlen = tunnel_hlen(cn->ln, skb, q);
	if (hlen < 0)
		return false;

	/* Ours from here on: whatever is wrong inside, leave it alone. */
	*verdict = NF_ACCEPT;
	inner_off = q->l4_off + hlen;
	tun_len = inner_off - q->inner_l3_off;
	cih = skb_header_pointer(skb, inner_off, sizeof(hbuf), &hbuf);
	if (!cih || !lvs_pkt_parse_at(skb, AF_INET, inner_off, &in) ||
	    in.fragment)
		return true;
	pp = lvs_proto_get(in.protocol);
	if (!pp)
		return true;
	/* The client's request, as it reached us: not swapped. */
	cp = lvs_conn_in_get(cn, lvs_proto_conn_pkt(pp, &in, &key));
	if (!cp)
		return true;
	*verdict = relay_error(cp, skb, outer, q, tun_len,
			       cih->frag_off & htons(IP_DF));
	lvs_conn_put_quiet(cp);
	return true;
}
