/*
 * guard_parse.c - the recursive-descent parser of guard.h's grammar:
 * reads tokens (guard_lex.c), checks each term's type as it goes
 * (guard_type.c) and appends the nodes of the tree to the parser's
 * array, at most GUARD_MAX_NODES, nested at most GUARD_MAX_DEPTH.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/guard_int.h"

/* ---- nodes -------------------------------------------------------- */

static int
new_node(struct parser *p, size_t off, enum nop op, size_t *idx)
{
	struct node	*n;

	if (p->failed)
		return -1;
	if (p->nnodes == GUARD_MAX_NODES)
		return guard_fail(p, off, "more than %d nodes", GUARD_MAX_NODES);
	*idx = p->nnodes++;
	n = &p->nodes[*idx];
	memset(n, 0, sizeof(*n));
	n->op = op;
	n->field = DEF_NONE;
	return 0;
}

/* ---- the parser --------------------------------------------------- */

static int
expect(struct parser *p, enum tok t, const char *what)
{
	if (p->tok.t != t)
		return guard_fail(p, p->tok.off, "expected %s", what);
	guard_next(p);
	return p->failed ? -1 : 0;
}

/* The field named by the current token, which must be one. */
static int
field_ref(struct parser *p, size_t *field)
{
	const struct token	*t = &p->tok;
	size_t			 k;

	if (t->t != T_IDENT)
		return guard_fail(p, t->off, "expected a field name");
	for (k = 0; p->f != NULL && k < p->f->nfields; k++)
		if (p->f->fields[k].id != NULL &&
		    strlen(p->f->fields[k].id) == t->len &&
		    memcmp(p->f->fields[k].id, p->src + t->off, t->len) == 0)
			break;
	if (p->f == NULL || k == p->f->nfields)
		return guard_fail(p, t->off, "unknown field \"%.*s\"",
		    guard_show(p->src + t->off, t->len), p->src + t->off);
	if ((unsigned)p->f->fields[k].type >= FT__MAX)
		return guard_fail(p, t->off, "field %s has no known type",
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
	guard_next(p);
	return p->failed ? -1 : 0;
}

/* empty(F), count(F), has(F, 'x'); the current token is the name. */
static int
parse_call(struct parser *p, struct term *t, enum nop op)
{
	const struct field	*fd;
	struct node		*n;
	size_t			 field, off;

	guard_next(p);
	if (expect(p, T_LP, "'('") == -1)
		return -1;
	off = p->tok.off;
	if (field_ref(p, &field) == -1)
		return -1;
	fd = &p->f->fields[field];
	if (op == N_COUNT && guard_vtypes[fd->type] != V_LIST &&
	    guard_vtypes[fd->type] != V_FILES)
		return guard_fail(p, off, "count() takes a checkbox or file field");
	if (op == N_HAS && guard_vtypes[fd->type] != V_LIST)
		return guard_fail(p, off, "has() takes a checkbox field");
	if (new_node(p, t->off, op, &t->node) == -1)
		return -1;
	n = &p->nodes[t->node];
	n->field = field;
	n->vt = guard_vtypes[fd->type];
	guard_next(p);
	if (op == N_HAS) {
		if (expect(p, T_COMMA, "','") == -1)
			return -1;
		if (p->tok.t != T_STR)
			return guard_fail(p, p->tok.off, "expected a string");
		if (guard_option(p, fd, p->tok.off, p->tok.len, p->tok.s,
		    p->tok.slen) == -1)
			return -1;
		n->s = p->tok.s;
		n->len = p->tok.slen;
		guard_next(p);
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

	for (i = t->off + t->len; guard_blank(p->src[i]); i++)
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
			return guard_fail(p, p->tok.off, "nesting deeper than %d",
			    GUARD_MAX_DEPTH);
		guard_next(p);
		if (guard_parse_or(p, &t->node) == -1 ||
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
		n->vt = guard_vtypes[p->f->fields[field].type];
		t->field = field;
		t->type = n->vt;
		guard_next(p);
		break;
	default:
		return guard_fail(p, p->tok.off, "expected %s", what);
	}
	t->len = p->tok.off - t->off;
	while (t->len > 0 && guard_blank(p->src[t->off + t->len - 1]))
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

	if (guard_scalar(p, l) == -1 || new_node(p, off, N_IN, &in) == -1)
		return -1;
	guard_next(p);
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
			return guard_fail(p, p->tok.off, "expected a literal");
		}
		if (parse_literal(p, &r) == -1 ||
		    guard_unify(p, l, &r, R_EQ, r.off, 1) == -1)
			return -1;
		p->nodes[in].n++;
		if (p->tok.t == T_RP)
			break;
		if (expect(p, T_COMMA, "',' or ')'") == -1)
			return -1;
	}
	guard_next(p);
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
		if (guard_scalar(p, &l) == -1)
			return -1;
		if ((fd = guard_term_field(p, &l)) != NULL)
			return guard_fail(p, l.off, "field %s (%s) is not a condition",
			    fd->id, guard_type_names[l.type]);
		return guard_fail(p, l.off, "%s is not a condition",
		    guard_type_names[l.type]);
	}
	rel = (enum rel)(p->tok.t - T_EQ);
	off = p->tok.off;
	guard_next(p);
	if (parse_term(p, &r, "a value") == -1 ||
	    guard_unify(p, &l, &r, rel, off, 0) == -1 ||
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
		return guard_fail(p, off, "nesting deeper than %d", GUARD_MAX_DEPTH);
	guard_next(p);
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
		guard_next(p);
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

int
guard_parse_or(struct parser *p, size_t *out)
{
	return parse_chain(p, T_OR, N_OR, parse_and, out);
}
