/*
 * netaddr.h - client addresses as the throttles count them.
 *
 * An IPv4 address is one client.  An IPv6 site is usually given a /64
 * (RFC 6177 recommends /48 to /64), and one host may take any address in
 * it, so counting each IPv6 address apart would give a guesser a fresh
 * "address" per guess: the throttles count the /64 instead.  An
 * IPv4-mapped IPv6 address (::ffff:a.b.c.d) is its IPv4 address.
 */
#ifndef MOTCUA_BASE_NETADDR_H
#define MOTCUA_BASE_NETADDR_H

/* "xxxx:xxxx:xxxx:xxxx::/64" and its NUL fit; so does any IPv4. */
#define NETADDR_GROUP_LEN	48

/*
 * The group addr belongs to, in buf: the address itself for IPv4, the
 * /64 prefix for IPv6, and addr unchanged (not copied) for text that is
 * neither, or NULL for NULL.
 */
const char	*netaddr_group(const char *addr, char buf[NETADDR_GROUP_LEN]);

#endif
