/*
 * tlog.c - the sealed audit trail, public (docs/audit-trail.md):
 *   GET /audit/checkpoint   the latest signed checkpoint (C2SP
 *        tlog-checkpoint as a signed note), text/plain
 *   GET /audit/key          the audit key's C2SP vkey, text/plain
 *   GET /api/v1/audit/proof/inclusion?entry=M&size=N
 *        {"entry", "size", "leaf_hash", "root", "proof": [...]}
 *   GET /api/v1/audit/proof/consistency?from=M&to=N
 *        {"from", "to", "from_root", "root", "proof": [...]}
 * Hashes are standard base64, proofs from the leaf's level up (RFC
 * 9162; Go's sumdb/tlog RecordProof and TreeProof).  No entry is shown.
 */
#include <jansson.h>
#include <openssl/evp.h>

#include "app/tlog.h"
#include "web/web.h"

static void
text(struct wreq *r, struct resp *w, enum uc_status st, struct uc_error *err,
    const char *body)
{
	if (st != UC_OK) {
		web_reply(r, w, st, err);
		return;
	}
	resp_header(r->h, w, "Cache-Control", "no-cache");
	resp_text(r->h, w, 200, "text/plain; charset=utf-8", body);
}

void
h_audit_checkpoint(struct wreq *r, struct resp *w)
{
	struct uc_error	 err;
	const char	*note;
	int64_t		 size;
	enum uc_status	 st;

	st = uc_trail_checkpoint(&r->app, &note, &size, &err);
	text(r, w, st, &err, note);
}

void
h_audit_key(struct wreq *r, struct resp *w)
{
	struct uc_error	 err;
	const char	*vkey;
	enum uc_status	 st;

	st = uc_trail_key(&r->app, &vkey, &err);
	text(r, w, st, &err, vkey);
}

static json_t *
b64(const merkle_hash h)
{
	char	s[48];

	EVP_EncodeBlock((unsigned char *)s, h, MERKLE_HASH_LEN);
	return json_string(s);
}

static json_t *
proof(const struct trail_proof *p)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; i < p->np; i++)
		json_array_append_new(a, b64(p->proof[i]));
	return a;
}

static const char *
arg(struct wreq *r, const char *name)
{
	const struct kv	*kv = req_arg(r->h, name);

	return kv != NULL ? kv->val : NULL;
}

void
h_audit_inclusion(struct wreq *r, struct resp *w)
{
	struct trail_proof	p;
	struct uc_error		err;
	enum uc_status		st;

	if ((st = uc_trail_inclusion(&r->app, arg(r, "entry"), arg(r, "size"),
	    &p, &err)) != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	resp_json(r->h, w, 200, json_pack("{s:I, s:I, s:o, s:o, s:o}",
	    "entry", (json_int_t)p.m, "size", (json_int_t)p.n,
	    "leaf_hash", b64(p.leaf), "root", b64(p.root),
	    "proof", proof(&p)));
}

void
h_audit_consistency(struct wreq *r, struct resp *w)
{
	struct trail_proof	p;
	struct uc_error		err;
	enum uc_status		st;

	if ((st = uc_trail_consistency(&r->app, arg(r, "from"), arg(r, "to"),
	    &p, &err)) != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	resp_json(r->h, w, 200, json_pack("{s:I, s:I, s:o, s:o, s:o}",
	    "from", (json_int_t)p.m, "to", (json_int_t)p.n,
	    "from_root", b64(p.old_root), "root", b64(p.root),
	    "proof", proof(&p)));
}
