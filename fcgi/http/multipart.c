/*
 * multipart.c - multipart/form-data (RFC 7578 over RFC 2046).
 *
 * The body is walked once: memmem() finds each delimiter, and every
 * search is bounded by what the next limit allows (8 KiB of part
 * headers, max_val or max_file of content), so that an oversized part
 * is refused before the rest of it is even looked at.  Nothing is
 * copied into the arena until the part has passed every check.
 */
#include <ctype.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "base/arena.h"
#include "http/parse.h"
#include "http/parse_int.h"

#define BOUNDARY_MAX	70		/* RFC 2046 section 5.1.1 */
#define HDR_MAX		8192		/* part headers, in all */

/* A parameter value as found: raw bytes (quotes included). */
struct span {
	const char	*s;
	size_t		 n;		/* raw length */
	size_t		 len;		/* decoded length */
	int		 set;
};

struct part {
	int		 disp;		/* Content-Disposition seen */
	int		 type;		/* Content-Type seen */
	struct span	 name;
	struct span	 filename;
	const char	*ctype;
	size_t		 ctypelen;
};

static int	hdr_disp(struct part *, const char *, size_t);
static int	hdr_type(struct part *, const char *, size_t);

static const struct {
	const char	*name;
	int		(*fn)(struct part *, const char *, size_t);
} hdrs[] = {
	{ "content-disposition", hdr_disp },
	{ "content-type", hdr_type },
};

static const struct {
	const char	*name;
	size_t		 off;
} dparams[] = {
	{ "name", offsetof(struct part, name) },
	{ "filename", offsetof(struct part, filename) },
};

static int
isows(char c)
{
	return c == ' ' || c == '\t';
}

static size_t
skipows(const char *s, size_t n, size_t i)
{
	while (i < n && isows(s[i]))
		i++;
	return i;
}

static size_t
token(const char *s, size_t n, size_t i)
{
	while (i < n && s[i] != ';' && s[i] != '=' && !isows(s[i]))
		i++;
	return i;
}

/*
 * A token or a quoted-string at s[0..n).  In a quoted string, \" and
 * \\ are escapes; any other backslash is itself (browsers send file
 * names with backslashes unescaped).
 */
static int
pval_scan(const char *s, size_t n, struct span *sp)
{
	size_t	 i, l = 0;

	if (n > 0 && s[0] == '"') {
		for (i = 1; i < n && s[i] != '"'; l++)
			i += s[i] == '\\' && i + 1 < n &&
			    (s[i + 1] == '"' || s[i + 1] == '\\') ? 2 : 1;
		if (i >= n)
			return -1;
		sp->n = i + 1;
	} else {
		for (i = 0; i < n && s[i] != ';' && !isows(s[i]); i++)
			continue;
		sp->n = l = i;
	}
	sp->s = s;
	sp->len = l;
	sp->set = 1;
	return 0;
}

/* Decode a span into at most cap bytes; return how many. */
static size_t
pval_copy(char *dst, size_t cap, const struct span *sp)
{
	size_t	 i, l = 0;

	if (sp->n == 0 || sp->s[0] != '"') {
		l = sp->n < cap ? sp->n : cap;
		memcpy(dst, sp->s, l);
		return l;
	}
	for (i = 1; i + 1 < sp->n && l < cap; l++) {
		if (sp->s[i] == '\\' && i + 2 < sp->n &&
		    (sp->s[i + 1] == '"' || sp->s[i + 1] == '\\'))
			i++;
		dst[l] = sp->s[i++];
	}
	return l;
}

static char *
pval_dup(struct arena *a, const struct span *sp)
{
	char	*p;

	p = arena_alloc(a, sp->len + 1);
	pval_copy(p, sp->len, sp);
	p[sp->len] = '\0';
	return p;
}

/*
 * The next "; name=value" parameter of a header value, from *ip.
 * Returns 1 with the parameter, 0 at the end, -1 if malformed.
 */
static int
param_next(const char *s, size_t n, size_t *ip, const char **name,
    size_t *namelen, struct span *val)
{
	size_t	 i = *ip, t;

	i = skipows(s, n, i);
	if (i == n)
		return 0;
	if (s[i] != ';')
		return -1;
	i = skipows(s, n, i + 1);
	if (i == n)
		return 0;		/* a trailing ';' is harmless */
	t = i;
	i = token(s, n, i);
	*name = s + t;
	*namelen = i - t;
	i = skipows(s, n, i);
	if (*namelen == 0 || i == n || s[i] != '=')
		return -1;
	i = skipows(s, n, i + 1);
	if (pval_scan(s + i, n - i, val) == -1)
		return -1;
	*ip = i + val->n;
	return 1;
}

static int
hdr_disp(struct part *p, const char *s, size_t n)
{
	const char	*pn;
	size_t		 i, k, pnl;
	struct span	 v, *dst;
	int		 rc;

	if (p->disp)
		return -1;
	p->disp = 1;
	i = token(s, n, 0);
	if (i != 9 || strncasecmp(s, "form-data", 9) != 0)
		return -1;
	while ((rc = param_next(s, n, &i, &pn, &pnl, &v)) == 1) {
		for (k = 0; k < sizeof(dparams) / sizeof(dparams[0]); k++) {
			if (strlen(dparams[k].name) != pnl ||
			    strncasecmp(dparams[k].name, pn, pnl) != 0)
				continue;
			dst = (struct span *)((char *)p + dparams[k].off);
			if (dst->set)
				return -1;
			*dst = v;
		}
	}
	return rc;
}

static int
hdr_type(struct part *p, const char *s, size_t n)
{
	if (p->type)
		return -1;
	p->type = 1;
	p->ctype = s;
	p->ctypelen = n;
	return 0;
}

/* Header lines h[0..n), each ending in CRLF but the last. */
static int
headers(struct part *p, const char *h, size_t n)
{
	const char	*line, *eol, *colon, *v;
	size_t		 ln, vn, k;

	memset(p, 0, sizeof(*p));
	for (line = h; n > 0; ) {
		eol = memmem(line, n, "\r\n", 2);
		ln = eol != NULL ? (size_t)(eol - line) : n;
		if (memchr(line, '\r', ln) != NULL ||
		    memchr(line, '\n', ln) != NULL ||
		    (colon = memchr(line, ':', ln)) == NULL ||
		    colon == line)
			return -1;
		for (v = line; v < colon; v++)
			if (isows(*v))
				return -1;	/* also refuses folding */
		v = colon + 1;
		vn = ln - (size_t)(v - line);
		while (vn > 0 && isows(*v)) {
			v++;
			vn--;
		}
		while (vn > 0 && isows(v[vn - 1]))
			vn--;
		for (k = 0; k < sizeof(hdrs) / sizeof(hdrs[0]); k++)
			if (strlen(hdrs[k].name) == (size_t)(colon - line) &&
			    strncasecmp(hdrs[k].name, line,
			    (size_t)(colon - line)) == 0 &&
			    hdrs[k].fn(p, v, vn) == -1)
				return -1;
		if (eol == NULL)
			break;
		line = eol + 2;
		n -= ln + 2;
	}
	return 0;
}

static int
bchar(unsigned char c)
{
	return isalnum(c) || (c != '\0' && strchr("'()+_,-./:=? ", c) != NULL);
}

char *
multipart_boundary(struct arena *a, const char *ctype)
{
	char		 buf[BOUNDARY_MAX + 1];
	const char	*pn;
	size_t		 n, i, t, pnl, bl = 0, k;
	struct span	 v;
	int		 rc;

	if (ctype == NULL)
		return NULL;
	n = strlen(ctype);
	t = skipows(ctype, n, 0);
	i = token(ctype, n, t);
	if (i - t != 19 ||
	    strncasecmp(ctype + t, "multipart/form-data", 19) != 0)
		return NULL;
	while ((rc = param_next(ctype, n, &i, &pn, &pnl, &v)) == 1) {
		if (pnl != 8 || strncasecmp(pn, "boundary", 8) != 0)
			continue;
		if (bl != 0 || v.len == 0 || v.len > BOUNDARY_MAX)
			return NULL;
		bl = pval_copy(buf, BOUNDARY_MAX, &v);
	}
	if (rc == -1 || bl == 0 || buf[bl - 1] == ' ')
		return NULL;
	for (k = 0; k < bl; k++)
		if (!bchar((unsigned char)buf[k]))
			return NULL;
	return arena_strndup(a, buf, bl);
}

/* Search s[0..n) for d, starting at most at max; *cut if bounded. */
static const char *
find(const char *s, size_t n, const char *d, size_t dn, size_t max,
    int *cut)
{
	size_t	 win = n;

	if (max < n && n - max > dn)
		win = max + dn;
	*cut = win < n;
	return memmem(s, win, d, dn);
}

int
multipart_parse(struct arena *a, const char *boundary, const char *body,
    size_t len, const struct parse_limits *lim, struct kvlist *out,
    struct perr_info *err)
{
	char		 delim[4 + BOUNDARY_MAX];
	char		 field[sizeof(err->field)];
	const char	*p, *he;
	size_t		 n0 = out->n, bl, dn, pos, hs, vs, vn, fl, max;
	struct part	 pt;
	struct kv	 kv;
	int		 cut;

	memset(err, 0, sizeof(*err));
	if (boundary == NULL || (bl = strlen(boundary)) == 0 ||
	    bl > BOUNDARY_MAX) {
		perr_set(err, PERR_BOUNDARY, "", 0, 0);
		goto fail;
	}
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, boundary, bl);
	dn = 4 + bl;

	/* The first delimiter may open the body, without its CRLF. */
	if (len >= dn - 2 && memcmp(body, delim + 2, dn - 2) == 0)
		pos = dn - 2;
	else if (len > 0 && (p = memmem(body, len, delim, dn)) != NULL)
		pos = (size_t)(p - body) + dn;
	else {
		perr_set(err, PERR_TRUNCATED, "", 0, len);
		goto fail;
	}

	for (;;) {
		/* pos is just past "--boundary". */
		if (len - pos >= 2 && memcmp(body + pos, "--", 2) == 0)
			return 0;		/* the epilogue is ignored */
		pos = skipows(body, len, pos);
		if (len - pos < 2) {
			perr_set(err, PERR_TRUNCATED, "", 0, len);
			goto fail;
		}
		if (memcmp(body + pos, "\r\n", 2) != 0) {
			perr_set(err, PERR_SYNTAX, "", 0, pos);
			goto fail;
		}

		/* Headers: from this CRLF to the blank line, bounded. */
		hs = pos;
		he = find(body + hs, len - hs, "\r\n\r\n", 4, HDR_MAX + 2,
		    &cut);
		if (he == NULL) {
			perr_set(err, cut ? PERR_SYNTAX : PERR_TRUNCATED,
			    "", 0, cut ? hs : len);
			goto fail;
		}
		if (he == body + hs)
			memset(&pt, 0, sizeof(pt));	/* no headers */
		else if (headers(&pt, body + hs + 2,
		    (size_t)(he - body) - hs - 2) == -1) {
			perr_set(err, PERR_SYNTAX, "", 0, hs);
			goto fail;
		}
		vs = (size_t)(he - body) + 4;

		if (!pt.disp || !pt.name.set || pt.name.len == 0) {
			perr_set(err, PERR_SYNTAX, "", 0, hs);
			goto fail;
		}
		fl = pval_copy(field, sizeof(field), &pt.name);
		if (memchr(pt.name.s, '\0', pt.name.n) != NULL) {
			perr_set(err, PERR_SYNTAX, "", 0, hs);
			goto fail;
		}
		if (out->n - n0 >= lim->max_fields) {
			perr_set(err, PERR_TOO_MANY, field, fl, hs);
			goto fail;
		}
		if (pt.name.len > lim->max_key) {
			perr_set(err, PERR_KEY_LONG, field, fl, hs);
			goto fail;
		}
		/* Read as a C string, "a.pdf\0.html" would be "a.pdf". */
		if (pt.filename.set &&
		    memchr(pt.filename.s, '\0', pt.filename.n) != NULL) {
			perr_set(err, PERR_SYNTAX, field, fl, hs);
			goto fail;
		}

		/* Content: up to the next delimiter, bounded. */
		max = pt.filename.set ? lim->max_file : lim->max_val;
		p = find(body + vs, len - vs, delim, dn, max, &cut);
		if (p == NULL) {
			if (cut)
				perr_set(err, pt.filename.set ?
				    PERR_FILE_LONG : PERR_VAL_LONG,
				    field, fl, vs);
			else
				perr_set(err, PERR_TRUNCATED, field, fl, len);
			goto fail;
		}
		vn = (size_t)(p - body) - vs;

		memset(&kv, 0, sizeof(kv));
		kv.key = pval_dup(a, &pt.name);
		kv.keylen = pt.name.len;
		kv.val = arena_strndup(a, body + vs, vn);
		kv.vallen = vn;
		if (pt.filename.set)
			kv.filename = pval_dup(a, &pt.filename);
		if (pt.type)
			kv.ctype = arena_strndup(a, pt.ctype, pt.ctypelen);
		kvlist_add(a, out, &kv);
		pos = (size_t)(p - body) + dn;
	}
fail:
	out->n = n0;
	return -1;
}
