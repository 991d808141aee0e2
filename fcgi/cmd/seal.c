/*
 * seal.c - `motcua seal`: the audit trail's sealer (docs/audit-trail.md).
 *
 * Each round, in one transaction of the owner's connection: the entries
 * of finished transactions after the last sealed one, in (xid, id)
 * order, get the next seq numbers and their leaf hashes; when the tree
 * grew past the last checkpoint, the signer signs the new checkpoint
 * and it is stored; then COMMIT.  A sealer killed at any point leaves
 * the last committed round, from which the next one starts: nothing is
 * lost or sealed twice.  One sealer at a time (an advisory lock).  The
 * tree's right edge (core/merkle.h's range) is kept in memory and
 * rebuilt from audit_seq at start.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "cmd/cli.h"
#include "cmd/cmd.h"
#include "core/entry.h"
#include "core/merkle.h"
#include "core/note.h"
#include "sign/client.h"
#include "store/seal.h"

_Static_assert(SEAL_ENTRY_FIELDS == ENTRY_FIELDS,
    "store/seal.h and core/entry.h name the same fields");

#define BATCH	SEAL_PAGE_MAX

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

struct sealer {
	struct cli		 c;
	struct note_vkey	 key;
	struct sign_client	*signer;
	struct merkle_range	 range;
	struct seal_pos		 pos;
	char			 xid[32];	/* pos.xid's storage */
	int64_t			 checkpoint;	/* the last one's size */
	int			 signer_down;	/* said so once */
};

/* The tree's right edge from the stored leaf hashes. */
static int
rebuild(struct sealer *s)
{
	static unsigned char	leaves[BATCH][32];
	size_t			got, i;
	int64_t			from = 0;

	merkle_range_init(&s->range);
	for (;;) {
		if (cli_db_error(seal_leaves(s->c.db, from, BATCH, leaves, &got),
		    "audit_seq") == -1)
			return -1;
		for (i = 0; i < got; i++)
			merkle_range_push(&s->range, leaves[i]);
		from += (int64_t)got;
		if (got < BATCH)
			break;
	}
	if ((int64_t)s->range.size != s->pos.size) {
		fprintf(stderr, "motcua: audit_seq has a hole (%" PRIu64
		    " hashes, last seq %" PRId64 ")\n", s->range.size,
		    s->pos.size - 1);
		return -1;
	}
	return 0;
}

/* The checkpoint of range r, signed, stored; 1 if the signer was not
 * there (then the next round tries again), 0 done, -1 failed. */
static int
checkpoint(struct sealer *s, const struct merkle_range *r)
{
	struct sign_result	res;
	enum sign_status	st;
	merkle_hash		root;
	char			body[NOTE_MAX], note[NOTE_MAX];

	merkle_range_root(r, root);
	if (note_checkpoint(s->c.cfg.audit_origin, r->size, root, body,
	    sizeof(body)) == -1) {
		fputs("motcua: MOTCUA_AUDIT_ORIGIN is too long\n", stderr);
		return -1;
	}
	st = sign_note(s->signer, "seal", body, strlen(body), &res);
	if (st == SIGN_UNAVAILABLE) {
		if (!s->signer_down)
			fputs("motcua: seal: the signer is not there; the "
			    "checkpoint waits\n", stderr);
		s->signer_down = 1;
		return 1;
	}
	if (st != SIGN_OK || res.siglen != 64 ||
	    note_signed(body, &s->key, res.sig, note, sizeof(note)) == -1) {
		fprintf(stderr, "motcua: seal: the signer said %s\n",
		    sign_status_names[st]);
		return -1;
	}
	/* The signer's key must be the published one. */
	{
		size_t	tl;

		if (note_verify(note, &s->key, &tl) != NOTE_OK) {
			fputs("motcua: seal: the signature does not verify "
			    "with audit.vkey\n", stderr);
			return -1;
		}
	}
	s->signer_down = 0;
	return cli_db_error(seal_checkpoint_add(s->c.db, s->c.a,
	    (int64_t)r->size, root, note), "audit_checkpoints");
}

/* One round; the number of entries sealed, or -1. */
static long
round_once(struct sealer *s)
{
	struct merkle_range	 r = s->range;
	struct seal_entry	*e;
	unsigned char		(*leaf)[32];
	size_t			 n, i;
	int			 rc = 0;

	arena_reset(s->c.a);
	if (cli_db_error(db_begin(s->c.db), "begin") == -1)
		return -1;
	if (cli_db_error(seal_pending(s->c.db, s->c.a, &s->pos, BATCH, &e, &n),
	    "audit_log") == -1)
		goto fail;
	leaf = arena_calloc(s->c.a, n + 1, 32);
	for (i = 0; i < n; i++) {
		entry_leaf((const struct entry_fields *)e[i].f, leaf[i]);
		merkle_range_push(&r, leaf[i]);
	}
	if (n > 0 && cli_db_error(seal_append(s->c.db, s->c.a, s->pos.size,
	    e, (const unsigned char (*)[32])leaf, n), "audit_seq") == -1)
		goto fail;
	if ((int64_t)r.size > s->checkpoint &&
	    (rc = checkpoint(s, &r)) == -1)
		goto fail;
	if (cli_db_error(db_commit(s->c.db), "commit") == -1)
		return -1;
	s->range = r;
	if (n > 0) {
		s->pos.size += (int64_t)n;
		snprintf(s->xid, sizeof(s->xid), "%s", e[n - 1].xid);
		s->pos.xid = s->xid;
		s->pos.id = e[n - 1].id;
	}
	if (rc == 0)
		s->checkpoint = (int64_t)r.size;
	return (long)n;
fail:
	db_rollback(s->c.db);
	return -1;
}

static void
nap(int ms)
{
	struct timespec	ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (!stop && nanosleep(&ts, &ts) == -1 && errno == EINTR)
		continue;
}

int
cmd_seal(int argc, char *argv[])
{
	struct sealer		s;
	struct sigaction	sa;
	long			n;
	int			got, rc = 1;

	(void)argv;
	if (argc != 1) {
		fputs("usage: motcua seal\n", stderr);
		return 2;
	}
	memset(&s, 0, sizeof(s));
	if (cli_open(&s.c, 0) == -1)
		return 1;
	if (cli_vkey(&s.c.cfg, NULL, &s.key) == -1)
		goto done;
	if (cli_db_error(seal_lock(s.c.db, &got), "lock") == -1)
		goto done;
	if (!got) {
		fputs("motcua: seal: another sealer is running\n", stderr);
		goto done;
	}
	if (cli_db_error(seal_last(s.c.db, s.c.a, &s.pos), "audit_seq") == -1 ||
	    cli_db_error(seal_checkpoint_last(s.c.db, &s.checkpoint),
	    "audit_checkpoints") == -1)
		goto done;
	if (s.pos.xid == NULL) {
		fprintf(stderr, "motcua: seal: the last sealed entry (%" PRId64
		    ") is not in audit_log: run motcua audit verify "
		    "--database\n", s.pos.id);
		goto done;
	}
	snprintf(s.xid, sizeof(s.xid), "%s", s.pos.xid);
	s.pos.xid = s.xid;
	if (rebuild(&s) == -1)
		goto done;
	s.signer = sign_client_new(s.c.cfg.signer_socket,
	    s.c.cfg.sign_timeout_ms);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	fprintf(stderr, "motcua: seal: %" PRId64 " entries sealed, checkpoint "
	    "%" PRId64 "; every %d ms\n", s.pos.size, s.checkpoint,
	    s.c.cfg.seal_interval_ms);
	while (!stop) {
		if ((n = round_once(&s)) == -1)
			nap(1000);	/* the database is away: again later */
		else if (n < BATCH)
			nap(s.c.cfg.seal_interval_ms);
	}
	rc = 0;
done:
	if (s.signer != NULL)
		sign_client_free(s.signer);
	cli_close(&s.c);
	return rc;
}
