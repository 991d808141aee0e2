/*
 * gateway.c - the payment gateway's merchant API over HTTPS (libcurl):
 * one JSON POST, bounded in time and size.  Used by reconciliation
 * (pay.c) only.
 */
#include <curl/curl.h>
#include <string.h>

#include "base/arena.h"
#include "app/gateway.h"

#define ANSWER_MAX	(64 * 1024)

struct sink {
	struct arena	*a;
	char		*buf;
	size_t		 len;
	int		 too_big;
};

static size_t
take(char *p, size_t sz, size_t n, void *arg)
{
	struct sink	*s = arg;
	size_t		 k = sz * n;

	if (s->len + k > ANSWER_MAX) {
		s->too_big = 1;
		return 0;
	}
	s->buf = arena_grow(s->a, s->buf, s->len + 1, s->len + k + 1);
	memcpy(s->buf + s->len, p, k);
	s->len += k;
	s->buf[s->len] = '\0';
	return k;
}

char *
gateway_post(struct arena *a, const char *url, const char *json,
    long timeout_ms)
{
	struct curl_slist *h = NULL;
	struct sink	 s = { a, NULL, 0, 0 };
	CURL		*c;
	CURLcode	 rc;
	long		 status = 0;

	if ((c = curl_easy_init()) == NULL)
		return NULL;
	s.buf = arena_calloc(a, 1, 1);
	h = curl_slist_append(h, "Content-Type: application/json");
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, json);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, take);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	if (rc != CURLE_OK || status != 200 || s.too_big)
		return NULL;
	return s.buf;
}
