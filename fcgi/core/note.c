/*
 * note.c - C2SP signed notes and checkpoints: see note.h.
 */
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "note.h"

#define DASH	"\xe2\x80\x94 "		/* U+2014 EM DASH, space */

const char *const note_status_names[NOTE__MAX] = {
	[NOTE_OK] = "ok",
	[NOTE_MALFORMED] = "malformed",
	[NOTE_UNSIGNED] = "no signature by the key",
	[NOTE_BAD_SIGNATURE] = "signature does not verify",
};

/* Standard base64 of exactly want bytes, or -1. */
static int
unb64(const char *s, size_t len, unsigned char *out, size_t want)
{
	unsigned char	buf[128];
	size_t		pad = 0;
	int		n;

	if (len == 0 || len % 4 != 0 || len > 4 * (sizeof(buf) / 3))
		return -1;
	if (s[len - 1] == '=')
		pad++;
	if (len > 1 && s[len - 2] == '=')
		pad++;
	n = EVP_DecodeBlock(buf, (const unsigned char *)s, (int)len);
	if (n < 0 || (size_t)n - pad != want)
		return -1;
	/* DecodeBlock takes what a stricter decoder would not: re-encode. */
	{
		char	again[sizeof(buf) * 2];

		EVP_EncodeBlock((unsigned char *)again, buf, (int)want);
		if (strlen(again) != len || memcmp(again, s, len) != 0)
			return -1;
	}
	memcpy(out, buf, want);
	return 0;
}

static void
keyid(const char *name, const unsigned char pub[32], unsigned char id[4])
{
	unsigned char	buf[NOTE_NAME_MAX + 2 + 32], d[32];
	size_t		n = strlen(name);

	memcpy(buf, name, n);
	buf[n] = '\n';
	buf[n + 1] = 0x01;
	memcpy(buf + n + 2, pub, 32);
	SHA256(buf, n + 2 + 32, d);
	memcpy(id, d, 4);
}

/* A key name: non-empty, no space, '+' or control character. */
static int
name_ok(const char *s, size_t len)
{
	size_t	i;

	if (len == 0 || len > NOTE_NAME_MAX)
		return 0;
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] <= 0x20 || s[i] == '+' ||
		    s[i] == 0x7f)
			return 0;
	return 1;
}

int
note_vkey_parse(const char *text, struct note_vkey *k)
{
	const char	*p, *q, *end;
	unsigned char	 raw[33], id[4];
	unsigned int	 x;
	size_t		 i;

	memset(k, 0, sizeof(*k));
	end = text + strcspn(text, "\n");
	if (*end == '\n' && end[1] != '\0')
		return -1;
	if ((p = memchr(text, '+', (size_t)(end - text))) == NULL ||
	    !name_ok(text, (size_t)(p - text)) ||
	    (q = memchr(p + 1, '+', (size_t)(end - p - 1))) == NULL ||
	    q - p - 1 != 8)
		return -1;
	memcpy(k->name, text, (size_t)(p - text));
	for (i = 0; i < 4; i++) {
		if (sscanf(p + 1 + 2 * i, "%2x", &x) != 1 ||
		    strchr("0123456789abcdef", p[1 + 2 * i]) == NULL ||
		    strchr("0123456789abcdef", p[2 + 2 * i]) == NULL)
			return -1;
		id[i] = (unsigned char)x;
	}
	if (unb64(q + 1, (size_t)(end - q - 1), raw, 33) == -1 ||
	    raw[0] != 0x01)
		return -1;
	memcpy(k->pub, raw + 1, 32);
	keyid(k->name, k->pub, k->keyid);
	return memcmp(id, k->keyid, 4) == 0 ? 0 : -1;
}

int
note_checkpoint(const char *origin, uint64_t size,
    const unsigned char root[32], char *out, size_t outsize)
{
	char	b64[48];
	int	n;

	EVP_EncodeBlock((unsigned char *)b64, root, 32);
	n = snprintf(out, outsize, "%s\n%" PRIu64 "\n%s\n", origin, size, b64);
	return n < 0 || (size_t)n >= outsize ? -1 : 0;
}

int
note_signed(const char *body, const struct note_vkey *k,
    const unsigned char sig[64], char *out, size_t outsize)
{
	unsigned char	raw[68];
	char		b64[96];
	int		n;

	memcpy(raw, k->keyid, 4);
	memcpy(raw + 4, sig, 64);
	EVP_EncodeBlock((unsigned char *)b64, raw, sizeof(raw));
	n = snprintf(out, outsize, "%s\n" DASH "%s %s\n", body, k->name, b64);
	return n < 0 || (size_t)n >= outsize ? -1 : 0;
}

static int
ed25519_ok(const unsigned char pub[32], const void *msg, size_t len,
    const unsigned char sig[64])
{
	EVP_PKEY	*pk;
	EVP_MD_CTX	*md;
	int		 ok = 0;

	if ((pk = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pub,
	    32)) == NULL)
		return 0;
	if ((md = EVP_MD_CTX_new()) == NULL)
		abort();
	if (EVP_DigestVerifyInit(md, NULL, NULL, NULL, pk) == 1 &&
	    EVP_DigestVerify(md, sig, 64, msg, len) == 1)
		ok = 1;
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(pk);
	return ok;
}

enum note_status
note_verify(const char *note, const struct note_vkey *k, size_t *textlen)
{
	const char	*p, *sep = NULL, *line, *nl, *sp;
	unsigned char	 raw[68];
	size_t		 len = strlen(note);
	int		 bad = 0;

	*textlen = 0;
	if (len == 0 || len > NOTE_MAX || note[len - 1] != '\n')
		return NOTE_MALFORMED;
	/* The text ends at the last blank line. */
	for (p = note; (p = strstr(p, "\n\n")) != NULL; p++)
		sep = p;
	if (sep == NULL)
		return NOTE_MALFORMED;
	for (line = sep + 2; *line != '\0'; line = nl + 1) {
		nl = strchr(line, '\n');
		if (strncmp(line, DASH, sizeof(DASH) - 1) != 0)
			return NOTE_MALFORMED;
		line += sizeof(DASH) - 1;
		if ((sp = memchr(line, ' ', (size_t)(nl - line))) == NULL ||
		    !name_ok(line, (size_t)(sp - line)))
			return NOTE_MALFORMED;
		if ((size_t)(sp - line) != strlen(k->name) ||
		    memcmp(line, k->name, (size_t)(sp - line)) != 0)
			continue;
		if (unb64(sp + 1, (size_t)(nl - sp - 1), raw, 68) == -1) {
			/* Another key type or length under the name. */
			continue;
		}
		if (memcmp(raw, k->keyid, 4) != 0)
			continue;
		if (ed25519_ok(k->pub, note, (size_t)(sep + 1 - note),
		    raw + 4)) {
			*textlen = (size_t)(sep + 1 - note);
			return NOTE_OK;
		}
		bad = 1;
	}
	return bad ? NOTE_BAD_SIGNATURE : NOTE_UNSIGNED;
}

int
note_checkpoint_parse(const char *text, size_t len, uint64_t *size,
    unsigned char root[32])
{
	const char	*a, *b, *c;
	char		*end;
	unsigned long long v;

	if ((a = memchr(text, '\n', len)) == NULL || a == text)
		return -1;
	b = memchr(a + 1, '\n', len - (size_t)(a + 1 - text));
	if (b == NULL || b == a + 1 || a[1] < '0' || a[1] > '9' ||
	    (a[1] == '0' && b != a + 2))
		return -1;
	v = strtoull(a + 1, &end, 10);
	if (end != b)
		return -1;
	c = memchr(b + 1, '\n', len - (size_t)(b + 1 - text));
	if (c == NULL || unb64(b + 1, (size_t)(c - b - 1), root, 32) == -1)
		return -1;
	*size = (uint64_t)v;
	return 0;
}
