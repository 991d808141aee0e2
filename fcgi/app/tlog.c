/*
 * tlog.c - the public side of the sealed audit trail: see tlog.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/dossier_int.h"
#include "app/tlog.h"
#include "base/arena.h"
#include "base/config.h"
#include "core/note.h"
#include "store/seal.h"

enum uc_status
uc_trail_checkpoint(struct app *app, const char **note, int64_t *size,
    struct uc_error *err)
{
	struct seal_checkpoint	cp;
	enum db_status		rc;

	*note = NULL;
	*size = 0;
	if ((rc = seal_latest(app->db, app->arena, &cp)) != DB_OK)
		return uc_db_fail(err, rc);
	if (cp.note == NULL)
		return uc_fail(err, UC_NOT_FOUND, NULL,
		    "No checkpoint has been signed yet.",
		    "Chưa có điểm kiểm tra nào được ký.");
	*note = cp.note;
	*size = cp.size;
	return UC_OK;
}

enum uc_status
uc_trail_key(struct app *app, const char **vkey, struct uc_error *err)
{
	struct note_vkey	 k;
	char			 path[4096], *text;
	FILE			*f;
	size_t			 n;

	*vkey = NULL;
	snprintf(path, sizeof(path), "%s/audit.vkey", app->cfg->keys_dir);
	text = arena_alloc(app->arena, 512);
	if ((f = fopen(path, "r")) == NULL)
		return uc_fail(err, UC_NOT_FOUND, NULL,
		    "The audit key has not been made.",
		    "Khóa của nhật ký kiểm tra chưa được tạo.");
	n = fread(text, 1, 511, f);
	fclose(f);
	text[n] = '\0';
	if (note_vkey_parse(text, &k) == -1)
		return uc_fail(err, UC_ERROR, NULL, NULL, NULL);
	text[strcspn(text, "\n")] = '\0';
	*vkey = arena_printf(app->arena, "%s\n", text);
	return UC_OK;
}

/* A decimal in [min, max] named field, or UC_BAD_INPUT. */
static enum uc_status
number(const char *s, const char *field, uint64_t min, uint64_t max,
    uint64_t *out, struct uc_error *err)
{
	char			*end;
	unsigned long long	 v;

	if (s == NULL || s[0] < '0' || s[0] > '9' || (s[0] == '0' && s[1]))
		goto bad;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (*end != '\0' || errno != 0 || v < min || v > max)
		goto bad;
	*out = v;
	return UC_OK;
bad:
	return uc_fail(err, UC_BAD_INPUT, field,
	    "Must be a whole number within the signed tree (see "
	    "/audit/checkpoint).",
	    "Phải là số nguyên trong phạm vi cây đã ký (xem "
	    "/audit/checkpoint).");
}

/* The leaf hashes of the tree of size n, and the latest size. */
static enum uc_status
leaves(struct app *app, uint64_t n, merkle_hash **out, struct uc_error *err)
{
	size_t		got;
	enum db_status	rc;

	*out = arena_calloc(app->arena, n + 1, sizeof(merkle_hash));
	if ((rc = seal_leaves(app->db, 0, (int64_t)n, *out, &got)) != DB_OK)
		return uc_db_fail(err, rc);
	if (got != n)		/* cut under a signed checkpoint */
		return uc_fail(err, UC_CONFLICT, NULL,
		    "The trail no longer holds the signed tree.",
		    "Nhật ký không còn chứa cây đã ký.");
	return UC_OK;
}

static enum uc_status
latest(struct app *app, uint64_t *size, struct uc_error *err)
{
	struct seal_checkpoint	cp;
	enum db_status		rc;

	if ((rc = seal_latest(app->db, app->arena, &cp)) != DB_OK)
		return uc_db_fail(err, rc);
	*size = (uint64_t)cp.size;
	if (*size > TRAIL_PROOF_LEAVES_MAX)
		*size = TRAIL_PROOF_LEAVES_MAX;
	return UC_OK;
}

enum uc_status
uc_trail_inclusion(struct app *app, const char *entry, const char *size,
    struct trail_proof *p, struct uc_error *err)
{
	merkle_hash	*d;
	uint64_t	 max = 0;
	enum uc_status	 st;

	memset(p, 0, sizeof(*p));
	if ((st = latest(app, &max, err)) != UC_OK ||
	    (st = number(size, "size", 1, max, &p->n, err)) != UC_OK ||
	    (st = number(entry, "entry", 0, p->n - 1, &p->m, err)) != UC_OK ||
	    (st = leaves(app, p->n, &d, err)) != UC_OK)
		return st;
	p->proof = arena_calloc(app->arena, MERKLE_PROOF_MAX,
	    sizeof(merkle_hash));
	if (merkle_inclusion(d, p->n, p->m, p->proof, &p->np) == -1)
		return uc_fail(err, UC_ERROR, NULL, NULL, NULL);
	memcpy(p->leaf, d[p->m], MERKLE_HASH_LEN);
	merkle_root(d, p->n, p->root);
	return UC_OK;
}

enum uc_status
uc_trail_consistency(struct app *app, const char *from, const char *to,
    struct trail_proof *p, struct uc_error *err)
{
	merkle_hash	*d;
	uint64_t	 max = 0;
	enum uc_status	 st;

	memset(p, 0, sizeof(*p));
	if ((st = latest(app, &max, err)) != UC_OK ||
	    (st = number(to, "to", 1, max, &p->n, err)) != UC_OK ||
	    (st = number(from, "from", 1, p->n, &p->m, err)) != UC_OK ||
	    (st = leaves(app, p->n, &d, err)) != UC_OK)
		return st;
	p->proof = arena_calloc(app->arena, MERKLE_PROOF_MAX,
	    sizeof(merkle_hash));
	if (merkle_consistency(d, p->m, p->n, p->proof, &p->np) == -1)
		return uc_fail(err, UC_ERROR, NULL, NULL, NULL);
	merkle_root(d, p->m, p->old_root);
	merkle_root(d, p->n, p->root);
	return UC_OK;
}
