/*
 * hash.h - digests and random tokens (OpenSSL).
 */
#ifndef MOTCUA_HASH_H
#define MOTCUA_HASH_H

#include <stddef.h>

#define SHA256_HEX_LEN	64

/* out receives 64 lowercase hex digits and a NUL. */
void	sha256_hex(const void *, size_t, char out[SHA256_HEX_LEN + 1]);

/* n random bytes as 2n hex digits and a NUL; aborts if no randomness. */
void	random_hex(char *out, size_t n);

#endif
