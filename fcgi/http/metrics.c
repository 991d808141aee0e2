/*
 * metrics.c - see metrics.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "http/http.h"
#include "http/metrics.h"

static const int statuses[] = {
	200, 201, 204, 301, 302, 303, 304, 400, 401, 403, 404, 405, 409,
	413, 415, 422, 429, 431, 500, 501, 502, 503,
};
#define NSTATUS		(sizeof(statuses) / sizeof(statuses[0]) + 1)

static const double buckets[] = {
	0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
	1, 2.5, 5, 10,
};
#define NBUCKET		(sizeof(buckets) / sizeof(buckets[0]))
/* One per endpoint, and a last one for requests that matched none. */
struct slot {
	uint64_t	 requests[NSTATUS];
	uint64_t	 hist[NBUCKET + 1];
	uint64_t	 sum_us;
};

struct shared {
	uint64_t	 restarts;
	uint64_t	 audit_suppressed;
	uint64_t	 alive;
	uint64_t	 generation;
	struct slot	 slot[];	/* nslot */
};

/* Set once in the master before the first fork; read-only after. */
static struct shared *shm;
static size_t nslot;
static const char *(*slot_name)(size_t);

int
metrics_init(size_t nendpoints, const char *(*name)(size_t))
{
	void	*p;

	p = mmap(NULL, sizeof(*shm) + (nendpoints + 1) * sizeof(struct slot),
	    PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	shm = p;
	nslot = nendpoints + 1;
	slot_name = name;
	return 0;
}

static const char *
name_of(size_t ri)
{
	return ri < nslot - 1 ? slot_name(ri) : "none";
}

static size_t
status_index(int status)
{
	size_t	i;

	for (i = 0; i < NSTATUS - 1; i++)
		if (statuses[i] == status)
			return i;
	return NSTATUS - 1;
}

void
metrics_observe(const struct endpoint *ep, int status, double sec)
{
	size_t	ri, b;

	if (shm == NULL)
		return;
	ri = ep != NULL && ep->id < nslot - 1 ? ep->id : nslot - 1;
	__atomic_fetch_add(&shm->slot[ri].requests[status_index(status)], 1,
	    __ATOMIC_RELAXED);
	for (b = 0; b < NBUCKET && sec > buckets[b]; b++)
		continue;
	__atomic_fetch_add(&shm->slot[ri].hist[b], 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&shm->slot[ri].sum_us, (uint64_t)(sec * 1e6),
	    __ATOMIC_RELAXED);
}

void
metrics_worker_restart(void)
{
	if (shm != NULL)
		__atomic_fetch_add(&shm->restarts, 1, __ATOMIC_RELAXED);
}

void
metrics_audit_suppressed(void)
{
	if (shm != NULL)
		__atomic_fetch_add(&shm->audit_suppressed, 1,
		    __ATOMIC_RELAXED);
}

void
metrics_workers(int alive, unsigned generation)
{
	if (shm == NULL)
		return;
	__atomic_store_n(&shm->alive, (uint64_t)alive, __ATOMIC_RELAXED);
	__atomic_store_n(&shm->generation, generation, __ATOMIC_RELAXED);
}

static uint64_t
ld(const uint64_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

void
metrics_render(struct req *r, struct resp *w)
{
	size_t		 ri, si, b;
	const char	*name;
	uint64_t	 n, cum;

	w->status = 200;
	w->ctype = "text/plain; version=0.0.4; charset=utf-8";
	if (shm == NULL)
		return;
	resp_puts(r, w, "# HELP motcua_http_requests_total HTTP requests "
	    "by route and status.\n"
	    "# TYPE motcua_http_requests_total counter\n");
	for (ri = 0; ri < nslot; ri++) {
		name = name_of(ri);
		for (si = 0; si < NSTATUS; si++) {
			if ((n = ld(&shm->slot[ri].requests[si])) == 0)
				continue;
			if (si < NSTATUS - 1)
				resp_printf(r, w, "motcua_http_requests_total"
				    "{route=\"%s\",status=\"%d\"} %llu\n",
				    name, statuses[si], (unsigned long long)n);
			else
				resp_printf(r, w, "motcua_http_requests_total"
				    "{route=\"%s\",status=\"other\"} %llu\n",
				    name, (unsigned long long)n);
		}
	}
	resp_puts(r, w, "# HELP motcua_http_request_duration_seconds "
	    "Time from request to response.\n"
	    "# TYPE motcua_http_request_duration_seconds histogram\n");
	for (ri = 0; ri < nslot; ri++) {
		name = name_of(ri);
		cum = 0;
		for (b = 0; b <= NBUCKET; b++)
			cum += ld(&shm->slot[ri].hist[b]);
		if (cum == 0)
			continue;
		cum = 0;
		for (b = 0; b < NBUCKET; b++) {
			cum += ld(&shm->slot[ri].hist[b]);
			resp_printf(r, w, "motcua_http_request_duration_seconds"
			    "_bucket{route=\"%s\",le=\"%g\"} %llu\n", name,
			    buckets[b], (unsigned long long)cum);
		}
		cum += ld(&shm->slot[ri].hist[NBUCKET]);
		resp_printf(r, w, "motcua_http_request_duration_seconds_bucket"
		    "{route=\"%s\",le=\"+Inf\"} %llu\n"
		    "motcua_http_request_duration_seconds_sum{route=\"%s\"} "
		    "%.6f\n"
		    "motcua_http_request_duration_seconds_count{route=\"%s\"} "
		    "%llu\n", name, (unsigned long long)cum, name,
		    (double)ld(&shm->slot[ri].sum_us) / 1e6, name,
		    (unsigned long long)cum);
	}
	resp_printf(r, w, "# HELP motcua_worker_restarts_total Workers that "
	    "died and were replaced.\n"
	    "# TYPE motcua_worker_restarts_total counter\n"
	    "motcua_worker_restarts_total %llu\n"
	    "# HELP motcua_audit_refusals_suppressed_total Anonymous "
	    "refusals counted, not audited (over the limit per address and "
	    "minute).\n"
	    "# TYPE motcua_audit_refusals_suppressed_total counter\n"
	    "motcua_audit_refusals_suppressed_total %llu\n"
	    "# HELP motcua_workers Worker processes alive.\n"
	    "# TYPE motcua_workers gauge\n"
	    "motcua_workers %llu\n"
	    "# HELP motcua_generation Worker generation (SIGHUP adds one).\n"
	    "# TYPE motcua_generation gauge\n"
	    "motcua_generation %llu\n",
	    (unsigned long long)ld(&shm->restarts),
	    (unsigned long long)ld(&shm->audit_suppressed),
	    (unsigned long long)ld(&shm->alive),
	    (unsigned long long)ld(&shm->generation));
}
