/*
 * gateway.h - the payment gateway's merchant API (gateway.c).
 */
#ifndef MOTCUA_APP_GATEWAY_H
#define MOTCUA_APP_GATEWAY_H

struct arena;

/* POST json to url; the answer's body (HTTP 200 only, at most 64 KiB)
 * in the arena, or NULL. */
char	*gateway_post(struct arena *, const char *url, const char *json,
	    long timeout_ms);

#endif
