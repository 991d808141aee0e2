/*
 * parse.h - parsers for request data: query strings and
 * application/x-www-form-urlencoded bodies, multipart/form-data,
 * Cookie headers, and JSON bodies.
 *
 * Pure functions over byte buffers: no libfcgi, no globals, so they can
 * be unit-tested and fuzzed on their own.  All memory comes from the
 * arena.  Every parser checks limits before it copies anything and
 * returns 0 on success or -1 with *err filled in.  Values keep raw
 * bytes (decoded, NUL-terminated, with their length); checking text
 * for UTF-8 and keys against a route's allowlist is done by params.c.
 */
#ifndef MOTCUA_PARSE_H
#define MOTCUA_PARSE_H

#include <stddef.h>

struct arena;

struct kv {
	char		*key;		/* decoded, NUL-terminated */
	size_t		 keylen;
	char		*val;		/* decoded, NUL-terminated */
	size_t		 vallen;
	char		*filename;	/* multipart file part, else NULL */
	char		*ctype;		/* multipart part Content-Type or NULL */
};

struct kvlist {
	struct kv	*v;
	size_t		 n;
	size_t		 cap;
};

struct parse_limits {
	size_t		 max_fields;	/* pairs or parts */
	size_t		 max_key;	/* bytes of a decoded key */
	size_t		 max_val;	/* bytes of a decoded text value */
	size_t		 max_file;	/* bytes of one file part */
	size_t		 max_depth;	/* JSON nesting */
};

enum perr {
	PERR_OK = 0,
	PERR_SYNTAX,		/* malformed: bad escape, missing '=' ... */
	PERR_TOO_MANY,		/* more than max_fields */
	PERR_KEY_LONG,		/* a key longer than max_key */
	PERR_VAL_LONG,		/* a value longer than max_val */
	PERR_FILE_LONG,		/* a file longer than max_file */
	PERR_TRUNCATED,		/* multipart: body ends before the close */
	PERR_BOUNDARY,		/* multipart: no or bad boundary */
	PERR_DEPTH,		/* JSON nested deeper than max_depth */
	PERR_JSON,		/* JSON: not well-formed, or duplicate key */
	PERR__MAX
};

struct perr_info {
	enum perr	 code;
	char		 field[64];	/* the key concerned, when known */
	size_t		 offset;	/* byte offset in the input */
};

/* Stable short names ("syntax", "too_many", ...), indexed by enum perr. */
extern const char *const perr_names[PERR__MAX];

/*
 * Append a copy of *kv, growing l->v in the arena (capacity doubles).
 * A zeroed struct kvlist is an empty list.
 *
 * The kvlist parsers below append to *out: max_fields counts the pairs
 * that one call adds, and on error out->n is put back as it was.  A NUL
 * byte in a key (raw or %00) is PERR_SYNTAX: keys are names.
 */
void	kvlist_add(struct arena *, struct kvlist *, const struct kv *);

/*
 * key=value&key=value, '+' is a space, %XX escapes.  An empty input
 * gives no pairs; an empty segment ("a=1&&b=2") is skipped; a key
 * without '=' has an empty value.  A bad %-escape is PERR_SYNTAX.
 * An empty key ("=b") is PERR_SYNTAX with field "".  Limits apply to
 * decoded lengths.
 */
int	urlenc_parse(struct arena *, const char *buf, size_t len,
	    const struct parse_limits *, struct kvlist *, struct perr_info *);

/*
 * Extract the boundary parameter of a multipart/form-data Content-Type
 * (quoted or not, 1..70 characters as RFC 2046 says).  Returns an arena
 * string or NULL: also for another media type, a repeated boundary, or
 * a character outside RFC 2046's bchars.
 */
char	*multipart_boundary(struct arena *, const char *ctype);

/*
 * A multipart/form-data body.  Each part needs a Content-Disposition:
 * form-data with a name; filename (when present) marks a file part and
 * max_file applies to it, max_val otherwise.  The body must end with
 * the close delimiter (PERR_TRUNCATED otherwise).  The preamble and
 * epilogue are ignored.  Part headers are bounded (8 KiB in all; more
 * is PERR_SYNTAX).  In a quoted parameter, \" and \\ are escapes and any
 * other backslash is kept.  A missing or empty name is PERR_SYNTAX with
 * field "", a NUL in a filename PERR_SYNTAX with the part's name (read
 * as a C string, the name would be cut short).  A line that starts with
 * the delimiter but is neither "--boundary--" nor "--boundary" +
 * padding + CRLF is PERR_SYNTAX (RFC 2046 forbids the boundary inside a
 * part).  A part too long for its limit is refused without scanning its
 * rest.
 */
int	multipart_parse(struct arena *, const char *boundary,
	    const char *body, size_t len, const struct parse_limits *,
	    struct kvlist *, struct perr_info *);

/*
 * Cookie: a=1; b=2 (RFC 6265 section 5.4, lenient on spaces).  Values
 * may be double-quoted; they are not %-decoded; max_val applies to the
 * value without its quotes.  Never fails: the header also carries
 * other sites' cookies, so pairs without '=', with an empty name, or
 * over a limit are skipped, and pairs beyond max_fields ignored.
 */
int	cookie_parse(struct arena *, const char *hdr, size_t len,
	    const struct parse_limits *, struct kvlist *, struct perr_info *);

/*
 * A JSON body: checks nesting depth (PERR_DEPTH) and the number of
 * values (at most 16 * max_fields, PERR_TOO_MANY) before parsing, so
 * that a hostile body cannot recurse deeply or make jansson allocate
 * without bound, then parses with duplicate keys rejected.  Brackets
 * in strings do not count towards the depth.  The top level must be an
 * object or an array (jansson's default), and nothing but white space
 * may follow it.  Every string value, at any depth, is then in NFC
 * (base/utf8.h); keys are left as sent.  PERR_JSON's offset is
 * jansson's position (bytes read).  On success *out is a new reference
 * owned by the arena (json_decref at reset).  Declared with void * to
 * keep jansson out of this header; it is a json_t *.
 */
int	jsonbody_parse(struct arena *, const char *buf, size_t len,
	    const struct parse_limits *, void **out, struct perr_info *);

#endif
