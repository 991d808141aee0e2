/*
 * log.c - see log.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static const char *const levels[LOG__MAX] = {
	"debug",	/* LOG_DEBUG */
	"info",		/* LOG_INFO */
	"warn",		/* LOG_WARN */
	"error",	/* LOG_ERROR */
};

static int quiet;

/* Request lines not yet written: I/O buffering, not request state. */
static char	pending[LOG_BUFFER];
static size_t	npending;
static struct timespec oldest;		/* when the first pending line came */

void
log_set_quiet(int q)
{
	quiet = q;
}

static size_t
timestamp(char *buf, size_t sz)
{
	struct timeval	 tv;
	struct tm	 tm;
	size_t		 n;

	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	n = strftime(buf, sz, "%Y-%m-%dT%H:%M:%S", &tm);
	n += (size_t)snprintf(buf + n, sz - n, ".%03dZ",
	    (int)(tv.tv_usec / 1000));
	return n;
}

size_t
log_json_escape(char *dst, size_t dstsz, const char *s)
{
	size_t		 n = 0;
	unsigned char	 c;

	if (dstsz == 0)
		return 0;
	for (; s != NULL && *s != '\0'; s++) {
		c = (unsigned char)*s;
		if (n + 7 >= dstsz)
			break;
		if (c == '"' || c == '\\') {
			dst[n++] = '\\';
			dst[n++] = (char)c;
		} else if (c < 0x20 || c == 0x7f)
			n += (size_t)snprintf(dst + n, dstsz - n, "\\u%04x", c);
		else
			dst[n++] = (char)c;
	}
	dst[n] = '\0';
	return n;
}

static void
emit(const char *line, size_t len)
{
	ssize_t	 w;

	while (len > 0) {
		if ((w = write(STDERR_FILENO, line, len)) <= 0)
			return;
		line += w;
		len -= (size_t)w;
	}
}

int
log_pending(void)
{
	return npending > 0;
}

long
log_pending_ms(void)
{
	struct timespec	now;

	if (npending == 0)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - oldest.tv_sec) * 1000 +
	    (now.tv_nsec - oldest.tv_nsec) / 1000000;
}

void
log_flush(void)
{
	if (npending > 0)
		emit(pending, npending);
	npending = 0;
}

void
log_msg(enum log_level lvl, const char *fmt, ...)
{
	char	 msg[1024], esc[2048], ts[40], line[2300];
	va_list	 ap;
	int	 n;

	if (quiet && lvl < LOG_WARN)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_json_escape(esc, sizeof(esc), msg);
	timestamp(ts, sizeof(ts));
	log_flush();
	n = snprintf(line, sizeof(line),
	    "{\"time\":\"%s\",\"level\":\"%s\",\"pid\":%d,\"msg\":\"%s\"}\n",
	    ts, levels[lvl], (int)getpid(), esc);
	if (n > 0)
		emit(line, (size_t)n < sizeof(line) ? (size_t)n :
		    sizeof(line) - 1);
}

void
log_request(const struct log_request *r)
{
	char	 ts[40], id[160], method[40], route[160], line[600];
	int	 n;

	if (quiet)
		return;
	timestamp(ts, sizeof(ts));
	log_json_escape(id, sizeof(id), r->request_id);
	log_json_escape(method, sizeof(method), r->method);
	log_json_escape(route, sizeof(route), r->route);
	n = snprintf(line, sizeof(line),
	    "{\"time\":\"%s\",\"request_id\":\"%s\",\"method\":\"%s\","
	    "\"route\":\"%s\",\"status\":%d,\"duration_ms\":%.3f,"
	    "\"bytes\":%zu}\n",
	    ts, id, method, route, r->status, r->duration_ms, r->bytes_out);
	if (n <= 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	if (npending + (size_t)n > sizeof(pending))
		log_flush();
	if (npending == 0)
		clock_gettime(CLOCK_MONOTONIC, &oldest);
	memcpy(pending + npending, line, (size_t)n);
	npending += (size_t)n;
}
