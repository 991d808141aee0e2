/*
 * siglog.h - the signer's own log of every signature it makes:
 * append-only, one line each, every line chained to the one before by
 * its hash:
 *   SEQ TIME UNIT KEYID ALG REQID DIGEST PREV HASH\n
 * SEQ counts from 1; TIME is UTC (2026-07-01T09:00:00Z); UNIT is the
 * unit code, "-" for the audit key; KEYID the key id's 16-hex prefix;
 * ALG a name of sign_alg_names; REQID the request id or "-"; DIGEST the
 * SHA-256 that was signed (of the note, for Ed25519), in hex; PREV the
 * HASH of the line before (64 zeros for the first); HASH the SHA-256
 * of this line up to and including the space before it.  A line
 * changed, removed or inserted breaks the chain at that line.
 */
#ifndef MOTCUA_SIGN_SIGLOG_H
#define MOTCUA_SIGN_SIGLOG_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/hash.h"

struct siglog {
	int		 fd;
	uint64_t	 seq;			/* of the last line */
	char		 prev[SHA256_HEX_LEN + 1];	/* its hash */
};

struct siglog_entry {
	time_t		 when;
	const char	*unit;		/* "" for the audit key */
	const char	*key_id;	/* 16 hex */
	const char	*alg;
	const char	*reqid;		/* "" if none */
	const unsigned char *digest;	/* 32 bytes */
};

/* Open path for appending (made 0600 if missing) after checking that
 * its last line is whole and its own hash right: 0, or -1 after
 * logging why. */
int	siglog_open(struct siglog *, const char *path);
/* One line, written whole with one write(2): 0 or -1. */
int	siglog_append(struct siglog *, const struct siglog_entry *);
void	siglog_close(struct siglog *);

/* Every line of path checked: 0 with *n lines, or -1 with why (and the
 * line number) in err. */
int	siglog_verify(const char *path, uint64_t *n, char *err, size_t size);

#endif
