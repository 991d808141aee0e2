/*
 * audit.c - `motcua audit verify --database`: the sealed trail checked
 * from the database alone (docs/audit-trail.md, "Verifying").
 *
 * In tree order: every entry of audit_seq must be in audit_log, in
 * (xid, id) order, with the leaf hash it was sealed with; the tree
 * recomputed from the entries themselves must have, at each
 * checkpoint's size, the root that checkpoint signed, and the
 * signature must verify with the audit key; no checkpoint may be
 * larger than the tree; no finished entry before the last sealed one
 * may be missing from the tree.  The first thing that does not hold
 * is named, and the exit status is 1.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "cmd/cli.h"
#include "cmd/cmd.h"
#include "core/entry.h"
#include "core/merkle.h"
#include "core/note.h"
#include "store/seal.h"

_Static_assert(SEAL_ENTRY_FIELDS == ENTRY_FIELDS,
    "store/seal.h and core/entry.h name the same fields");

struct verify {
	struct cli		 c;
	struct note_vkey	 key;
	struct merkle_range	 range;
	struct seal_checkpoint	*cp;
	size_t			 ncp, next;	/* the next checkpoint due */
	uint64_t		 xid;		/* the last entry's */
	int64_t			 id, total;
	double			 start, said;
};

static int
usage(void)
{
	fputs("usage: motcua audit verify --database [--key VKEY]\n", stderr);
	return 2;
}

/* Seconds on the monotonic clock. */
static double
now_s(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void
progress(struct verify *v)
{
	double	s = now_s() - v->start, rate;

	if (now_s() - v->said < 1.0)
		return;
	v->said = now_s();
	rate = s > 0 ? (double)v->range.size / s : 0;
	fprintf(stderr, "audit verify: %" PRIu64 " of %" PRId64 " entries, "
	    "%.0f entries/s, %.0f s left\n", v->range.size, v->total, rate,
	    rate > 0 ? (double)(v->total - (int64_t)v->range.size) / rate : 0);
}

/* The checkpoint due at this size: signed by the key, its text the
 * row's size and root, that root the recomputed tree's. */
static int
checkpoint(struct verify *v, const struct seal_checkpoint *cp)
{
	enum note_status	st;
	merkle_hash		root, said;
	uint64_t		size;
	size_t			tl;
	const char		*nl;

	if ((st = note_verify(cp->note, &v->key, &tl)) != NOTE_OK) {
		printf("checkpoint %" PRId64 ": %s by %s\n", cp->size,
		    note_status_names[st], v->key.name);
		return -1;
	}
	nl = strchr(cp->note, '\n');
	if (note_checkpoint_parse(cp->note, tl, &size, said) == -1 ||
	    (size_t)(nl - cp->note) != strlen(v->c.cfg.audit_origin) ||
	    memcmp(cp->note, v->c.cfg.audit_origin, (size_t)(nl - cp->note))) {
		printf("checkpoint %" PRId64 ": not a checkpoint of %s\n",
		    cp->size, v->c.cfg.audit_origin);
		return -1;
	}
	if ((int64_t)size != cp->size || memcmp(said, cp->root, 32) != 0) {
		printf("checkpoint %" PRId64 ": its row differs from its "
		    "signed text\n", cp->size);
		return -1;
	}
	merkle_range_root(&v->range, root);
	if (memcmp(root, said, 32) != 0) {
		printf("checkpoint %" PRId64 ": the entries give another root: "
		    "an entry before it was changed, removed or moved\n",
		    cp->size);
		return -1;
	}
	return 0;
}

/* One entry of the tree, in order. */
static int
entry(struct verify *v, const struct seal_row *r)
{
	merkle_hash	leaf;
	uint64_t	xid;

	if (r->seq != (int64_t)v->range.size) {
		printf("seq %" PRIu64 ": missing from audit_seq\n",
		    v->range.size);
		return -1;
	}
	if (r->e.id == 0) {
		printf("entry %" PRId64 " (seq %" PRId64 "): missing from "
		    "audit_log (removed)\n", r->entry_id, r->seq);
		return -1;
	}
	xid = strtoull(r->e.xid, NULL, 10);
	if (r->seq > 0 && (xid < v->xid || (xid == v->xid && r->e.id <= v->id))) {
		printf("entry %" PRId64 " (seq %" PRId64 "): out of order "
		    "(moved)\n", r->e.id, r->seq);
		return -1;
	}
	entry_leaf((const struct entry_fields *)r->e.f, leaf);
	if (memcmp(leaf, r->leaf, 32) != 0) {
		printf("entry %" PRId64 " (seq %" PRId64 "): differs from what "
		    "was sealed (changed or swapped)\n", r->e.id, r->seq);
		return -1;
	}
	v->xid = xid;
	v->id = r->e.id;
	merkle_range_push(&v->range, leaf);
	for (; v->next < v->ncp &&
	    v->cp[v->next].size <= (int64_t)v->range.size; v->next++)
		if (checkpoint(v, &v->cp[v->next]) == -1)
			return -1;
	return 0;
}

static int
run(struct verify *v)
{
	struct seal_pos	 pos;
	struct seal_row	*rows;
	struct arena	*page;
	size_t		 n, i;
	int64_t		 unsealed = 0;
	int		 rc = -1;

	if (cli_db_error(seal_last(v->c.db, v->c.a, &pos), "audit_seq") == -1 ||
	    cli_db_error(seal_checkpoints(v->c.db, v->c.a, &v->cp, &v->ncp),
	    "audit_checkpoints") == -1 ||
	    (pos.xid != NULL && cli_db_error(seal_unsealed(v->c.db, &pos,
	    &unsealed), "audit_log") == -1))
		return -1;
	v->total = pos.size;
	v->start = v->said = now_s();
	page = arena_new(1024 * 1024);
	for (;;) {
		arena_reset(page);
		if (cli_db_error(seal_entries(v->c.db, page,
		    (int64_t)v->range.size, SEAL_PAGE_MAX, &rows, &n),
		    "audit_seq") == -1)
			goto fail;
		for (i = 0; i < n; i++)
			if (entry(v, &rows[i]) == -1)
				goto fail;
		progress(v);
		if (n < SEAL_PAGE_MAX)
			break;
	}
	rc = 0;
fail:
	arena_free(page);
	if (rc == -1)
		return -1;
	if (v->next < v->ncp) {
		printf("checkpoint %" PRId64 ": the tree has only %" PRIu64
		    " entries (entries removed from its end)\n",
		    v->cp[v->next].size, v->range.size);
		return -1;
	}
	if (unsealed != 0) {
		printf("entry %" PRId64 ": in audit_log among the sealed ones "
		    "but not in the tree (added afterwards, or its place "
		    "removed)\n", unsealed);
		return -1;
	}
	printf("audit trail OK: %" PRIu64 " entries, %zu checkpoints, in %.1f "
	    "s\n", v->range.size, v->ncp, now_s() - v->start);
	return 0;
}

int
cmd_audit(int argc, char *argv[])
{
	struct verify	*v;
	const char	*key = NULL;
	int		 i, db = 0, rc = 1;

	if (argc < 2 || strcmp(argv[1], "verify") != 0)
		return usage();
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--database") == 0)
			db = 1;
		else if (strcmp(argv[i], "--key") == 0 && i + 1 < argc)
			key = argv[++i];
		else
			return usage();
	}
	if (!db)
		return usage();
	if ((v = calloc(1, sizeof(*v))) == NULL)
		abort();
	if (cli_open(&v->c, 0) == -1) {
		free(v);
		return 1;
	}
	if (cli_vkey(&v->c.cfg, key, &v->key) == 0 && run(v) == 0)
		rc = 0;
	cli_close(&v->c);
	free(v);
	return rc;
}
