/*
 * test_ops.c - helpers of operations: hashing, log escaping, metrics.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/arena.h"
#include "base/hash.h"
#include "base/log.h"
#include "web/web.h"
#include "http/metrics.h"
#include "http/server.h"

static void
sha256_known_vectors(void **state)
{
	char	hex[SHA256_HEX_LEN + 1];

	(void)state;
	sha256_hex("", 0, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855");
	sha256_hex("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
}

static void
random_hex_shape(void **state)
{
	char	a[33], b[33];

	(void)state;
	random_hex(a, 16);
	random_hex(b, 16);
	assert_int_equal(strlen(a), 32);
	assert_int_equal(strspn(a, "0123456789abcdef"), 32);
	assert_string_not_equal(a, b);
}

static void
log_escape(void **state)
{
	char	out[64];

	(void)state;
	log_json_escape(out, sizeof(out), "a\"b\\c\n\x01");
	assert_string_equal(out, "a\\\"b\\\\c\\u000a\\u0001");
	log_json_escape(out, sizeof(out), "Nguyễn");
	assert_string_equal(out, "Nguyễn");
	/* Truncates instead of overflowing. */
	log_json_escape(out, 8, "\"\"\"\"\"\"\"\"");
	assert_true(strlen(out) < 8);
	log_json_escape(out, sizeof(out), NULL);
	assert_string_equal(out, "");
}

static void
metrics_counts_and_renders(void **state)
{
	struct arena	*a = arena_new(4096);
	struct req	 r;
	struct resp	 w;

	(void)state;
	assert_int_equal(metrics_init(web_site.nendpoints,
	    web_site.endpoint_name), 0);
	metrics_observe(&routes[ROUTE_HEALTHZ].ep, 200, 0.0003);
	metrics_observe(&routes[ROUTE_HEALTHZ].ep, 200, 0.002);
	metrics_observe(&routes[ROUTE_HEALTHZ].ep, 503, 20);
	metrics_observe(NULL, 404, 0.0001);
	metrics_observe(NULL, 418, 0.0001);
	metrics_worker_restart();
	metrics_workers(3, 2);

	memset(&r, 0, sizeof(r));
	r.arena = a;
	resp_init(&w);
	metrics_render(&r, &w);
	assert_int_equal(w.status, 200);
	assert_non_null(strstr(w.body, "motcua_http_requests_total{route="
	    "\"healthz\",status=\"200\"} 2\n"));
	assert_non_null(strstr(w.body, "motcua_http_requests_total{route="
	    "\"healthz\",status=\"503\"} 1\n"));
	assert_non_null(strstr(w.body, "motcua_http_requests_total{route="
	    "\"none\",status=\"other\"} 1\n"));
	/* Cumulative buckets: 1 at 0.5 ms, 2 at 2.5 ms, 3 only at +Inf. */
	assert_non_null(strstr(w.body, "_bucket{route=\"healthz\","
	    "le=\"0.0005\"} 1\n"));
	assert_non_null(strstr(w.body, "_bucket{route=\"healthz\","
	    "le=\"0.0025\"} 2\n"));
	assert_non_null(strstr(w.body, "_bucket{route=\"healthz\","
	    "le=\"10\"} 2\n"));
	assert_non_null(strstr(w.body, "_bucket{route=\"healthz\","
	    "le=\"+Inf\"} 3\n"));
	assert_non_null(strstr(w.body, "_count{route=\"healthz\"} 3\n"));
	assert_non_null(strstr(w.body, "motcua_worker_restarts_total 1\n"));
	assert_non_null(strstr(w.body, "motcua_workers 3\n"));
	assert_non_null(strstr(w.body, "motcua_generation 2\n"));
	/* A route never seen has no histogram lines. */
	assert_null(strstr(w.body, "route=\"diag_sleep\""));
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sha256_known_vectors),
		cmocka_unit_test(random_hex_shape),
		cmocka_unit_test(log_escape),
		cmocka_unit_test(metrics_counts_and_renders),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
