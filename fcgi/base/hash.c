/*
 * hash.c - see hash.h.
 */
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"

static void
hex(const unsigned char *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t	i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 0xf];
	}
	out[2 * n] = '\0';
}

void
sha256_hex(const void *buf, size_t len, char out[SHA256_HEX_LEN + 1])
{
	unsigned char	md[32];
	unsigned int	mdlen = sizeof(md);

	if (EVP_Digest(buf, len, md, &mdlen, EVP_sha256(), NULL) != 1 ||
	    mdlen != sizeof(md)) {
		fputs("motcua: SHA-256 failed\n", stderr);
		abort();
	}
	hex(md, sizeof(md), out);
}

void
random_hex(char *out, size_t n)
{
	unsigned char	buf[64];

	if (n > sizeof(buf) || RAND_bytes(buf, (int)n) != 1) {
		fputs("motcua: no randomness\n", stderr);
		abort();
	}
	hex(buf, n, out);
}

void
hmac_sha512_hex(const void *key, size_t keylen, const void *data, size_t len,
    char out[SHA512_HEX_LEN + 1])
{
	unsigned char	md[64];
	unsigned int	mdlen = sizeof(md);

	if (HMAC(EVP_sha512(), key, (int)keylen, data, len, md,
	    &mdlen) == NULL || mdlen != sizeof(md)) {
		fputs("motcua: HMAC-SHA512 failed\n", stderr);
		abort();
	}
	hex(md, sizeof(md), out);
	OPENSSL_cleanse(md, sizeof(md));
}

int
hash_equal(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b);

	if (la != lb)
		return 0;
	return CRYPTO_memcmp(a, b, la) == 0;
}
