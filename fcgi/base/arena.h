/*
 * arena.h - per-request region allocator with cleanup callbacks.
 *
 * Everything a request allocates comes from one arena, which is reset
 * after the response is sent.  Foreign objects (PGresult, xmlDoc,
 * json_t) are tied to the arena with arena_cleanup(), so that the reset
 * frees them too.  A worker therefore cannot leak, nor carry state from
 * one request to the next.
 *
 * Out of memory: arena_alloc() and friends abort the process.  The
 * prefork master restarts the worker.  Code that must survive memory
 * exhaustion (none so far) must not use this module.
 */
#ifndef MOTCUA_ARENA_H
#define MOTCUA_ARENA_H

#include <stddef.h>

struct arena;

struct arena	*arena_new(size_t blocksz);
void		 arena_free(struct arena *);
void		 arena_reset(struct arena *);

void		*arena_alloc(struct arena *, size_t);	/* aligned, not zeroed */
void		*arena_calloc(struct arena *, size_t n, size_t sz);
char		*arena_strdup(struct arena *, const char *);
char		*arena_strndup(struct arena *, const char *, size_t);
char		*arena_printf(struct arena *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
void		*arena_grow(struct arena *, void *old, size_t oldsz,
		    size_t newsz);

/* Run fn(arg) at the next reset (in reverse order of registration). */
void		 arena_cleanup(struct arena *, void (*fn)(void *), void *arg);

/* Bytes handed out since the last reset (for tests and metrics). */
size_t		 arena_used(const struct arena *);

#endif
