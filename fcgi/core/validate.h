/*
 * validate.h - a form and the submitted values -> normalised data or
 * field errors.  Pure: no I/O.  Never crashes on any input (fuzzed).
 *
 * Normalisation: text trimmed and checked as UTF-8 (not yet normalised
 * to NFC: that needs Unicode tables; decomposed Vietnamese counts more
 * characters against length rules); integers and
 * decimals canonical; dates YYYY-MM-DD; CCCD 12 digits with its
 * province and century/sex digit checked; phones +84XXXXXXXXX; emails
 * lower-cased domain; booleans true/false; checkbox values as a list;
 * files by content type (magic bytes), size and count.
 */
#ifndef MOTCUA_VALIDATE_H
#define MOTCUA_VALIDATE_H

#include <stddef.h>

#include "core/def.h"
#include "core/value.h"

struct arena;

/* One submitted item: a text value or a file. */
struct input {
	const char	*name;
	const char	*val;
	size_t		 len;
	const char	*filename;	/* non-NULL for a file */
};

struct field_error {
	const char	*field;
	enum rule	 rule;
	const char	*msg_vi;
	const char	*msg_en;
};

struct vresult {
	/* On success: */
	char		*json;		/* normalised data, a JSON object */
	size_t		 jsonlen;
	struct value	*rec;		/* typed record, f->nfields values */
	/* On failure: */
	struct field_error *errors;
	size_t		 nerrors;
};

/*
 * Validate in[0..n) against f.  Unknown names are errors too (field
 * set, rule RULE_TYPE).  Units named by FT_UNIT fields are checked with
 * unit_ok, which returns 1 when the unit exists and is of that kind, 0
 * when not (may be NULL: then any unit code of the right shape passes).
 * Readonly (prefilled) fields are ignored here and absent from the
 * record: the caller fills them from the records they come from.
 * Returns 0 with json and rec set, or -1 with errors.  All memory from
 * the arena.
 */
int	validate_form(struct arena *, const struct form *f,
	    const struct input *in, size_t n,
	    int (*unit_ok)(void *arg, enum unit_kind, const char *code),
	    void *arg, struct vresult *);

/* Checkers shared with other code (0 ok, -1 not valid). */
int	check_cccd(const char *s, size_t len);
int	normalize_phone(const char *s, size_t len, char out[13]);
const char *sniff_mime(const void *buf, size_t len);

#endif
