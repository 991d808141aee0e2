/*
 * guard.c - guard_compile(): a guard's source -> one malloc'ed block
 * holding the nodes, the source and the unescaped strings (guard_int.h);
 * guard_eval.c evaluates it.  The language is the grammar of guard.h.
 * The compiler is four files, each calling only those after it:
 *   guard.c        compiling: the bounds, the block, the error report;
 *   guard_parse.c  the recursive-descent parser building the nodes;
 *   guard_type.c   the type check of terms against the form;
 *   guard_lex.c    errors (the first one kept) and tokens.
 *
 * Errors name the column in characters (UTF-8 code points) from 1 on
 * the guard's own line (lines inside the source are added to line).
 * "a or b or c" becomes a right-leaning chain that the evaluator walks
 * in a loop; it recurses only into the left operand, so its depth is
 * bounded by the nesting of "(" and "not" (GUARD_MAX_DEPTH).
 * Evaluation does not allocate.  A value whose type is not its field's
 * counts as absent.
 */
#include <stdlib.h>
#include <string.h>

#include "core/guard.h"
#include "core/guard_int.h"

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
	for (i = 0; guard_blank(p->src[i]); i++)
		continue;
	if (p->srclen > GUARD_MAX_SRC)
		guard_fail(p, GUARD_MAX_SRC, "longer than %d bytes", GUARD_MAX_SRC);
	else if (p->src[i] == '\0')
		guard_fail(p, i, "empty guard");
	else {
		guard_next(p);
		if (guard_parse_or(p, &root) == 0 && p->tok.t != T_END)
			guard_fail(p, p->tok.off, "unexpected %s%.*s%s",
			    p->tok.t == T_STR ? "" : "\"",
			    guard_show(p->src + p->tok.off, p->tok.len),
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
