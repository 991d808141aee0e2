/*
 * metrics.h - request counters shared by the master and its workers,
 * in one anonymous shared mapping made before the first fork; updated
 * with atomic adds, rendered in the Prometheus text format.
 */
#ifndef MOTCUA_METRICS_H
#define MOTCUA_METRICS_H

#include "http.h"

int	metrics_init(void);		/* in the master, before forking */
void	metrics_observe(const struct route *, int status, double seconds);
void	metrics_worker_restart(void);
void	metrics_workers(int alive, unsigned generation);
void	metrics_render(struct req *, struct resp *);

#endif
