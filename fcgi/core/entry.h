/*
 * entry.h - the canonical bytes of an audit entry, the leaf of the
 * audit trail's Merkle tree (docs/audit-trail.md).
 *
 * The bytes are the 22 bytes "motcua-audit-entry/v1\n", then eleven
 * fields in this order, each as a 4-byte big-endian length and that
 * many bytes, or ffffffff for a NULL:
 *   id          decimal
 *   at          UTC, "YYYY-MM-DDTHH:MM:SS.ffffffZ"
 *   actor_id    decimal, or NULL
 *   actor_kind, action, object
 *   detail      the jsonb's own text (PostgreSQL's normal form), or NULL
 *   request_id, ip
 *   actor_unit_id  decimal, or NULL (the actor's unit)
 *   actor_role     the actor's roles ("clerk,principal"), or NULL
 * Nothing is escaped or normalised here: the store hands the fields as
 * the database prints them.
 */
#ifndef MOTCUA_CORE_ENTRY_H
#define MOTCUA_CORE_ENTRY_H

#include <stddef.h>

#define ENTRY_FIELDS	11
#define ENTRY_MAGIC	"motcua-audit-entry/v1\n"

struct entry_fields {
	const char	*f[ENTRY_FIELDS];	/* NULL: SQL NULL */
};

/* The canonical bytes' length: what entry_bytes needs. */
size_t	entry_size(const struct entry_fields *);
/* Writes entry_size() bytes to out. */
void	entry_bytes(const struct entry_fields *, unsigned char *out);
/* The entry's leaf hash, SHA-256(0x00 || bytes) (core/merkle.h). */
void	entry_leaf(const struct entry_fields *, unsigned char out[32]);

#endif
