/*
 * guard_int.h - private to core/guard*.c: the compiled form of a guard,
 * shared by the compiler and the evaluator (guard_eval.c); then the
 * parser's state and the parts of the compiler, which call one way:
 * guard.c -> guard_parse.c -> guard_type.c -> guard_lex.c.
 */
#ifndef MOTCUA_GUARD_INT_H
#define MOTCUA_GUARD_INT_H

#include <stddef.h>
#include <stdint.h>

#include "core/guard.h"

enum rel {
	R_EQ, R_NE, R_LT, R_LE, R_GT, R_GE,
	R__MAX
};

enum nop {
	N_LIT,		/* vt, i or s/len */
	N_FIELD,	/* field, vt: what the record must hold */
	N_COUNT,	/* field, vt */
	N_EMPTY,	/* field, vt */
	N_HAS,		/* field, s/len */
	N_AND,		/* a, b */
	N_OR,		/* a, b */
	N_NOT,		/* a */
	N_CMP,		/* a rel b, compared as vt */
	N_IN,		/* a in literals b .. b + n */
	N__MAX
};

struct node {
	uint8_t		 op;
	uint8_t		 vt;
	uint8_t		 rel;
	uint16_t	 a, b, n;
	size_t		 field;
	int64_t		 i;
	const char	*s;
	size_t		 len;
};

struct guard {
	const char	*src;
	size_t		 root;
	size_t		 nnodes;
	struct node	 nodes[];	/* then the source, then strings */
};

/* ---- the compiler ------------------------------------------------- */

#define GUARD_MAX_SRC	1000	/* bytes of source */
#define SHOW_MAX	40	/* bytes of source quoted in a message */

enum tok {
	T_END, T_ERR, T_IDENT, T_STR, T_INT, T_DEC, T_LP, T_RP, T_COMMA,
	T_EQ, T_NE, T_LT, T_LE, T_GT, T_GE,
	T_AND, T_OR, T_NOT, T_IN, T_TRUE, T_FALSE,
	T__MAX
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

/* guard_parse.c: expr, the whole grammar, from the current token. */
int	 guard_parse_or(struct parser *, size_t *out);

/* guard_type.c.  The type of a term, named like the values it yields;
 * what a field of each form type holds in a record. */
extern const char *const guard_type_names[V__MAX];
extern const enum vtype guard_vtypes[FT__MAX];
/* The field of a bare field term, or NULL. */
const struct field *guard_term_field(const struct parser *,
	    const struct term *);
/* -1 (and an error) for a checkbox or file field outside has(),
 * empty(), count(). */
int	 guard_scalar(struct parser *, const struct term *);
/* -1 (and an error) unless s[0..slen) is an option of field fd. */
int	 guard_option(struct parser *, const struct field *fd, size_t off,
	    size_t len, const char *s, size_t slen);
/* Make l and r comparable with rel (at off), converting literals; with
 * lfixed, only r may be converted (l is the left side of "in"). */
int	 guard_unify(struct parser *, struct term *l, struct term *r,
	    enum rel rel, size_t off, int lfixed);

/* guard_lex.c.  Record the first error only; always -1. */
int	 guard_fail(struct parser *, size_t off, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Bytes of s[0..len) to quote: at most SHOW_MAX, whole characters. */
int	 guard_show(const char *s, size_t len);
/* 1 for space, tab, CR, LF. */
int	 guard_blank(int c);
/* Read the next token into p->tok (nothing after an error). */
void	 guard_next(struct parser *);

#endif
