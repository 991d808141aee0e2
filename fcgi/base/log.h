/*
 * log.h - one JSON object per line on standard error.
 *
 * Lines are written whole with write(2), so lines from several workers
 * sharing the descriptor do not interleave.  Request lines are buffered
 * (at most LOG_BUFFER bytes) and written when the buffer fills, when the
 * worker goes idle or the oldest line is a second old (the worker calls
 * log_flush), or before any other message: under load that is one
 * write for many requests.  A worker killed with SIGKILL
 * loses the lines still in its buffer, as nginx's `access_log buffer=`.
 */
#ifndef MOTCUA_LOG_H
#define MOTCUA_LOG_H

#include <stddef.h>

enum log_level {
	LOG_DEBUG,
	LOG_INFO,
	LOG_WARN,
	LOG_ERROR,
	LOG__MAX
};

struct log_request {
	const char	*request_id;
	const char	*method;
	const char	*route;		/* route name, "none" if unmatched */
	int		 status;
	double		 duration_ms;
	size_t		 bytes_out;
};

void	log_msg(enum log_level, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	log_request(const struct log_request *);
void	log_set_quiet(int);	/* only warnings and errors */
void	log_flush(void);
int	log_pending(void);		/* request lines buffered? */
long	log_pending_ms(void);		/* age of the oldest, or 0 */

#define LOG_BUFFER	4096	/* PIPE_BUF: one atomic write to a pipe */

/* Escape s into dst as the inside of a JSON string; returns length. */
size_t	log_json_escape(char *dst, size_t dstsz, const char *s);

#endif
