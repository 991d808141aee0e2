/*
 * siglog.c - see siglog.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/log.h"
#include "sign/siglog.h"

#define LINE_MAX_LEN	1024
#define NFIELDS		9

static const char zeros[SHA256_HEX_LEN + 1] =
    "0000000000000000000000000000000000000000000000000000000000000000";

/*
 * Check one line (without its newline) against the one before: 0 and
 * its seq and hash, or -1 with why.  prev NULL: take its PREV on trust
 * (the last line at open).
 */
static int
check_line(char *line, uint64_t seq, const char *prev, uint64_t *seq_out,
    char hash_out[SHA256_HEX_LEN + 1], const char **why)
{
	char		*f[NFIELDS], *p = line, *end;
	char		 h[SHA256_HEX_LEN + 1];
	size_t		 i, covered;
	unsigned long long v;

	for (i = 0; i < NFIELDS; i++) {
		f[i] = p;
		p += strcspn(p, " ");
		if (i + 1 < NFIELDS) {
			if (*p != ' ') {
				*why = "too few fields";
				return -1;
			}
			*p++ = '\0';
		}
	}
	if (*p != '\0' || strlen(f[8]) != SHA256_HEX_LEN ||
	    strlen(f[7]) != SHA256_HEX_LEN || strlen(f[6]) != SHA256_HEX_LEN) {
		*why = "malformed line";
		return -1;
	}
	errno = 0;
	v = strtoull(f[0], &end, 10);
	if (*end != '\0' || errno != 0 || (prev != NULL && v != seq + 1)) {
		*why = "sequence number out of order";
		return -1;
	}
	if (prev != NULL && strcmp(f[7], prev) != 0) {
		*why = "does not chain to the line before";
		return -1;
	}
	covered = (size_t)(f[8] - line);
	for (i = 0; i < covered; i++)
		if (line[i] == '\0')
			line[i] = ' ';
	sha256_hex(line, covered, h);
	if (strcmp(h, f[8]) != 0) {
		*why = "its hash does not match its content";
		return -1;
	}
	*seq_out = (uint64_t)v;
	memcpy(hash_out, h, sizeof(h));
	return 0;
}

int
siglog_open(struct siglog *l, const char *path)
{
	char		 buf[LINE_MAX_LEN + 2], *last;
	const char	*why;
	struct stat	 st;
	off_t		 off;
	ssize_t		 n;

	l->seq = 0;
	memcpy(l->prev, zeros, sizeof(zeros));
	if ((l->fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW |
	    O_CLOEXEC, 0600)) == -1 || fstat(l->fd, &st) == -1) {
		log_msg(LOG_ERROR, "signature log %s: %s", path,
		    strerror(errno));
		goto fail;
	}
	if (st.st_size == 0)
		return 0;
	off = st.st_size > LINE_MAX_LEN + 1 ? st.st_size - LINE_MAX_LEN - 1 : 0;
	if ((n = pread(l->fd, buf, sizeof(buf) - 1, off)) <= 0 ||
	    buf[n - 1] != '\n') {
		log_msg(LOG_ERROR, "signature log %s ends in a partial line",
		    path);
		goto fail;
	}
	buf[n - 1] = '\0';
	last = strrchr(buf, '\n');
	last = last != NULL ? last + 1 : (off == 0 ? buf : NULL);
	if (last == NULL || check_line(last, 0, NULL, &l->seq, l->prev,
	    &why) == -1) {
		log_msg(LOG_ERROR, "signature log %s: the last line: %s", path,
		    last == NULL ? "too long" : why);
		goto fail;
	}
	return 0;
fail:
	if (l->fd != -1)
		close(l->fd);
	l->fd = -1;
	return -1;
}

int
siglog_append(struct siglog *l, const struct siglog_entry *e)
{
	char		line[LINE_MAX_LEN], when[32], digest[SHA256_HEX_LEN + 1];
	char		h[SHA256_HEX_LEN + 1];
	struct tm	tm;
	size_t		i;
	int		n;

	if (l->fd == -1 || gmtime_r(&e->when, &tm) == NULL)
		return -1;
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	for (i = 0; i < 32; i++)
		snprintf(digest + 2 * i, 3, "%02x", e->digest[i]);
	n = snprintf(line, sizeof(line), "%" PRIu64 " %s %s %s %s %s %s %s ",
	    l->seq + 1, when, e->unit[0] ? e->unit : "-", e->key_id, e->alg,
	    e->reqid[0] ? e->reqid : "-", digest, l->prev);
	if (n < 0 || (size_t)n + SHA256_HEX_LEN + 2 > sizeof(line))
		return -1;
	sha256_hex(line, (size_t)n, h);
	memcpy(line + n, h, SHA256_HEX_LEN);
	line[n + SHA256_HEX_LEN] = '\n';
	if (write(l->fd, line, (size_t)n + SHA256_HEX_LEN + 1) !=
	    (ssize_t)n + SHA256_HEX_LEN + 1) {
		log_msg(LOG_ERROR, "signature log: %s", strerror(errno));
		return -1;
	}
	l->seq++;
	memcpy(l->prev, h, sizeof(h));
	return 0;
}

void
siglog_close(struct siglog *l)
{
	if (l->fd != -1)
		close(l->fd);
	l->fd = -1;
}

int
siglog_verify(const char *path, uint64_t *n, char *err, size_t size)
{
	char		 line[LINE_MAX_LEN + 2], prev[SHA256_HEX_LEN + 1];
	const char	*why;
	uint64_t	 seq = 0;
	size_t		 len;
	FILE		*f;

	*n = 0;
	memcpy(prev, zeros, sizeof(zeros));
	if ((f = fopen(path, "re")) == NULL) {
		snprintf(err, size, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		len = strlen(line);
		if (len == 0 || line[len - 1] != '\n') {
			snprintf(err, size, "%s:%" PRIu64 ": a partial or too "
			    "long line", path, *n + 1);
			goto fail;
		}
		line[len - 1] = '\0';
		if (check_line(line, seq, prev, &seq, prev, &why) == -1) {
			snprintf(err, size, "%s:%" PRIu64 ": %s", path, *n + 1,
			    why);
			goto fail;
		}
		(*n)++;
	}
	fclose(f);
	return 0;
fail:
	fclose(f);
	return -1;
}
