/*
 * worker.c - a worker: accept a FastCGI request, parse, route, check,
 * handle, respond, log, reset the arena; again.
 *
 * Signals are blocked while a request is handled and unblocked only
 * inside ppoll(2), so a signal never interrupts a request half-way and
 * is never lost between the check of the flag and the wait.  The
 * listening socket is non-blocking: when several workers wake for one
 * connection, the losers get EAGAIN and wait again.
 *   SIGQUIT (retire)  finish the request in flight, exit
 *   SIGTERM (drain)   also serve the connections already queued, exit
 */
#include <errno.h>
#include <fcgiapp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/config.h"
#include "base/hash.h"
#include "base/log.h"
#include "http/http.h"
#include "http/metrics.h"
#include "http/server.h"
#include "http/worker.h"

#define LOG_LINGER_MS	50	/* idle this long: write the log out */
#define LOG_MAX_AGE_MS	1000	/* never hold a log line longer */

#define STOP_RETIRE	1
#define STOP_DRAIN	2

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	if (sig == SIGQUIT) {
		if (stop == 0)
			stop = STOP_RETIRE;
	} else
		stop = STOP_DRAIN;
}

static const char *
param(FCGX_Request *fr, const char *name)
{
	const char	*v = FCGX_GetParam(name, fr->envp);

	return v != NULL ? v : "";
}

static enum http_method
method_of(const char *s)
{
	size_t	i;

	for (i = 0; i < METHOD__MAX; i++)
		if (strcmp(s, http_method_names[i]) == 0)
			return (enum http_method)i;
	return METHOD__MAX;
}

/* nginx's $request_id is 32 hex digits; accept 8 to 64 lowercase hex
 * digits (other proxies), else make one. */
static const char *
request_id(struct arena *a, const char *given)
{
	char	 id[33];
	size_t	 n = strlen(given);

	if (n >= 8 && n <= 64 && strspn(given, "0123456789abcdef") == n)
		return given;
	random_hex(id, 16);
	return arena_strdup(a, id);
}

static int
content_length(const char *s, size_t *out)
{
	size_t	v = 0;

	if (*s == '\0') {
		*out = 0;
		return 0;
	}
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9' || v > (SIZE_MAX - 9) / 10)
			return -1;
		v = v * 10 + (size_t)(*s - '0');
	}
	*out = v;
	return 0;
}

/* Read exactly n bytes of the body; -1 if the stream ends first. */
static int
read_body(FCGX_Request *fr, char *buf, size_t n)
{
	int	got;

	while (n > 0) {
		got = FCGX_GetStr(buf, n > 65536 ? 65536 : (int)n, fr->in);
		if (got <= 0)
			return -1;
		buf += got;
		n -= (size_t)got;
	}
	return 0;
}

/* Read and drop a body we refuse, so the web server sees a clean end. */
static void
discard_body(FCGX_Request *fr, size_t max)
{
	char	buf[16384];
	size_t	total = 0;
	int	got;

	while (total < max && (got = FCGX_GetStr(buf, sizeof(buf),
	    fr->in)) > 0)
		total += (size_t)got;
}

/*
 * The head is formatted with our own printf: libfcgi's FCGX_FPrintF
 * has its own formatter, which knows no %zu.
 */
static void
send_response(FCGX_Request *fr, struct req *r, struct resp *w)
{
	char	*head;
	size_t	 i;

	head = arena_printf(r->arena, "Status: %d %s\r\nContent-Type: %s\r\n"
	    "Content-Length: %zu\r\nX-Request-Id: %s\r\n"
	    "X-Content-Type-Options: nosniff\r\n", w->status,
	    http_reason(w->status), w->ctype,
	    w->len, r->request_id);
	FCGX_PutS(head, fr->out);
	for (i = 0; i < w->nheaders; i++) {
		FCGX_PutS(w->headers[i].name, fr->out);
		FCGX_PutS(": ", fr->out);
		FCGX_PutS(w->headers[i].value, fr->out);
		FCGX_PutS("\r\n", fr->out);
	}
	FCGX_PutS("\r\n", fr->out);
	if (r->method != METHOD_HEAD && w->len > 0)
		FCGX_PutStr(w->body, (int)w->len, fr->out);
}

/* Everything from the parameters to the handler. */
static void
dispatch(FCGX_Request *fr, const struct http_site *site, void *wk,
    struct req *r, struct resp *w)
{
	const char	*uri, *q;
	size_t		 hsize = 0, clen;
	char		**e;

	for (e = fr->envp; *e != NULL; e++)
		hsize += strlen(*e);
	r->method_name = param(fr, "REQUEST_METHOD");
	r->method = method_of(r->method_name);
	uri = param(fr, "REQUEST_URI");
	if ((q = strchr(uri, '?')) != NULL)
		r->path = arena_strndup(r->arena, uri, (size_t)(q - uri));
	else
		r->path = uri;
	r->query = param(fr, "QUERY_STRING");
	r->ctype = param(fr, "CONTENT_TYPE");
	r->accept = param(fr, "HTTP_ACCEPT");
	r->remote_addr = param(fr, "REMOTE_ADDR");

	if (hsize > r->cfg->header_max) {
		http_error(r, w, HERR_HEADERS_TOO_LARGE, NULL,
		    arena_printf(r->arena, "Headers may take at most %zu "
		    "bytes.", r->cfg->header_max),
		    arena_printf(r->arena, "Phần đầu tối đa %zu byte.",
		    r->cfg->header_max));
		discard_body(fr, r->cfg->body_max);
		return;
	}
	if (r->path[0] != '/' || r->method == METHOD__MAX) {
		http_error(r, w, r->method == METHOD__MAX ? HERR_NOT_IMPLEMENTED :
		    HERR_BAD_REQUEST, NULL, NULL, NULL);
		discard_body(fr, r->cfg->body_max);
		return;
	}
	if ((r->ep = site->match(wk, r, w)) == NULL) {
		discard_body(fr, r->cfg->body_max);
		return;
	}
	if (content_length(param(fr, "CONTENT_LENGTH"), &clen) == -1) {
		http_error(r, w, HERR_BAD_REQUEST, "Content-Length",
		    "Content-Length is not a number.",
		    "Content-Length không phải là số.");
		discard_body(fr, r->cfg->body_max);
		return;
	}
	if (clen > 0 && r->ep->body_types == 0) {
		http_error(r, w, HERR_MEDIA_TYPE, NULL,
		    "This address takes no request body.",
		    "Địa chỉ này không nhận nội dung yêu cầu.");
		discard_body(fr, r->cfg->body_max);
		return;
	}
	if (clen > r->ep->body_max || clen > r->cfg->body_max) {
		http_error(r, w, HERR_BODY_TOO_LARGE, NULL,
		    arena_printf(r->arena, "At most %zu bytes here.",
		    r->ep->body_max),
		    arena_printf(r->arena, "Tối đa %zu byte ở đây.",
		    r->ep->body_max));
		discard_body(fr, r->cfg->body_max);
		return;
	}
	/*
	 * Who is asking, before the body is read: an anonymous request to
	 * a route for the signed-in costs no body parsing.  The query and
	 * cookies are parsed first (error pages follow them), then again
	 * with the body below; CSRF needs the form: after that.
	 */
	if (body_parse(r, w) == -1) {
		discard_body(fr, r->cfg->body_max);
		return;
	}
	if (site->admit(r, w) == -1) {
		discard_body(fr, r->cfg->body_max);
		return;
	}
	if (clen > 0) {
		char *b = arena_alloc(r->arena, clen + 1);

		if (read_body(fr, b, clen) == -1) {
			http_error(r, w, HERR_BAD_REQUEST, NULL,
			    "The request body ended early.",
			    "Nội dung yêu cầu bị ngắt giữa chừng.");
			return;
		}
		b[clen] = '\0';
		r->body = b;
		r->bodylen = clen;
		memset(&r->args, 0, sizeof(r->args));
		memset(&r->cookies, 0, sizeof(r->cookies));
		if (body_parse(r, w) == -1)
			return;
	}
	if (params_check(r, w) == -1)
		return;
	site->handle(r, w);
}

static void
serve_one(FCGX_Request *fr, const struct config *cfg,
    const struct http_site *site, void *wk, struct arena *a)
{
	struct timespec		 t0, t1;
	struct req		 r;
	struct resp		 w;
	struct log_request	 lr;
	double			 sec;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&r, 0, sizeof(r));
	r.arena = a;
	r.cfg = cfg;
	r.env = fr->envp;
	r.request_id = request_id(a, param(fr, "REQUEST_ID"));
	resp_init(&w);
	dispatch(fr, site, wk, &r, &w);
	if (w.status >= 500)
		resp_header(&r, &w, "Cache-Control", "no-store");
	send_response(fr, &r, &w);

	clock_gettime(CLOCK_MONOTONIC, &t1);
	sec = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	metrics_observe(r.ep, w.status, sec);
	lr.request_id = r.request_id;
	lr.method = r.method_name != NULL ? r.method_name : "";
	lr.route = r.ep != NULL ? r.ep->name : "none";
	lr.status = w.status;
	lr.duration_ms = sec * 1e3;
	lr.bytes_out = w.len;
	log_request(&lr);
}

int
worker_main(const struct config *cfg, const struct http_site *site,
    const void *world, int lfd, pid_t master, const sigset_t *orig)
{
	FCGX_Request		 fr;
	struct sigaction	 sa;
	struct pollfd		 pfd;
	struct arena		*a;
	void			*wk;
	sigset_t		 wait;
	const struct timespec	 linger = { 0, LOG_LINGER_MS * 1000000L };
	const struct timespec	 pause = { 0, 100000000 };
	int			 rc;

	/* Die with the master; handle our own signals. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != master)
		return 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);
	wait = *orig;
	sigdelset(&wait, SIGTERM);
	sigdelset(&wait, SIGINT);
	sigdelset(&wait, SIGQUIT);

	log_set_quiet(cfg->quiet);
	if (FCGX_InitRequest(&fr, lfd, 0) != 0)
		return 1;
	a = arena_new(64 * 1024);
	wk = site->worker_start(cfg, world);

	/*
	 * Wait for a connection or a signal.  While request log lines are
	 * buffered, wait at most LOG_LINGER: a worker idle that long
	 * writes them out.  Under load that is one write for many
	 * requests, and a line is never held more than LOG_MAX_AGE.
	 */
	while (stop != STOP_RETIRE) {
		if (stop == 0) {
			pfd.fd = lfd;
			pfd.events = POLLIN;
			rc = ppoll(&pfd, 1, log_pending() ? &linger : NULL,
			    &wait);
			if (rc == 0) {
				log_flush();
				continue;
			}
			if (rc == -1) {
				if (errno == EINTR)
					continue;
				log_msg(LOG_ERROR, "ppoll: %s", strerror(errno));
				break;
			}
		}
		rc = FCGX_Accept_r(&fr);
		if (rc < 0) {
			if (rc == -EAGAIN || rc == -EWOULDBLOCK) {
				if (stop == STOP_DRAIN)
					break;	/* queue drained */
				continue;	/* another worker took it */
			}
			/* EMFILE and the like: do not spin. */
			log_msg(LOG_WARN, "accept: %s", strerror(-rc));
			nanosleep(&pause, NULL);
			continue;
		}
		serve_one(&fr, cfg, site, wk, a);
		FCGX_Finish_r(&fr);
		site->request_end(wk);
		arena_reset(a);
		if (log_pending_ms() > LOG_MAX_AGE_MS)
			log_flush();
	}
	log_flush();
	FCGX_Free(&fr, 1);
	site->worker_stop(wk);
	arena_free(a);
	return 0;
}
