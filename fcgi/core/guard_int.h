/*
 * guard_int.h - the compiled form of a guard, shared by the compiler
 * (guard.c) and the evaluator (guard_eval.c).
 */
#ifndef MOTCUA_GUARD_INT_H
#define MOTCUA_GUARD_INT_H

#include <stddef.h>
#include <stdint.h>

enum rel {
	R_EQ, R_NE, R_LT, R_LE, R_GT, R_GE,
	R__MAX
};

/* rel_true[rel][sign of l - r, plus one] */
extern const unsigned char rel_true[R__MAX][3];

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

#endif
