/*
 * h_ops.c - operational endpoints: /healthz and /metrics.
 */
#include <jansson.h>

#include "web/web.h"
#include "http/metrics.h"
#include "store/db.h"

void
h_healthz(struct wreq *r, struct resp *w)
{
	switch (db_ping(r->app.db)) {
	case DB_OK:
		resp_json(r->h, w, 200, json_pack("{s:s, s:s}", "status", "ok",
		    "database", "ok"));
		break;
	case DB_UNAVAILABLE:
	case DB_ERROR:
	case DB_CONFLICT:
		http_error(r->h, w, HERR_UNAVAILABLE, NULL,
		    "The database does not answer.",
		    "Cơ sở dữ liệu không phản hồi.");
		resp_header(r->h, w, "Retry-After", "5");
		break;
	default:
		abort();
	}
}

void
h_metrics(struct wreq *r, struct resp *w)
{
	metrics_render(r->h, w);
}
