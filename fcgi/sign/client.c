/*
 * client.c - see client.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "sign/client.h"

struct sign_client {
	struct sockaddr_un	 sun;
	int			 fd;
	int			 timeout_ms;
	uint64_t		 next_id;
};

struct sign_client *
sign_client_new(const char *path, int timeout_ms)
{
	struct sign_client	*c;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		abort();
	c->fd = -1;
	c->timeout_ms = timeout_ms;
	c->sun.sun_family = AF_UNIX;
	if (strlen(path) < sizeof(c->sun.sun_path))
		memcpy(c->sun.sun_path, path, strlen(path) + 1);
	return c;
}

void
sign_client_free(struct sign_client *c)
{
	if (c == NULL)
		return;
	if (c->fd != -1)
		close(c->fd);
	free(c);
}

static int64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
drop(struct sign_client *c)
{
	if (c->fd != -1)
		close(c->fd);
	c->fd = -1;
}

/* Wait for events on the connection until the deadline: 0 or -1. */
static int
await(struct sign_client *c, short events, int64_t deadline)
{
	struct pollfd	p = { .fd = c->fd, .events = events };
	int64_t		left;
	int		n;

	for (;;) {
		if ((left = deadline - now_ms()) <= 0)
			return -1;
		if ((n = poll(&p, 1, (int)left)) == -1 && errno == EINTR)
			continue;
		return n == 1 && (p.revents & events) ? 0 : -1;
	}
}

static int
connect_to(struct sign_client *c)
{
	if (c->fd != -1)
		return 0;
	if (c->sun.sun_path[0] == '\0' ||
	    (c->fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC |
	    SOCK_NONBLOCK, 0)) == -1)
		return -1;
	/* A unix socket connects at once, or not (no signer: refused). */
	if (connect(c->fd, (struct sockaddr *)&c->sun, sizeof(c->sun)) == -1) {
		drop(c);
		return -1;
	}
	return 0;
}

static enum sign_status
call(struct sign_client *c, struct sign_req *rq, struct sign_result *out)
{
	unsigned char	buf[sizeof(struct sign_rep) + 1];
	struct sign_rep	rp;
	int64_t		deadline = now_ms() + c->timeout_ms;
	size_t		n = SIGN_REQ_FIXED + rq->dlen;
	ssize_t		r;

	memset(out, 0, sizeof(*out));
	if (connect_to(c) == -1)
		return SIGN_UNAVAILABLE;
	rq->hdr.type = SMSG_SIGN;
	rq->hdr.len = (uint32_t)n;
	rq->hdr.id = ++c->next_id;
	if (await(c, POLLOUT, deadline) == -1 ||
	    send(c->fd, rq, n, MSG_NOSIGNAL) != (ssize_t)n)
		goto broken;
	/* Answers to calls that timed out before are skipped. */
	for (;;) {
		if (await(c, POLLIN, deadline) == -1 ||
		    (r = recv(c->fd, buf, sizeof(buf), 0)) <= 0)
			goto broken;
		if (sign_rep_parse(buf, (size_t)r, rq->hdr.id, &rp) == 0)
			break;
		if (r == sizeof(rp) && rp.hdr.id < rq->hdr.id)
			continue;
		goto broken;
	}
	if (rp.status == SIGN_OK) {
		memcpy(out->key_id, rp.key_id, sizeof(out->key_id));
		memcpy(out->sig, rp.sig, rp.siglen);
		out->siglen = rp.siglen;
	}
	return rp.status;
broken:
	drop(c);
	return SIGN_UNAVAILABLE;
}

static int
fill(struct sign_req *rq, enum sign_alg alg, const char *unit,
    const char *request_id, const void *data, size_t len)
{
	if (request_id == NULL)
		request_id = "";
	if (strlen(unit) >= sizeof(rq->unit) || !sign_reqid_ok(request_id) ||
	    len > sizeof(rq->data))
		return -1;
	memset(rq, 0, SIGN_REQ_FIXED);
	rq->alg = alg;
	rq->dlen = (uint32_t)len;
	memcpy(rq->unit, unit, strlen(unit));
	memcpy(rq->reqid, request_id, strlen(request_id));
	memcpy(rq->data, data, len);
	return 0;
}

enum sign_status
sign_digest(struct sign_client *c, const char *unit, const char *request_id,
    const unsigned char *digest, size_t len, struct sign_result *out)
{
	struct sign_req	rq;

	if (!sign_unit_ok(unit))
		return SIGN_BAD_UNIT;
	if (fill(&rq, SIGN_ALG_ECDSA_P256_SHA256, unit, request_id, digest,
	    len) == -1)
		return SIGN_BAD_LENGTH;
	return call(c, &rq, out);
}

enum sign_status
sign_note(struct sign_client *c, const char *request_id, const void *text,
    size_t len, struct sign_result *out)
{
	struct sign_req	rq;

	if (fill(&rq, SIGN_ALG_ED25519_NOTE, "", request_id, text, len) == -1)
		return SIGN_BAD_LENGTH;
	return call(c, &rq, out);
}
