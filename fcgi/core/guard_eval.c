/*
 * guard_eval.c - evaluating a compiled guard (guard_int.h) over a
 * record.  No allocation; recursion only into left operands, bounded
 * by the nesting the compiler allowed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/guard.h"
#include "core/guard_int.h"

/* rel_true[rel][sign of l - r, plus one] */
static const unsigned char rel_true[R__MAX][3] = {
	{ 0, 1, 0 },	/* = */
	{ 1, 0, 1 },	/* != */
	{ 1, 0, 0 },	/* < */
	{ 1, 1, 0 },	/* <= */
	{ 0, 0, 1 },	/* > */
	{ 0, 1, 1 },	/* >= */
};

/* ---- evaluating --------------------------------------------------- */

/* An operand of a comparison; 0 if absent. */
struct val {
	int64_t		 i;
	const char	*s;
	size_t		 len;
};

static int	eval(const struct node *, size_t, const struct value *);

static inline const struct value *
field_value(const struct node *n, const struct value *rec)
{
	if (rec == NULL || rec[n->field].type != n->vt)
		return NULL;
	return &rec[n->field];
}

static inline int64_t
count(const struct node *n, const struct value *rec)
{
	const struct value	*v;

	if ((v = field_value(n, rec)) == NULL)
		return 0;
	return v->type == V_LIST ? (int64_t)v->len : v->i;
}

static inline int
load(const struct node *nodes, size_t i, const struct value *rec,
    struct val *out)
{
	const struct node	*n = &nodes[i];
	const struct value	*v;

	out->s = NULL;
	out->len = 0;
	switch (n->op) {
	case N_LIT:
		out->i = n->i;
		out->s = n->s;
		out->len = n->len;
		return 1;
	case N_FIELD:
		if ((v = field_value(n, rec)) == NULL)
			return 0;
		out->i = v->i;
		out->s = v->s;
		out->len = v->len;
		return 1;
	case N_COUNT:
		out->i = count(n, rec);
		return 1;
	default:
		out->i = eval(nodes, i, rec);
		return 1;
	}
}

/* Sign of l - r: strings by bytes, the rest as integers. */
static inline int
compare(enum vtype vt, const struct val *l, const struct val *r)
{
	size_t	 n;
	int	 c;

	if (vt != V_STR)
		return (l->i > r->i) - (l->i < r->i);
	n = l->len < r->len ? l->len : r->len;
	if (n > 0 && (c = memcmp(l->s, r->s, n)) != 0)
		return (c > 0) - (c < 0);
	return (l->len > r->len) - (l->len < r->len);
}

static int
has(const struct node *n, const struct value *rec)
{
	const struct value	*v;
	size_t			 k;

	if ((v = field_value(n, rec)) == NULL)
		return 0;
	for (k = 0; k < v->len; k++)
		if (v->list[k] != NULL &&
		    strncmp(v->list[k], n->s, n->len) == 0 &&
		    v->list[k][n->len] == '\0')
			return 1;
	return 0;
}

static int
empty(const struct node *n, const struct value *rec)
{
	const struct value	*v;

	if ((v = field_value(n, rec)) == NULL)
		return 1;
	switch (v->type) {
	case V_STR:
	case V_LIST:
		return v->len == 0;
	case V_FILES:
		return v->i == 0;
	default:
		return 0;
	}
}

static int
eval(const struct node *nodes, size_t i, const struct value *rec)
{
	const struct node	*n;
	const struct value	*v;
	struct val		 l, r;
	size_t			 k;

	for (;;) {
		n = &nodes[i];
		switch (n->op) {
		case N_AND:
			if (!eval(nodes, n->a, rec))
				return 0;
			i = n->b;
			continue;
		case N_OR:
			if (eval(nodes, n->a, rec))
				return 1;
			i = n->b;
			continue;
		case N_NOT:
			return !eval(nodes, n->a, rec);
		case N_LIT:
			return n->i != 0;
		case N_FIELD:
			return (v = field_value(n, rec)) != NULL && v->i != 0;
		case N_EMPTY:
			return empty(n, rec);
		case N_HAS:
			return has(n, rec);
		case N_CMP:
			if (!load(nodes, n->a, rec, &l) ||
			    !load(nodes, n->b, rec, &r))
				return n->rel == R_NE;
			return rel_true[n->rel][compare(n->vt, &l, &r) + 1];
		case N_IN:
			if (!load(nodes, n->a, rec, &l))
				return 0;
			for (k = n->b; k < (size_t)n->b + n->n; k++) {
				r.i = nodes[k].i;
				r.s = nodes[k].s;
				r.len = nodes[k].len;
				if (compare(n->vt, &l, &r) == 0)
					return 1;
			}
			return 0;
		default:
			abort();
		}
	}
}

int
guard_eval(const struct guard *g, const struct value *rec)
{
	if (g == NULL)
		return 1;
	return eval(g->nodes, g->root, rec);
}
