/*
 * guard.c - guards: a tokenizer and a recursive-descent parser that
 * type-check an expression against a form and compile it into a small
 * array of nodes (guard_int.h); guard_eval.c evaluates it.
 *
 * The language is the grammar of guard.h, with these lexical rules:
 *   - a field is [A-Za-z_][A-Za-z0-9_.-]*; and, or, not, in, true and
 *     false are reserved; empty, count and has are functions only when
 *     "(" follows, so a field may still be called "count";
 *   - a string is 'quoted', '' is a quote inside it, bytes are taken
 *     as they are (NFC UTF-8, compared byte by byte);
 *   - a number is digits with an optional "-" glued to them and an
 *     optional fraction of at most 4 digits (a decimal, DEC_SCALE);
 *   - blanks are space, tab, CR and LF.
 * Types: a comparison needs one type on both sides, except that a
 * string literal beside a date becomes a date, and an integer literal
 * beside a decimal becomes a decimal.  Booleans take = and != only.
 * Checkbox and file fields appear only in has(), empty(), count().
 * Errors name the column in characters (UTF-8 code points) from 1 on
 * the guard's own line (lines inside the source are added to line).
 *
 * The compiled guard is one malloc'ed block: the nodes, the source and
 * the unescaped strings.  "a or b or c" becomes a right-leaning chain
 * that the evaluator walks in a loop; it recurses only into the left
 * operand, so its depth is bounded by the nesting of "(" and "not"
 * (GUARD_MAX_DEPTH).  Evaluation does not allocate.  A value whose
 * type is not its field's counts as absent.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/guard.h"
#include "core/guard_int.h"

#define GUARD_MAX_SRC	1000	/* bytes of source */
#define SHOW_MAX	40	/* bytes of source quoted in a message */

enum tok {
	T_END, T_ERR, T_IDENT, T_STR, T_INT, T_DEC, T_LP, T_RP, T_COMMA,
	T_EQ, T_NE, T_LT, T_LE, T_GT, T_GE,
	T_AND, T_OR, T_NOT, T_IN, T_TRUE, T_FALSE,
	T__MAX
};

/* Reserved words, in the order of their tokens from T_AND. */
static const char *const keywords[] = {
	"and", "or", "not", "in", "true", "false",
};

static const char *const rel_names[R__MAX] = {
	"=", "!=", "<", "<=", ">", ">=",
};

/* rel_true[rel][sign of l - r, plus one] */
const unsigned char rel_true[R__MAX][3] = {
	{ 0, 1, 0 },	/* = */
	{ 1, 0, 1 },	/* != */
	{ 1, 0, 0 },	/* < */
	{ 1, 1, 0 },	/* <= */
	{ 0, 0, 1 },	/* > */
	{ 0, 1, 1 },	/* >= */
};

/* The type of a term, named like the values it yields. */
static const char *const type_names[V__MAX] = {
	"nothing", "string", "integer", "decimal", "boolean", "date",
	"checkbox", "file",
};

/* What a field of each form type holds in a record. */
static const enum vtype ftype_vtype[FT__MAX] = {
	[FT_TEXT] = V_STR,	[FT_TEXTAREA] = V_STR,
	[FT_INTEGER] = V_INT,	[FT_DECIMAL] = V_DEC,
	[FT_DATE] = V_DATE,	[FT_SELECT] = V_STR,
	[FT_RADIO] = V_STR,	[FT_CHECKBOX] = V_LIST,
	[FT_BOOLEAN] = V_BOOL,	[FT_CCCD] = V_STR,
	[FT_PHONE] = V_STR,	[FT_EMAIL] = V_STR,
	[FT_UNIT] = V_STR,	[FT_FILE] = V_FILES,
};

struct token {
	enum tok	 t;
	size_t		 off, len;	/* in the source */
	int64_t		 i;		/* T_INT, T_DEC */
	const char	*s;		/* T_STR, unescaped, in the pool */
	size_t		 slen;
};

/* A parsed term and what its type check needs to know about it. */
struct term {
	size_t		 node;
	enum vtype	 type;
	size_t		 off, len;	/* its source */
	size_t		 field;		/* a bare field, or DEF_NONE */
	int		 strlit, intlit;
};

struct parser {
	const char	*src;
	size_t		 srclen, pos;
	const struct form *f;
	struct token	 tok;
	struct node	 nodes[GUARD_MAX_NODES];
	size_t		 nnodes;
	char		 pool[GUARD_MAX_SRC + 1];
	size_t		 npool;
	int		 depth;
	int		 failed;
	size_t		 erroff;
	char		 err[160];
};

static int	parse_or(struct parser *, size_t *);

/* ---- errors ------------------------------------------------------- */

static int
fail(struct parser *p, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Record the first error only; always -1. */
static int
fail(struct parser *p, size_t off, const char *fmt, ...)
{
	va_list	 ap;

	if (p->failed)
		return -1;
	p->failed = 1;
	p->erroff = off;
	va_start(ap, fmt);
	vsnprintf(p->err, sizeof(p->err), fmt, ap);
	va_end(ap);
	p->tok.t = T_ERR;
	return -1;
}

/* Bytes of s[0..len) to quote: at most SHOW_MAX, whole characters. */
static int
show(const char *s, size_t len)
{
	if (len <= SHOW_MAX)
		return (int)len;
	len = SHOW_MAX;
	while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
		len--;
	return (int)len;
}

/* ---- tokens ------------------------------------------------------- */

static int
is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int
is_ident(int c)
{
	return is_alpha(c) || is_digit(c) || c == '-' || c == '.';
}

static void
lex_number(struct parser *p, struct token *t)
{
	const char	*s = p->src;
	size_t		 i = t->off;
	uint64_t	 m = 0, lim = INT64_MAX;
	int		 neg = 0, d;

	if (s[i] == '-') {
		neg = 1;
		i++;
	}
	for (; is_digit(s[i]); i++) {
		d = s[i] - '0';
		if (m > (lim - (uint64_t)d) / 10) {
			fail(p, t->off, "number out of range");
			return;
		}
		m = m * 10 + (uint64_t)d;
	}
	t->t = T_INT;
	if (s[i] == '.') {
		i++;
		if (!is_digit(s[i])) {
			fail(p, t->off, "bad number");
			return;
		}
		if (m > lim / DEC_SCALE) {
			fail(p, t->off, "number out of range");
			return;
		}
		m *= DEC_SCALE;
		for (d = DEC_SCALE / 10; is_digit(s[i]); i++) {
			if (d == 0) {
				fail(p, t->off, "more than 4 decimal places");
				return;
			}
			m += (uint64_t)((s[i] - '0') * d);
			d /= 10;
		}
		if (m > lim) {
			fail(p, t->off, "number out of range");
			return;
		}
		t->t = T_DEC;
	}
	if (is_ident(s[i]) || s[i] == '\'') {
		fail(p, t->off, "bad number");
		return;
	}
	t->i = neg ? -(int64_t)m : (int64_t)m;
	t->len = i - t->off;
	p->pos = i;
}

static void
lex_string(struct parser *p, struct token *t)
{
	const char	*s = p->src;
	size_t		 i = t->off + 1;

	t->s = p->pool + p->npool;
	for (;;) {
		if (s[i] == '\0') {
			fail(p, t->off, "unterminated string");
			return;
		}
		if (s[i] == '\'') {
			if (s[i + 1] != '\'')
				break;
			i++;
		}
		p->pool[p->npool++] = s[i++];
	}
	t->slen = (size_t)(p->pool + p->npool - t->s);
	t->t = T_STR;
	t->len = i + 1 - t->off;
	p->pos = i + 1;
}

/* Two-character operators, then one-character ones. */
static const struct {
	const char	*text;
	enum tok	 t;
} puncts[] = {
	{ "!=", T_NE }, { "<=", T_LE }, { ">=", T_GE },
	{ "(", T_LP }, { ")", T_RP }, { ",", T_COMMA },
	{ "=", T_EQ }, { "<", T_LT }, { ">", T_GT },
};

/* Read the next token into p->tok. */
static void
advance(struct parser *p)
{
	struct token	*t = &p->tok;
	const char	*s = p->src;
	size_t		 i, k, n;
	unsigned char	 c;

	if (p->failed)
		return;
	while (is_blank(s[p->pos]))
		p->pos++;
	memset(t, 0, sizeof(*t));
	t->off = p->pos;
	c = (unsigned char)s[p->pos];
	if (c == '\0') {
		t->t = T_END;
		return;
	}
	if (is_digit(c) || (c == '-' && is_digit(s[p->pos + 1]))) {
		lex_number(p, t);
		return;
	}
	if (c == '\'') {
		lex_string(p, t);
		return;
	}
	if (is_alpha(c)) {
		for (i = p->pos; is_ident(s[i]); i++)
			continue;
		t->t = T_IDENT;
		t->len = i - p->pos;
		p->pos = i;
		for (k = 0; k < sizeof(keywords) / sizeof(keywords[0]); k++)
			if (strlen(keywords[k]) == t->len &&
			    memcmp(keywords[k], s + t->off, t->len) == 0)
				t->t = (enum tok)(T_AND + k);
		return;
	}
	if (c == '=' && s[p->pos + 1] == '=') {
		fail(p, t->off, "use = to compare, not ==");
		return;
	}
	for (k = 0; k < sizeof(puncts) / sizeof(puncts[0]); k++) {
		n = strlen(puncts[k].text);
		if (strncmp(s + p->pos, puncts[k].text, n) == 0) {
			t->t = puncts[k].t;
			t->len = n;
			p->pos += n;
			return;
		}
	}
	if (c >= 0x20 && c < 0x7f)
		fail(p, t->off, "unexpected character '%c'", c);
	else
		fail(p, t->off, "unexpected byte 0x%02x", c);
}

/* ---- nodes and types ---------------------------------------------- */

static int
new_node(struct parser *p, size_t off, enum nop op, size_t *idx)
{
	struct node	*n;

	if (p->failed)
		return -1;
	if (p->nnodes == GUARD_MAX_NODES)
		return fail(p, off, "more than %d nodes", GUARD_MAX_NODES);
	*idx = p->nnodes++;
	n = &p->nodes[*idx];
	memset(n, 0, sizeof(*n));
	n->op = op;
	n->field = DEF_NONE;
	return 0;
}

static const struct field *
term_field(const struct parser *p, const struct term *t)
{
	return t->field == DEF_NONE ? NULL : &p->f->fields[t->field];
}

/* A checkbox or file field outside has(), empty(), count(). */
static int
check_scalar(struct parser *p, const struct term *t)
{
	const struct field	*fd = term_field(p, t);

	if (t->type == V_LIST)
		return fail(p, t->off, "field %s (checkbox) only works in "
		    "has(), empty() and count()", fd->id);
	if (t->type == V_FILES)
		return fail(p, t->off, "field %s (file) only works in "
		    "empty() and count()", fd->id);
	return 0;
}

/* A string literal s must be an option of field fd. */
static int
check_option(struct parser *p, const struct field *fd, size_t off,
    size_t len, const char *s, size_t slen)
{
	size_t	 k;

	for (k = 0; k < fd->noptions; k++)
		if (fd->options[k].value != NULL &&
		    strlen(fd->options[k].value) == slen &&
		    memcmp(fd->options[k].value, s, slen) == 0)
			return 0;
	return fail(p, off, "%.*s is not an option of field %s",
	    show(p->src + off, len), p->src + off, fd->id);
}

static int
to_date(struct parser *p, struct term *t)
{
	struct node	*n = &p->nodes[t->node];
	int64_t		 days;

	if (date_parse(n->s, n->len, &days) != 0)
		return fail(p, t->off, "%.*s is not a date (YYYY-MM-DD)",
		    show(p->src + t->off, t->len), p->src + t->off);
	n->vt = V_DATE;
	n->i = days;
	n->s = NULL;
	n->len = 0;
	t->type = V_DATE;
	t->strlit = 0;
	return 0;
}

static int
to_decimal(struct parser *p, struct term *t)
{
	struct node	*n = &p->nodes[t->node];

	if (n->i > INT64_MAX / DEC_SCALE || n->i < INT64_MIN / DEC_SCALE)
		return fail(p, t->off, "number out of range");
	n->vt = V_DEC;
	n->i *= DEC_SCALE;
	t->type = V_DEC;
	t->intlit = 0;
	return 0;
}

/*
 * Make l and r comparable with rel (at off), converting literals; with
 * lfixed, only r may be converted (l is the left side of "in").
 */
static int
unify(struct parser *p, struct term *l, struct term *r, enum rel rel,
    size_t off, int lfixed)
{
	const struct field	*fd;

	if (check_scalar(p, l) == -1 || check_scalar(p, r) == -1)
		return -1;
	if (l->type == V_DATE && r->strlit && to_date(p, r) == -1)
		return -1;
	if (!lfixed && r->type == V_DATE && l->strlit && to_date(p, l) == -1)
		return -1;
	if (l->type == V_DEC && r->intlit && to_decimal(p, r) == -1)
		return -1;
	if (!lfixed && r->type == V_DEC && l->intlit &&
	    to_decimal(p, l) == -1)
		return -1;
	if (l->type != r->type)
		return fail(p, off, "cannot compare %s with %s",
		    type_names[l->type], type_names[r->type]);
	if (l->type == V_BOOL && rel != R_EQ && rel != R_NE)
		return fail(p, off, "cannot use %s on booleans",
		    rel_names[rel]);
	if (r->strlit && (fd = term_field(p, l)) != NULL &&
	    fd->noptions > 0 && check_option(p, fd, r->off, r->len,
	    p->nodes[r->node].s, p->nodes[r->node].len) == -1)
		return -1;
	if (l->strlit && (fd = term_field(p, r)) != NULL &&
	    fd->noptions > 0 && check_option(p, fd, l->off, l->len,
	    p->nodes[l->node].s, p->nodes[l->node].len) == -1)
		return -1;
	return 0;
}

/* ---- the parser --------------------------------------------------- */

static int
expect(struct parser *p, enum tok t, const char *what)
{
	if (p->tok.t != t)
		return fail(p, p->tok.off, "expected %s", what);
	advance(p);
	return p->failed ? -1 : 0;
}

/* The field named by the current token, which must be one. */
static int
field_ref(struct parser *p, size_t *field)
{
	const struct token	*t = &p->tok;
	size_t			 k;

	if (t->t != T_IDENT)
		return fail(p, t->off, "expected a field name");
	for (k = 0; p->f != NULL && k < p->f->nfields; k++)
		if (p->f->fields[k].id != NULL &&
		    strlen(p->f->fields[k].id) == t->len &&
		    memcmp(p->f->fields[k].id, p->src + t->off, t->len) == 0)
			break;
	if (p->f == NULL || k == p->f->nfields)
		return fail(p, t->off, "unknown field \"%.*s\"",
		    show(p->src + t->off, t->len), p->src + t->off);
	if ((unsigned)p->f->fields[k].type >= FT__MAX)
		return fail(p, t->off, "field %s has no known type",
		    p->f->fields[k].id);
	*field = k;
	return 0;
}

static int
parse_literal(struct parser *p, struct term *t)
{
	const struct token	*k = &p->tok;
	struct node		*n;

	if (new_node(p, k->off, N_LIT, &t->node) == -1)
		return -1;
	n = &p->nodes[t->node];
	switch (k->t) {
	case T_STR:
		n->vt = V_STR;
		n->s = k->s;
		n->len = k->slen;
		t->strlit = 1;
		break;
	case T_INT:
		n->vt = V_INT;
		n->i = k->i;
		t->intlit = 1;
		break;
	case T_DEC:
		n->vt = V_DEC;
		n->i = k->i;
		break;
	case T_TRUE:
	case T_FALSE:
		n->vt = V_BOOL;
		n->i = k->t == T_TRUE;
		break;
	default:
		abort();
	}
	t->type = n->vt;
	advance(p);
	return p->failed ? -1 : 0;
}

/* empty(F), count(F), has(F, 'x'); the current token is the name. */
static int
parse_call(struct parser *p, struct term *t, enum nop op)
{
	const struct field	*fd;
	struct node		*n;
	size_t			 field, off;

	advance(p);
	if (expect(p, T_LP, "'('") == -1)
		return -1;
	off = p->tok.off;
	if (field_ref(p, &field) == -1)
		return -1;
	fd = &p->f->fields[field];
	if (op == N_COUNT && ftype_vtype[fd->type] != V_LIST &&
	    ftype_vtype[fd->type] != V_FILES)
		return fail(p, off, "count() takes a checkbox or file field");
	if (op == N_HAS && ftype_vtype[fd->type] != V_LIST)
		return fail(p, off, "has() takes a checkbox field");
	if (new_node(p, t->off, op, &t->node) == -1)
		return -1;
	n = &p->nodes[t->node];
	n->field = field;
	n->vt = ftype_vtype[fd->type];
	advance(p);
	if (op == N_HAS) {
		if (expect(p, T_COMMA, "','") == -1)
			return -1;
		if (p->tok.t != T_STR)
			return fail(p, p->tok.off, "expected a string");
		if (check_option(p, fd, p->tok.off, p->tok.len, p->tok.s,
		    p->tok.slen) == -1)
			return -1;
		n->s = p->tok.s;
		n->len = p->tok.slen;
		advance(p);
	}
	if (expect(p, T_RP, "')'") == -1)
		return -1;
	t->type = op == N_COUNT ? V_INT : V_BOOL;
	return 0;
}

static const struct {
	const char	*name;
	enum nop	 op;
} calls[] = {
	{ "empty", N_EMPTY }, { "count", N_COUNT }, { "has", N_HAS },
};

/* The function named by the current token, if "(" follows; else N__MAX. */
static enum nop
call_op(const struct parser *p)
{
	const struct token	*t = &p->tok;
	size_t			 i, k;

	for (i = t->off + t->len; is_blank(p->src[i]); i++)
		continue;
	if (p->src[i] != '(')
		return N__MAX;
	for (k = 0; k < sizeof(calls) / sizeof(calls[0]); k++)
		if (strlen(calls[k].name) == t->len &&
		    memcmp(calls[k].name, p->src + t->off, t->len) == 0)
			return calls[k].op;
	return N__MAX;
}

/* term; what names the expected thing in an error. */
static int
parse_term(struct parser *p, struct term *t, const char *what)
{
	struct node	*n;
	size_t		 field;
	enum nop	 op;

	memset(t, 0, sizeof(*t));
	t->field = DEF_NONE;
	t->off = p->tok.off;
	switch (p->tok.t) {
	case T_LP:
		if (++p->depth > GUARD_MAX_DEPTH)
			return fail(p, p->tok.off, "nesting deeper than %d",
			    GUARD_MAX_DEPTH);
		advance(p);
		if (parse_or(p, &t->node) == -1 ||
		    expect(p, T_RP, "')'") == -1)
			return -1;
		p->depth--;
		t->type = V_BOOL;
		break;
	case T_STR:
	case T_INT:
	case T_DEC:
	case T_TRUE:
	case T_FALSE:
		if (parse_literal(p, t) == -1)
			return -1;
		break;
	case T_IDENT:
		if ((op = call_op(p)) != N__MAX) {
			if (parse_call(p, t, op) == -1)
				return -1;
			break;
		}
		if (field_ref(p, &field) == -1 ||
		    new_node(p, t->off, N_FIELD, &t->node) == -1)
			return -1;
		n = &p->nodes[t->node];
		n->field = field;
		n->vt = ftype_vtype[p->f->fields[field].type];
		t->field = field;
		t->type = n->vt;
		advance(p);
		break;
	default:
		return fail(p, p->tok.off, "expected %s", what);
	}
	t->len = p->tok.off - t->off;
	while (t->len > 0 && is_blank(p->src[t->off + t->len - 1]))
		t->len--;
	return p->failed ? -1 : 0;
}

/* l "in" "(" literal ("," literal)* ")"; the current token is "in". */
static int
parse_in(struct parser *p, struct term *l, size_t *out)
{
	struct term	 r;
	size_t		 in = 0, off = p->tok.off;
	struct node	*n;

	if (check_scalar(p, l) == -1 || new_node(p, off, N_IN, &in) == -1)
		return -1;
	advance(p);
	if (expect(p, T_LP, "'('") == -1)
		return -1;
	p->nodes[in].a = (uint16_t)l->node;
	p->nodes[in].b = (uint16_t)p->nnodes;
	for (;;) {
		memset(&r, 0, sizeof(r));
		r.field = DEF_NONE;
		r.off = p->tok.off;
		r.len = p->tok.len;
		switch (p->tok.t) {
		case T_STR:
		case T_INT:
		case T_DEC:
		case T_TRUE:
		case T_FALSE:
			break;
		default:
			return fail(p, p->tok.off, "expected a literal");
		}
		if (parse_literal(p, &r) == -1 ||
		    unify(p, l, &r, R_EQ, r.off, 1) == -1)
			return -1;
		p->nodes[in].n++;
		if (p->tok.t == T_RP)
			break;
		if (expect(p, T_COMMA, "',' or ')'") == -1)
			return -1;
	}
	advance(p);
	n = &p->nodes[in];
	n->vt = (uint8_t)l->type;
	*out = in;
	return p->failed ? -1 : 0;
}

static int
parse_cmp(struct parser *p, size_t *out)
{
	struct term	 l, r;
	const struct field *fd;
	struct node	*n;
	enum rel	 rel;
	size_t		 off, idx = 0;

	if (parse_term(p, &l, "a condition") == -1)
		return -1;
	if (p->tok.t == T_IN)
		return parse_in(p, &l, out);
	if (p->tok.t < T_EQ || p->tok.t > T_GE) {
		if (l.type == V_BOOL) {
			*out = l.node;
			return 0;
		}
		if (check_scalar(p, &l) == -1)
			return -1;
		if ((fd = term_field(p, &l)) != NULL)
			return fail(p, l.off, "field %s (%s) is not a condition",
			    fd->id, type_names[l.type]);
		return fail(p, l.off, "%s is not a condition",
		    type_names[l.type]);
	}
	rel = (enum rel)(p->tok.t - T_EQ);
	off = p->tok.off;
	advance(p);
	if (parse_term(p, &r, "a value") == -1 ||
	    unify(p, &l, &r, rel, off, 0) == -1 ||
	    new_node(p, off, N_CMP, &idx) == -1)
		return -1;
	n = &p->nodes[idx];
	n->rel = (uint8_t)rel;
	n->vt = (uint8_t)l.type;
	n->a = (uint16_t)l.node;
	n->b = (uint16_t)r.node;
	*out = idx;
	return 0;
}

static int
parse_unary(struct parser *p, size_t *out)
{
	size_t	 off, idx;

	if (p->tok.t != T_NOT)
		return parse_cmp(p, out);
	off = p->tok.off;
	if (++p->depth > GUARD_MAX_DEPTH)
		return fail(p, off, "nesting deeper than %d", GUARD_MAX_DEPTH);
	advance(p);
	if (parse_unary(p, &idx) == -1 ||
	    new_node(p, off, N_NOT, out) == -1)
		return -1;
	p->nodes[*out].a = (uint16_t)idx;
	p->depth--;
	return 0;
}

/*
 * A chain "x op y op z" of one operator as op(x, op(y, z)): the same
 * order of evaluation, and the evaluator loops over the right side.
 */
static int
parse_chain(struct parser *p, enum tok t, enum nop op,
    int (*sub)(struct parser *, size_t *), size_t *out)
{
	size_t	 root, last = DEF_NONE, r, idx = 0, off;

	if (sub(p, &root) == -1)
		return -1;
	while (p->tok.t == t) {
		off = p->tok.off;
		advance(p);
		if (sub(p, &r) == -1 || new_node(p, off, op, &idx) == -1)
			return -1;
		if (last == DEF_NONE) {
			p->nodes[idx].a = (uint16_t)root;
			root = idx;
		} else {
			p->nodes[idx].a = p->nodes[last].b;
			p->nodes[last].b = (uint16_t)idx;
		}
		p->nodes[idx].b = (uint16_t)r;
		last = idx;
	}
	*out = root;
	return 0;
}

static int
parse_and(struct parser *p, size_t *out)
{
	return parse_chain(p, T_AND, N_AND, parse_unary, out);
}

static int
parse_or(struct parser *p, size_t *out)
{
	return parse_chain(p, T_OR, N_OR, parse_and, out);
}

/* ---- compiling ---------------------------------------------------- */

static void
report(const struct parser *p, const char *file, int line, struct diags *d)
{
	size_t	 i;
	int	 col = 1;

	for (i = 0; i < p->erroff && p->src[i] != '\0'; i++) {
		if (p->src[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)p->src[i] & 0xc0) != 0x80)
			col++;
	}
	diags_add(d, file, line, "guard: %s at column %d", p->err, col);
}

struct guard *
guard_compile(const char *src, const struct form *f, const char *file,
    int line, struct diags *d)
{
	struct parser	*p;
	struct guard	*g = NULL;
	char		*text, *pool;
	size_t		 i, root = 0, k;

	if ((p = calloc(1, sizeof(*p))) == NULL) {
		diags_add(d, file, line, "guard: out of memory");
		return NULL;
	}
	p->src = src == NULL ? "" : src;
	p->f = f;
	p->srclen = strnlen(p->src, GUARD_MAX_SRC + 1);
	for (i = 0; is_blank(p->src[i]); i++)
		continue;
	if (p->srclen > GUARD_MAX_SRC)
		fail(p, GUARD_MAX_SRC, "longer than %d bytes", GUARD_MAX_SRC);
	else if (p->src[i] == '\0')
		fail(p, i, "empty guard");
	else {
		advance(p);
		if (parse_or(p, &root) == 0 && p->tok.t != T_END)
			fail(p, p->tok.off, "unexpected %s%.*s%s",
			    p->tok.t == T_STR ? "" : "\"",
			    show(p->src + p->tok.off, p->tok.len),
			    p->src + p->tok.off,
			    p->tok.t == T_STR ? "" : "\"");
	}
	if (p->failed) {
		report(p, file, line, d);
		goto out;
	}
	g = malloc(sizeof(*g) + p->nnodes * sizeof(struct node) +
	    p->srclen + 1 + p->npool + 1);
	if (g == NULL) {
		diags_add(d, file, line, "guard: out of memory");
		goto out;
	}
	g->root = root;
	g->nnodes = p->nnodes;
	memcpy(g->nodes, p->nodes, p->nnodes * sizeof(struct node));
	text = (char *)&g->nodes[p->nnodes];
	memcpy(text, p->src, p->srclen + 1);
	g->src = text;
	pool = text + p->srclen + 1;
	memcpy(pool, p->pool, p->npool);
	pool[p->npool] = '\0';
	for (k = 0; k < g->nnodes; k++)
		if (g->nodes[k].s != NULL)
			g->nodes[k].s = pool + (g->nodes[k].s - p->pool);
out:
	free(p);
	return g;
}

void
guard_free(struct guard *g)
{
	free(g);
}

const char *
guard_source(const struct guard *g)
{
	return g == NULL ? "" : g->src;
}
