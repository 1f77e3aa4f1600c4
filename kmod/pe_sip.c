// SPDX-License-Identifier: GPL-2.0
/*
 * The "sip" persistence engine: a persistent UDP service's template is
 * keyed by the Call-ID of the SIP message that opened the connection, so
 * every message of a call reaches one real server whatever port the
 * client sends it from.
 *
 * The header is found exactly where IPVS's ip_vs_pe_sip (through
 * conntrack's SIP header search) finds it, so a message is accepted,
 * keyed or dropped alike by both: at the start of a line other than the
 * first, "Call-ID" in any case or the compact "i", optional blanks (a
 * continuation line counts as one), a colon, blanks, then a word, or
 * word@word, that a line end follows, at most 255 bytes. Nothing from
 * the wire is trusted: every read is checked against the end of the
 * message, and the search is bounded (each retry starts at least twice
 * as far in).
 */
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/skbuff.h>
#include <linux/string.h>
#include <linux/udp.h>

#include "pe.h"
#include "pkt.h"

/* The characters conntrack's SIP helper takes for a Call-ID's words. */
static bool word_char(char c)
{
	return isalnum(c) || c == '!' || c == '"' || c == '%' ||
	       (c >= '(' && c <= '+') || c == ':' || c == '<' || c == '>' ||
	       c == '?' || (c >= '[' && c <= ']') || c == '_' || c == '`' ||
	       c == '{' || c == '}' || c == '~' || (c >= '-' && c <= '/') ||
	       c == '\'';
}

static unsigned int word_len(const char *p, const char *end)
{
	const char *s = p;

	while (p < end && word_char(*p))
		p++;
	return p - s;
}

/* "word" or "word@word"; 0 when neither starts at p. */
static unsigned int callid_len(const char *p, const char *end)
{
	unsigned int len = word_len(p, end), host;

	p += len;
	if (!len || p == end || *p != '@')
		return len;
	host = word_len(p + 1, end);
	return host ? len + 1 + host : 0;
}

/*
 * At a line end: past it and the blanks of the continuation line that
 * follows, or NULL if none follows.
 */
static const char *continuation(const char *p, const char *end)
{
	if (++p >= end)
		return NULL;
	if (p[-1] == '\r' && *p == '\n' && ++p >= end)
		return NULL;
	if (*p != ' ' && *p != '\t')
		return NULL;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* Past blanks and at most one line end into a continuation line. */
static const char *skip_blanks(const char *p, const char *end)
{
	for (; p < end; p++) {
		if (*p == ' ' || *p == '\t')
			continue;
		if (*p == '\r' || *p == '\n')
			p = continuation(p, end);
		break;
	}
	return p && p < end ? p : NULL;
}

/*
 * The first Call-ID header at or after from: 1 and its value's *off and
 * *vlen; -1 with *off where a value should have started but none did
 * (the caller looks again further on); 0 when there is none (or the
 * search meets something it cannot go past).
 */
static int find_header(const char *buf, unsigned int len, unsigned int from,
		       unsigned int *off, unsigned int *vlen)
{
	const char *end = buf + len, *p;

	for (p = buf + from; p < end; p++) {
		if (*p != '\r' && *p != '\n')
			continue;
		if (++p >= end)
			break;
		if (p[-1] == '\r' && *p == '\n' && ++p >= end)
			break;
		if (*p == ' ' || *p == '\t')
			continue;	/* a continuation line */

		if (end - p >= 7 && !strncasecmp(p, "Call-ID", 7))
			p += 7;
		else if (end - p >= 2 && (*p == 'i' || *p == 'I') &&
			 !isalpha(p[1]))
			p += 1;
		else
			continue;

		p = skip_blanks(p, end);
		if (!p || *p != ':' || ++p >= end)
			break;
		p = skip_blanks(p, end);
		if (!p)
			break;
		*off = p - buf;
		*vlen = callid_len(p, end);
		return *vlen ? 1 : -1;
	}
	return 0;
}

int lvs_sip_callid(const char *buf, unsigned int len, unsigned int *off,
		   unsigned int *vlen)
{
	unsigned int from = 0;
	int ret;

	for (;;) {
		if (from >= len)
			return -EINVAL;
		ret = find_header(buf, len, from, off, vlen);
		if (ret > 0)
			break;
		if (!ret)
			return -EINVAL;
		/* IPVS's step: *off counts from the message's start. */
		from += *off;
	}
	if (*vlen > LVS_PE_DATA_MAX)
		return -EINVAL;
	/* A header ends with its line; CR, LF or CRLF. */
	if (*off + *vlen == len ||
	    (buf[*off + *vlen] != '\r' && buf[*off + *vlen] != '\n'))
		return -EINVAL;
	return 0;
}

static int sip_get_data(struct sk_buff *skb, const struct lvs_pkt *pkt,
			const char **data, u8 *len)
{
	unsigned int start = pkt->l4_off + sizeof(struct udphdr), off, vlen;
	int ret;

	/* UDP only; an ICMP error's quote is not a message either. */
	if (pkt->protocol != IPPROTO_UDP || pkt->inverse || pkt->fragment ||
	    start >= skb->len)
		return -EINVAL;
	ret = skb_linearize(skb);
	if (ret)
		return ret;
	ret = lvs_sip_callid(skb->data + start, skb->len - start, &off, &vlen);
	if (ret)
		return ret;
	*data = skb->data + start + off;
	*len = vlen;
	return 0;
}

const struct lvs_pe lvs_pe_sip = {
	.name		= "sip",
	.get_data	= sip_get_data,
};
