/*
 * guard.h - the small, safe expression language of guards and
 * conditional rules, over a form's fields.
 *
 *   expr    := or
 *   or      := and ("or" and)*
 *   and     := unary ("and" unary)*
 *   unary   := "not" unary | cmp
 *   cmp     := term (("=" | "!=" | "<" | "<=" | ">" | ">=") term)?
 *            | term "in" "(" literal ("," literal)* ")"
 *   term    := FIELD | literal | "(" expr ")"
 *            | "empty" "(" FIELD ")" | "count" "(" FIELD ")"
 *            | "has" "(" FIELD "," STRING ")"
 *   literal := 'string' | INTEGER | DECIMAL | true | false
 *
 * A guard is parsed once, at load, and type-checked against the form:
 * fields must exist, both sides of a comparison must have one type, a
 * string compared with a select, radio or checkbox field must be one
 * of its options, a date field compares with a 'YYYY-MM-DD' string.
 * Nesting is bounded; evaluation has no loops and no side effects.
 */
#ifndef MOTCUA_GUARD_H
#define MOTCUA_GUARD_H

#include <stddef.h>

#include "core/def.h"
#include "core/value.h"

#define GUARD_MAX_DEPTH	32
#define GUARD_MAX_NODES	256

/*
 * Compile src for form f.  Returns the guard, or NULL after adding a
 * diagnostic (file, line, "guard: ..." with the column) to d.
 */
struct guard	*guard_compile(const char *src, const struct form *f,
		    const char *file, int line, struct diags *d);
void		 guard_free(struct guard *);

/* 1 true, 0 false, over a record indexed like f->fields. */
int		 guard_eval(const struct guard *, const struct value *rec);

/* The source text, for messages. */
const char	*guard_source(const struct guard *);

#endif
