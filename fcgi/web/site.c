/*
 * site.c - the site's hooks for the transport (http/server.h): what
 * `motcua serve` loads, what each worker holds, and the steps of a
 * request from its route to its handler.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/config.h"
#include "base/log.h"
#include "base/utf8.h"
#include "core/dossier.h"
#include "http/server.h"
#include "sign/client.h"
#include "sign/signer.h"
#include "store/db.h"
#include "web/session.h"
#include "web/web.h"
#include "web/world.h"

/* A worker's own: its connection to the database. */
struct worker {
	const struct world *world;
	struct db	*db;
	struct sign_client *signer;	/* its connection to the signer */
};

static void *
site_load(const struct config *cfg)
{
	struct world	*w;

	if ((w = calloc(1, sizeof(*w))) == NULL)
		abort();
	if (world_load(cfg, w) == -1) {
		free(w);
		log_msg(LOG_ERROR, "definitions do not load (motcua check "
		    "shows every problem)");
		return NULL;
	}
	return w;
}

static void
site_unload(void *w)
{
	world_free(w);
	free(w);
}

static void *
site_worker_start(const struct config *cfg, const void *world)
{
	struct worker	*wk;

	if ((wk = calloc(1, sizeof(*wk))) == NULL)
		abort();
	wk->world = world;
	wk->db = db_open(cfg->database_url, cfg->statement_timeout_ms);
	db_guarded(wk->db);
	wk->signer = sign_client_new(cfg->signer_socket, cfg->sign_timeout_ms);
	return wk;
}

static void
site_worker_stop(void *p)
{
	struct worker	*wk = p;

	db_close(wk->db);
	sign_client_free(wk->signer);
	free(wk);
}

static void
site_request_end(void *p)
{
	struct worker	*wk = p;

	db_request_end(wk->db);
}

/* 405: the methods the path has. */
static void
allow_header(struct wreq *r, struct resp *w)
{
	struct req	 probe = *r->h;
	struct wreq	 pr = *r;
	char		*allow = arena_strdup(r->app.arena, "");
	size_t		 i;

	pr.h = &probe;
	for (i = 0; i < ROUTE__MAX; i++) {
		const struct route *rt = &routes[i];

		probe.method = rt->method;
		if (!((rt->flags & RF_DIAG) && !r->app.cfg->diag) &&
		    router_match(&pr, r->app.cfg, &(enum herr){0}) == rt)
			allow = arena_printf(r->app.arena, "%s%s%s", allow,
			    allow[0] ? ", " : "",
			    rt->method == METHOD_GET ? "GET, HEAD" :
			    http_method_names[rt->method]);
	}
	resp_header(r->h, w, "Allow", allow);
}

/*
 * The request's time: the clock's, except with MOTCUA_DIAG=1, where an
 * "X-Motcua-Now: 2026-07-01T09:00[:00][+07:00|Z]" header sets it (the
 * tests file school transfers inside their filing window that way).
 */
static int64_t
request_now(const struct req *h)
{
	const char	*v;
	int64_t		 t;

	if (h->cfg->diag && (v = req_env(h, "HTTP_X_MOTCUA_NOW")) != NULL &&
	    dossier_time_parse(v, &t) == 0)
		return t;
	return (int64_t)time(NULL);
}

static const struct endpoint *
site_match(void *p, struct req *h, struct resp *w)
{
	struct worker	*wk = p;
	struct wreq	*r;
	enum herr	 herr;
	size_t		 i;

	r = arena_calloc(h->arena, 1, sizeof(*r));
	r->h = h;
	r->world = wk->world;
	r->templates = wk->world->templates;
	r->app.arena = h->arena;
	r->app.cfg = h->cfg;
	r->app.db = wk->db;
	r->app.defs = wk->world->defs;
	r->app.cal = wk->world->cal;
	r->app.texts = wk->world->notify;
	r->app.now = request_now(h);
	r->app.request_id = h->request_id;
	r->app.remote_addr = h->remote_addr;
	r->app.via_method = h->method_name;
	r->app.signer = wk->signer;
	r->app.docs = wk->world->docs;
	h->site = r;
	if ((r->route = router_match(r, h->cfg, &herr)) == NULL) {
		http_error(h, w, herr, NULL, NULL, NULL);
		if (herr == HERR_METHOD)
			allow_header(r, w);
		return NULL;
	}
	for (i = 0; i < r->pathvars.n; i++)
		if (!utf8_text(r->pathvars.v[i].val, r->pathvars.v[i].vallen)) {
			http_error(h, w, HERR_BAD_UTF8, r->pathvars.v[i].key,
			    "The address is not valid UTF-8 text.",
			    "Địa chỉ không phải văn bản UTF-8 hợp lệ.");
			return NULL;
		}
	r->app.via = r->route->ep.name;
	return world_endpoint(r->world, r->route, r->pathvars.n > 0 ?
	    r->pathvars.v[0].val : NULL);
}

/* Before the body: the database when the route needs it, then who is
 * asking (an anonymous request to a route for the signed-in costs no
 * body parsing). */
static int
site_admit(struct req *h, struct resp *w)
{
	struct wreq	*r = h->site;

	if ((r->route->flags & RF_DB) && db_ready(r->app.db) != DB_OK) {
		http_error(h, w, HERR_UNAVAILABLE, NULL,
		    "The database cannot be reached; try again shortly.",
		    "Không kết nối được cơ sở dữ liệu; vui lòng thử lại sau.");
		resp_header(h, w, "Retry-After", "5");
		return -1;
	}
	return session_resolve(r, w);
}

/* CSRF needs the form: after the body. */
static void
site_handle(struct req *h, struct resp *w)
{
	struct wreq	*r = h->site;

	if (session_csrf(r, w) == -1)
		return;
	r->route->handler(r, w);
}

static const char *
site_endpoint_name(size_t id)
{
	return id < ROUTE__MAX ? routes[id].ep.name : "none";
}

/* The signer: the only process that opens private keys. */
static const struct http_helper helpers[] = {
	{ .name = "signer", .prepare = signer_prepare, .main = signer_main },
};

const struct http_site web_site = {
	.load = site_load,
	.unload = site_unload,
	.worker_start = site_worker_start,
	.worker_stop = site_worker_stop,
	.request_end = site_request_end,
	.match = site_match,
	.admit = site_admit,
	.handle = site_handle,
	.nendpoints = ROUTE__MAX,
	.endpoint_name = site_endpoint_name,
	.helpers = helpers,
	.nhelpers = sizeof(helpers) / sizeof(helpers[0]),
};
