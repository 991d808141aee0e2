/*
 * metrics.h - request counters shared by the master and its workers,
 * in one anonymous shared mapping made before the first fork; updated
 * with atomic adds, rendered in the Prometheus text format.
 */
#ifndef MOTCUA_METRICS_H
#define MOTCUA_METRICS_H

#include <stddef.h>

struct endpoint;
struct req;
struct resp;

/* In the master, before forking: counters for endpoints 0 .. n - 1
 * (name(i) labels them) and for requests that matched none. */
int	metrics_init(size_t nendpoints, const char *(*name)(size_t));
void	metrics_observe(const struct endpoint *, int status, double seconds);
void	metrics_worker_restart(void);
/* A refusal counted but not written to the audit log (app/audit.h). */
void	metrics_audit_suppressed(void);
void	metrics_workers(int alive, unsigned generation);
void	metrics_render(struct req *, struct resp *);

#endif
