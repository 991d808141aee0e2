/*
 * routes.c - the route table: every URL the server answers, with the
 * parameters it accepts.  Anything not listed here is refused before a
 * handler runs.
 */
#include <stddef.h>

#include "http.h"

const char *const http_method_names[METHOD__MAX] = {
	"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
};

static const struct param diag_echo_query[] = {
	{ "q", PT_TEXT, 200, 0 },
	{ NULL, 0, 0, 0 },
};

static const struct param diag_echo_body[] = {
	{ "name", PT_TEXT, 200, 0 },
	{ "note", PT_TEXT, 4000, 0 },
	{ "tag", PT_TEXT, 50, PF_MULTI },
	{ "file", PT_FILE, 1 << 20, PF_MULTI },
	{ "data", PT_JSON, 0, 0 },
	{ NULL, 0, 0, 0 },
};

static const struct param diag_sleep_query[] = {
	{ "ms", PT_TEXT, 6, 0 },
	{ NULL, 0, 0, 0 },
};

static const struct param none[] = {
	{ NULL, 0, 0, 0 },
};

const struct route routes[ROUTE__MAX] = {
	[ROUTE_HEALTHZ] = { ROUTE_HEALTHZ, "healthz", METHOD_GET,
	    "/healthz", none, NULL, 0, 0, RF_DB, h_healthz },
	[ROUTE_METRICS] = { ROUTE_METRICS, "metrics", METHOD_GET,
	    "/metrics", none, NULL, 0, 0, 0, h_metrics },
	[ROUTE_DIAG_ECHO] = { ROUTE_DIAG_ECHO, "diag_echo", METHOD_POST,
	    "/_diag/echo", diag_echo_query, diag_echo_body,
	    BODY_FORM | BODY_MULTIPART | BODY_JSON, 4 << 20, RF_DIAG,
	    h_diag_echo },
	[ROUTE_DIAG_SLEEP] = { ROUTE_DIAG_SLEEP, "diag_sleep", METHOD_GET,
	    "/_diag/sleep", diag_sleep_query, NULL, 0, 0, RF_DIAG,
	    h_diag_sleep },
	[ROUTE_API_SERVICES] = { ROUTE_API_SERVICES, "api_services",
	    METHOD_GET, "/api/v1/services", none, NULL, 0, 0, 0,
	    h_services },
	[ROUTE_API_SERVICE] = { ROUTE_API_SERVICE, "api_service",
	    METHOD_GET, "/api/v1/services/{code}", none, NULL, 0, 0, 0,
	    h_service },
	/* accounts and sessions */
	/* dossiers */
	/* pages */
};
