/*
 * netaddr.c - client addresses as the throttles count them: see
 * netaddr.h.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "base/netaddr.h"

static const unsigned char v4mapped[12] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff,
};

const char *
netaddr_group(const char *addr, char buf[NETADDR_GROUP_LEN])
{
	struct in6_addr	 a6;
	struct in_addr	 a4;
	const unsigned char *b;

	if (addr == NULL)
		return NULL;
	if (inet_pton(AF_INET, addr, &a4) == 1)
		return inet_ntop(AF_INET, &a4, buf, NETADDR_GROUP_LEN);
	if (inet_pton(AF_INET6, addr, &a6) != 1)
		return addr;
	b = a6.s6_addr;
	if (memcmp(b, v4mapped, sizeof(v4mapped)) == 0) {
		memcpy(&a4, b + 12, 4);
		return inet_ntop(AF_INET, &a4, buf, NETADDR_GROUP_LEN);
	}
	snprintf(buf, NETADDR_GROUP_LEN, "%x:%x:%x:%x::/64",
	    b[0] << 8 | b[1], b[2] << 8 | b[3], b[4] << 8 | b[5],
	    b[6] << 8 | b[7]);
	return buf;
}
