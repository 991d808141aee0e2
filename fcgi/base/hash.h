/*
 * hash.h - digests and random tokens (OpenSSL).
 */
#ifndef MOTCUA_HASH_H
#define MOTCUA_HASH_H

#include <stddef.h>

#define SHA256_HEX_LEN	64
#define SHA512_HEX_LEN	128

/* out receives 64 lowercase hex digits and a NUL. */
void	sha256_hex(const void *, size_t, char out[SHA256_HEX_LEN + 1]);

/* HMAC-SHA512 of data under key: 128 lowercase hex digits and a NUL. */
void	hmac_sha512_hex(const void *key, size_t keylen, const void *data,
	    size_t len, char out[SHA512_HEX_LEN + 1]);

/* 1 if the NUL-terminated strings are equal, in time independent of
 * where they differ (signatures). */
int	hash_equal(const char *, const char *);

/* n random bytes as 2n hex digits and a NUL; aborts if no randomness. */
void	random_hex(char *out, size_t n);

#endif
