/*
 * validate_int.h - the parts of form validation shared by validate*.c
 * and the form compiler (defform.c parses min and max with the same
 * grammar as submitted values).  Private to core/.
 */
#ifndef MOTCUA_VALIDATE_INT_H
#define MOTCUA_VALIDATE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "base/hash.h"
#include "core/def.h"
#include "core/value.h"

struct arena;

/* Bounds applied when a form sets no maxlength (characters). */
#define TEXT_MAX_CHARS		1000
#define TEXTAREA_MAX_CHARS	10000
#define EMAIL_MAX		254
#define UNIT_MAX		64
#define FILENAME_MAX_BYTES	255

/* -?(0|[1-9][0-9]*) within int64 ("-0" is refused): 0, or -1. */
int	parse_int(const char *s, size_t len, int64_t *out);
/* As parse_int, then optionally '.' or ',' and 1..4 digits; scaled by
 * DEC_SCALE.  A negative zero is refused. */
int	parse_dec(const char *s, size_t len, int64_t *out);
/* Canonical text of an integer or a scaled decimal into buf (at least
 * 24 bytes, NUL-terminated); returns the length. */
size_t	fmt_int(int64_t v, char *buf);
size_t	fmt_dec(int64_t v, char *buf);

/* local@domain.tld, strict; out (len + 1 bytes) gets it with the
 * domain lower-cased.  0, or -1. */
int	email_normalize(const char *s, size_t len, char *out);
/* ^[0-9A-Z]+(\.[0-9A-Z]+)*$, at most UNIT_MAX bytes.  0, or -1. */
int	unit_shape(const char *s, size_t len);
/* "PDF" for "application/pdf"... (NULL if unknown). */
const char *mime_short(const char *mime);
/* 1 if name[0..len) ends in an extension of the type, after its last
 * dot, in any case ("scan.PDF"), else 0 (also without a dot). */
int	mime_ext_ok(const char *mime, const char *name, size_t len);
/* The type's extensions without their dot ("jpg", "jpeg"...), NULL
 * after the last; NULL if the type is unknown. */
const char *const *mime_exts(const char *mime);

/* One accepted attachment, for the JSON. */
struct vfile {
	const char	*name;		/* base name, UTF-8 text */
	size_t		 namelen;
	const char	*mime;
	size_t		 size;
	char		 sha256[SHA256_HEX_LEN + 1];
};

/*
 * The normalised JSON object of a valid record (validate_out.c): field
 * ids in form order, absent fields left out; files[k] holds the
 * attachments of file field k.  Written in one pass into one arena
 * allocation sized beforehand.
 */
char	*json_record(struct arena *, const struct form *,
	    const struct value *rec, struct vfile *const *files,
	    size_t *len);

/* The field's own message for the rule, or a generic one naming its
 * label, in both languages. */
void	rule_message(struct arena *, const struct field *, enum rule,
	    const char **vi, const char **en);

#endif
