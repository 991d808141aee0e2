/*
 * sms.c - SMS through an HTTP gateway (libcurl): see send.h.
 */
#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "send.h"

static size_t
discard(char *buf, size_t size, size_t nmemb, void *arg)
{
	(void)buf;
	(void)arg;
	return size * nmemb;
}

int
sms_send(struct arena *a, const char *url, const char *token, const char *to,
    const char *text, const char *id, int timeout, char *err, size_t errlen)
{
	CURL		*c;
	struct curl_slist *h = NULL;
	json_t		*j;
	char		*body, *auth;
	char		 cerr[CURL_ERROR_SIZE] = "";
	long		 code = 0;
	CURLcode	 rc;

	if (token == NULL || strpbrk(token, "\r\n") != NULL) {
		snprintf(err, errlen, "sms: no usable bearer token");
		return -1;
	}
	j = json_pack("{s:s, s:s, s:s}", "to", to, "text", text, "id", id);
	if (j == NULL || (body = json_dumps(j, JSON_COMPACT)) == NULL)
		abort();
	json_decref(j);
	auth = arena_printf(a, "Authorization: Bearer %s", token);
	if ((c = curl_easy_init()) == NULL) {
		free(body);
		snprintf(err, errlen, "curl_easy_init failed");
		return -1;
	}
	h = curl_slist_append(h, "Content-Type: application/json");
	h = curl_slist_append(h, auth);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)timeout);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)timeout);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, cerr);
	rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	free(body);
	if (rc != CURLE_OK) {
		snprintf(err, errlen, "sms: %s", cerr[0] != '\0' ? cerr :
		    curl_easy_strerror(rc));
		return -1;
	}
	if (code < 200 || code > 299) {
		snprintf(err, errlen, "sms: the gateway answered %ld", code);
		return -1;
	}
	return 0;
}
