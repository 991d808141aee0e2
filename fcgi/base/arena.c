/*
 * arena.c - see arena.h.
 *
 * Blocks form a singly linked list; the first block is kept across
 * resets so that a steady-state request allocates nothing from malloc.
 * Requests larger than a quarter block get a block of their own.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

#define ALIGN		16
#define ALIGNUP(n)	(((n) + (ALIGN - 1)) & ~(size_t)(ALIGN - 1))

struct block {
	struct block	*next;
	size_t		 size;	/* usable bytes in data */
	size_t		 used;
	_Alignas(ALIGN) unsigned char data[];
};

struct cleanup {
	struct cleanup	*next;
	void		(*fn)(void *);
	void		*arg;
};

struct arena {
	struct block	*head;		/* current block, first in list */
	struct cleanup	*cleanups;
	size_t		 blocksz;
	size_t		 total;
};

static void *
xmalloc(size_t sz)
{
	void	*p;

	if ((p = malloc(sz)) == NULL) {
		fputs("motcua: out of memory\n", stderr);
		abort();
	}
	return p;
}

static struct block *
block_new(size_t size)
{
	struct block	*b;

	if (size > SIZE_MAX - sizeof(*b)) {
		fputs("motcua: allocation too large\n", stderr);
		abort();
	}
	b = xmalloc(sizeof(*b) + size);
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

struct arena *
arena_new(size_t blocksz)
{
	struct arena	*a;

	if (blocksz < 1024)
		blocksz = 1024;
	a = xmalloc(sizeof(*a));
	a->blocksz = ALIGNUP(blocksz);
	a->head = block_new(a->blocksz);
	a->cleanups = NULL;
	a->total = 0;
	return a;
}

static void
run_cleanups(struct arena *a)
{
	struct cleanup	*c;

	while ((c = a->cleanups) != NULL) {
		a->cleanups = c->next;
		c->fn(c->arg);
	}
}

void
arena_reset(struct arena *a)
{
	struct block	*b, *next, *keep = NULL;

	run_cleanups(a);
	/* Keep one standard-size block; free the rest. */
	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		if (keep == NULL && b->size == a->blocksz) {
			keep = b;
			keep->next = NULL;
			keep->used = 0;
		} else
			free(b);
	}
	a->head = keep != NULL ? keep : block_new(a->blocksz);
	a->total = 0;
}

void
arena_free(struct arena *a)
{
	struct block	*b, *next;

	if (a == NULL)
		return;
	run_cleanups(a);
	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

void *
arena_alloc(struct arena *a, size_t sz)
{
	struct block	*b;
	void		*p;

	if (sz == 0)
		sz = 1;
	if (sz > SIZE_MAX - ALIGN) {
		fputs("motcua: allocation too large\n", stderr);
		abort();
	}
	sz = ALIGNUP(sz);
	a->total += sz;
	b = a->head;
	if (b->size - b->used >= sz) {
		p = b->data + b->used;
		b->used += sz;
		return p;
	}
	if (sz > a->blocksz / 4) {
		/* Big: own block, linked behind the current one. */
		b = block_new(sz);
		b->used = sz;
		b->next = a->head->next;
		a->head->next = b;
		return b->data;
	}
	b = block_new(a->blocksz);
	b->next = a->head;
	a->head = b;
	b->used = sz;
	return b->data;
}

void *
arena_calloc(struct arena *a, size_t n, size_t sz)
{
	void	*p;

	if (sz != 0 && n > SIZE_MAX / sz) {
		fputs("motcua: allocation too large\n", stderr);
		abort();
	}
	p = arena_alloc(a, n * sz);
	memset(p, 0, n * sz);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char	*p;

	p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;
	char	*p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void *
arena_grow(struct arena *a, void *old, size_t oldsz, size_t newsz)
{
	void	*p;

	if (newsz <= oldsz)
		return old;
	p = arena_alloc(a, newsz);
	if (old != NULL && oldsz > 0)
		memcpy(p, old, oldsz);
	return p;
}

void
arena_cleanup(struct arena *a, void (*fn)(void *), void *arg)
{
	struct cleanup	*c;

	c = arena_alloc(a, sizeof(*c));
	c->fn = fn;
	c->arg = arg;
	c->next = a->cleanups;
	a->cleanups = c;
}

size_t
arena_used(const struct arena *a)
{
	return a->total;
}
