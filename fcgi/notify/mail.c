/*
 * mail.c - email: the RFC 5322 message and its delivery over SMTP
 * (libcurl).  See send.h.
 */
#include <curl/curl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "send.h"

static char *
b64(struct arena *a, const char *s, size_t len)
{
	char	*out = arena_alloc(a, 4 * ((len + 2) / 3) + 1);

	EVP_EncodeBlock((unsigned char *)out, (const unsigned char *)s,
	    (int)len);
	return out;
}

static int
header_safe(const char *s)
{
	return s != NULL && strpbrk(s, "\r\n") == NULL;
}

/* RFC 2047: the subject as encoded words of at most 75 characters,
 * each whole UTF-8 characters, folded on lines of their own. */
static char *
subject_words(struct arena *a, const char *s)
{
	char		*out = arena_strdup(a, "");
	size_t		 len = strlen(s), i = 0, n;

	while (i < len) {
		/* 45 bytes of text are 60 of base64: 72 with =?UTF-8?B??= */
		n = len - i > 45 ? 45 : len - i;
		while (i + n < len && ((unsigned char)s[i + n] & 0xc0) == 0x80)
			n--;
		out = arena_printf(a, "%s%s=?UTF-8?B?%s?=", out,
		    out[0] != '\0' ? "\r\n " : "", b64(a, s + i, n));
		i += n;
	}
	return out;
}

/* The body as UTF-8 text with CRLF line ends, in base64 lines of 76. */
static char *
body_lines(struct arena *a, const char *s)
{
	size_t		 len = strlen(s), i, j = 0, n;
	char		*crlf = arena_alloc(a, 2 * len + 3), *enc, *out;

	for (i = 0; i < len; i++) {
		if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r'))
			crlf[j++] = '\r';
		crlf[j++] = s[i];
	}
	crlf[j] = '\0';
	enc = b64(a, crlf, j);
	len = strlen(enc);
	out = arena_alloc(a, len + 2 * (len / 76 + 2) + 1);
	for (i = 0, j = 0; i < len; i += n) {
		n = len - i > 76 ? 76 : len - i;
		memcpy(out + j, enc + i, n);
		j += n;
		out[j++] = '\r';
		out[j++] = '\n';
	}
	out[j] = '\0';
	return out;
}

char *
mail_format(struct arena *a, const struct mail *m)
{
	char		 date[64];
	struct tm	 tm;
	time_t		 t = (time_t)m->date;

	if (!header_safe(m->from) || !header_safe(m->to) ||
	    !header_safe(m->message_id) || m->subject == NULL ||
	    m->body == NULL)
		return NULL;
	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	return arena_printf(a,
	    "From: %s\r\n"
	    "To: %s\r\n"
	    "Subject: %s\r\n"
	    "Date: %s\r\n"
	    "Message-ID: %s\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n"
	    "\r\n"
	    "%s",
	    m->from, m->to, subject_words(a, m->subject), date, m->message_id,
	    body_lines(a, m->body));
}

struct reader {
	const char	*p;
	size_t		 left;
};

static size_t
reader(char *buf, size_t size, size_t nmemb, void *arg)
{
	struct reader	*r = arg;
	size_t		 n = size * nmemb;

	if (n > r->left)
		n = r->left;
	memcpy(buf, r->p, n);
	r->p += n;
	r->left -= n;
	return n;
}

int
mail_send(struct arena *a, const char *url, const struct mail *m,
    int timeout, char *err, size_t errlen)
{
	CURL		*c;
	struct curl_slist *rcpt = NULL;
	struct reader	 r;
	char		*msg, *from, *to;
	char		 cerr[CURL_ERROR_SIZE] = "";
	CURLcode	 rc;

	if ((msg = mail_format(a, m)) == NULL) {
		snprintf(err, errlen, "an address holds a line break");
		return -1;
	}
	from = arena_printf(a, "<%s>", m->from);
	to = arena_printf(a, "<%s>", m->to);
	if ((c = curl_easy_init()) == NULL) {
		snprintf(err, errlen, "curl_easy_init failed");
		return -1;
	}
	rcpt = curl_slist_append(rcpt, to);
	r.p = msg;
	r.left = strlen(msg);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, reader);
	curl_easy_setopt(c, CURLOPT_READDATA, &r);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)timeout);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)timeout);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, cerr);
	rc = curl_easy_perform(c);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	if (rc != CURLE_OK) {
		snprintf(err, errlen, "smtp: %s", cerr[0] != '\0' ? cerr :
		    curl_easy_strerror(rc));
		return -1;
	}
	return 0;
}
