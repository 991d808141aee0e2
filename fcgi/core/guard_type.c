/*
 * guard_type.c - the type check of a guard's terms against the form.
 * A comparison needs one type on both sides, except that a string
 * literal beside a date becomes a date, and an integer literal beside a
 * decimal becomes a decimal.  Booleans take = and != only.  Checkbox
 * and file fields appear only in has(), empty(), count().  A string
 * compared with a field that has options must be one of them.
 */
#include <stdint.h>
#include <string.h>

#include "core/guard_int.h"

static const char *const rel_names[R__MAX] = {
	"=", "!=", "<", "<=", ">", ">=",
};

/* The type of a term, named like the values it yields. */
const char *const guard_type_names[V__MAX] = {
	"nothing", "string", "integer", "decimal", "boolean", "date",
	"checkbox", "file",
};

/* What a field of each form type holds in a record. */
const enum vtype guard_vtypes[FT__MAX] = {
	[FT_TEXT] = V_STR,	[FT_TEXTAREA] = V_STR,
	[FT_INTEGER] = V_INT,	[FT_DECIMAL] = V_DEC,
	[FT_DATE] = V_DATE,	[FT_SELECT] = V_STR,
	[FT_RADIO] = V_STR,	[FT_CHECKBOX] = V_LIST,
	[FT_BOOLEAN] = V_BOOL,	[FT_CCCD] = V_STR,
	[FT_PHONE] = V_STR,	[FT_EMAIL] = V_STR,
	[FT_UNIT] = V_STR,	[FT_FILE] = V_FILES,
};

const struct field *
guard_term_field(const struct parser *p, const struct term *t)
{
	return t->field == DEF_NONE ? NULL : &p->f->fields[t->field];
}

/* A checkbox or file field outside has(), empty(), count(). */
int
guard_scalar(struct parser *p, const struct term *t)
{
	const struct field	*fd = guard_term_field(p, t);

	if (t->type == V_LIST)
		return guard_fail(p, t->off, "field %s (checkbox) only works in "
		    "has(), empty() and count()", fd->id);
	if (t->type == V_FILES)
		return guard_fail(p, t->off, "field %s (file) only works in "
		    "empty() and count()", fd->id);
	return 0;
}

/* A string literal s must be an option of field fd. */
int
guard_option(struct parser *p, const struct field *fd, size_t off,
    size_t len, const char *s, size_t slen)
{
	size_t	 k;

	for (k = 0; k < fd->noptions; k++)
		if (fd->options[k].value != NULL &&
		    strlen(fd->options[k].value) == slen &&
		    memcmp(fd->options[k].value, s, slen) == 0)
			return 0;
	return guard_fail(p, off, "%.*s is not an option of field %s",
	    guard_show(p->src + off, len), p->src + off, fd->id);
}

static int
to_date(struct parser *p, struct term *t)
{
	struct node	*n = &p->nodes[t->node];
	int64_t		 days;

	if (date_parse(n->s, n->len, &days) != 0)
		return guard_fail(p, t->off, "%.*s is not a date (YYYY-MM-DD)",
		    guard_show(p->src + t->off, t->len), p->src + t->off);
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
		return guard_fail(p, t->off, "number out of range");
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
int
guard_unify(struct parser *p, struct term *l, struct term *r, enum rel rel,
    size_t off, int lfixed)
{
	const struct field	*fd;

	if (guard_scalar(p, l) == -1 || guard_scalar(p, r) == -1)
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
		return guard_fail(p, off, "cannot compare %s with %s",
		    guard_type_names[l->type], guard_type_names[r->type]);
	if (l->type == V_BOOL && rel != R_EQ && rel != R_NE)
		return guard_fail(p, off, "cannot use %s on booleans",
		    rel_names[rel]);
	if (r->strlit && (fd = guard_term_field(p, l)) != NULL &&
	    fd->noptions > 0 && guard_option(p, fd, r->off, r->len,
	    p->nodes[r->node].s, p->nodes[r->node].len) == -1)
		return -1;
	if (l->strlit && (fd = guard_term_field(p, r)) != NULL &&
	    fd->noptions > 0 && guard_option(p, fd, l->off, l->len,
	    p->nodes[l->node].s, p->nodes[l->node].len) == -1)
		return -1;
	return 0;
}
