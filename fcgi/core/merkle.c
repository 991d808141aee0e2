/*
 * merkle.c - RFC 6962 / RFC 9162 trees and proofs: see merkle.h.
 *
 * Proof making follows RFC 6962 section 2.1 (PATH and SUBPROOF),
 * recursively over subtrees, which the split at the largest power of
 * two below n keeps to a depth of 64; checking follows RFC 9162
 * sections 2.1.3.2 and 2.1.4.2 word for word.
 */
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "merkle.h"

void
merkle_leaf(const void *entry, size_t len, merkle_hash out)
{
	EVP_MD_CTX	*c;
	unsigned char	 z = 0x00;

	if ((c = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(c, EVP_sha256(), NULL) != 1 ||
	    EVP_DigestUpdate(c, &z, 1) != 1 ||
	    EVP_DigestUpdate(c, entry, len) != 1 ||
	    EVP_DigestFinal_ex(c, out, NULL) != 1)
		abort();		/* out of memory */
	EVP_MD_CTX_free(c);
}

void
merkle_node(const merkle_hash l, const merkle_hash r, merkle_hash out)
{
	unsigned char	buf[1 + 2 * MERKLE_HASH_LEN];

	buf[0] = 0x01;
	memcpy(buf + 1, l, MERKLE_HASH_LEN);
	memcpy(buf + 1 + MERKLE_HASH_LEN, r, MERKLE_HASH_LEN);
	SHA256(buf, sizeof(buf), out);
}

/* The largest power of two below n (n >= 2). */
static uint64_t
split(uint64_t n)
{
	uint64_t	k = 1;

	while (k << 1 < n)
		k <<= 1;
	return k;
}

void
merkle_range_init(struct merkle_range *r)
{
	memset(r, 0, sizeof(*r));
}

void
merkle_range_push(struct merkle_range *r, const merkle_hash leaf)
{
	uint64_t	s;

	memcpy(r->h[r->n++], leaf, MERKLE_HASH_LEN);
	/* Each trailing 1 bit of the old size is a subtree now complete. */
	for (s = r->size; s & 1; s >>= 1) {
		merkle_node(r->h[r->n - 2], r->h[r->n - 1], r->h[r->n - 2]);
		r->n--;
	}
	r->size++;
}

void
merkle_range_root(const struct merkle_range *r, merkle_hash out)
{
	int	i;

	if (r->n == 0) {
		SHA256((const unsigned char *)"", 0, out);
		return;
	}
	memcpy(out, r->h[r->n - 1], MERKLE_HASH_LEN);
	for (i = r->n - 2; i >= 0; i--)
		merkle_node(r->h[i], out, out);
}

void
merkle_root(const merkle_hash *leaves, uint64_t n, merkle_hash out)
{
	struct merkle_range	r;
	uint64_t		i;

	merkle_range_init(&r);
	for (i = 0; i < n; i++)
		merkle_range_push(&r, leaves[i]);
	merkle_range_root(&r, out);
}

static int
add(merkle_hash proof[MERKLE_PROOF_MAX], size_t *np, const merkle_hash h)
{
	if (*np >= MERKLE_PROOF_MAX)
		return -1;
	memcpy(proof[(*np)++], h, MERKLE_HASH_LEN);
	return 0;
}

/* RFC 6962 PATH(m, D[0:n]). */
static int
path(const merkle_hash *d, uint64_t n, uint64_t m,
    merkle_hash proof[MERKLE_PROOF_MAX], size_t *np)
{
	merkle_hash	h;
	uint64_t	k;

	if (n <= 1)
		return 0;
	k = split(n);
	if (m < k) {
		if (path(d, k, m, proof, np) == -1)
			return -1;
		merkle_root(d + k, n - k, h);
	} else {
		if (path(d + k, n - k, m - k, proof, np) == -1)
			return -1;
		merkle_root(d, k, h);
	}
	return add(proof, np, h);
}

int
merkle_inclusion(const merkle_hash *leaves, uint64_t n, uint64_t m,
    merkle_hash proof[MERKLE_PROOF_MAX], size_t *np)
{
	*np = 0;
	if (m >= n)
		return -1;
	return path(leaves, n, m, proof, np);
}

int
merkle_inclusion_check(uint64_t m, uint64_t n, const merkle_hash leaf,
    const merkle_hash *proof, size_t np, const merkle_hash root)
{
	merkle_hash	r;
	uint64_t	fn, sn;
	size_t		i;

	if (m >= n)
		return -1;
	fn = m;
	sn = n - 1;
	memcpy(r, leaf, MERKLE_HASH_LEN);
	for (i = 0; i < np; i++) {
		if (sn == 0)
			return -1;
		if ((fn & 1) || fn == sn) {
			merkle_node(proof[i], r, r);
			while (!(fn & 1) && fn != 0) {
				fn >>= 1;
				sn >>= 1;
			}
		} else
			merkle_node(r, proof[i], r);
		fn >>= 1;
		sn >>= 1;
	}
	return sn == 0 && memcmp(r, root, MERKLE_HASH_LEN) == 0 ? 0 : -1;
}

/* RFC 6962 SUBPROOF(m, D[0:n], b). */
static int
subproof(const merkle_hash *d, uint64_t m, uint64_t n, int b,
    merkle_hash proof[MERKLE_PROOF_MAX], size_t *np)
{
	merkle_hash	h;
	uint64_t	k;

	if (m == n) {
		if (b)
			return 0;
		merkle_root(d, n, h);
		return add(proof, np, h);
	}
	k = split(n);
	if (m <= k) {
		if (subproof(d, m, k, b, proof, np) == -1)
			return -1;
		merkle_root(d + k, n - k, h);
	} else {
		if (subproof(d + k, m - k, n - k, 0, proof, np) == -1)
			return -1;
		merkle_root(d, k, h);
	}
	return add(proof, np, h);
}

int
merkle_consistency(const merkle_hash *leaves, uint64_t m, uint64_t n,
    merkle_hash proof[MERKLE_PROOF_MAX], size_t *np)
{
	*np = 0;
	if (m == 0 || m > n)
		return -1;
	return subproof(leaves, m, n, 1, proof, np);
}

int
merkle_consistency_check(uint64_t m, uint64_t n, const merkle_hash root_m,
    const merkle_hash root_n, const merkle_hash *proof, size_t np)
{
	merkle_hash	fr, sr;
	uint64_t	fn, sn;
	size_t		i = 0;

	if (m == 0 || m > n)
		return -1;
	if (m == n)
		return np == 0 &&
		    memcmp(root_m, root_n, MERKLE_HASH_LEN) == 0 ? 0 : -1;
	/* A first tree that is a perfect subtree is the proof's start. */
	if ((m & (m - 1)) == 0) {
		memcpy(fr, root_m, MERKLE_HASH_LEN);
	} else {
		if (np == 0)
			return -1;
		memcpy(fr, proof[i++], MERKLE_HASH_LEN);
	}
	memcpy(sr, fr, MERKLE_HASH_LEN);
	fn = m - 1;
	sn = n - 1;
	while (fn & 1) {
		fn >>= 1;
		sn >>= 1;
	}
	for (; i < np; i++) {
		if (sn == 0)
			return -1;
		if ((fn & 1) || fn == sn) {
			merkle_node(proof[i], fr, fr);
			merkle_node(proof[i], sr, sr);
			while (!(fn & 1) && fn != 0) {
				fn >>= 1;
				sn >>= 1;
			}
		} else
			merkle_node(sr, proof[i], sr);
		fn >>= 1;
		sn >>= 1;
	}
	return sn == 0 && memcmp(fr, root_m, MERKLE_HASH_LEN) == 0 &&
	    memcmp(sr, root_n, MERKLE_HASH_LEN) == 0 ? 0 : -1;
}

int
merkle_tile_path(int level, uint64_t index, int w, char *out, size_t size)
{
	char		 digits[24], *p;
	size_t		 len, used, i;
	int		 n;

	if (level < 0 || level > 63 || w < 1 || w > 256)
		return -1;
	n = snprintf(out, size, "tile/%d/", level);
	if (n < 0 || (size_t)n >= size)
		return -1;
	used = (size_t)n;
	/* Groups of three digits, the first padded, all but the last
	 * with an "x". */
	len = (size_t)snprintf(digits, sizeof(digits), "%llu",
	    (unsigned long long)index);
	p = digits;
	i = len % 3 == 0 ? 3 : len % 3;
	n = snprintf(out + used, size - used, "%s%.*s%.*s", len > 3 ? "x" : "",
	    (int)(3 - i), "00", (int)i, p);
	if (n < 0 || (size_t)n >= size - used)
		return -1;
	used += (size_t)n;
	for (p += i; *p != '\0'; p += 3) {
		n = snprintf(out + used, size - used, "/%s%.3s",
		    p[3] != '\0' ? "x" : "", p);
		if (n < 0 || (size_t)n >= size - used)
			return -1;
		used += (size_t)n;
	}
	if (w < 256) {
		n = snprintf(out + used, size - used, ".p/%d", w);
		if (n < 0 || (size_t)n >= size - used)
			return -1;
	}
	return 0;
}
