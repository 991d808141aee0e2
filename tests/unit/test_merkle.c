/*
 * test_merkle.c - the audit trail's pure parts: RFC 6962 trees and
 * proofs (core/merkle.h) against the RFC's own test data and vectors
 * from Go's sumdb/tlog, tile paths, the canonical bytes of an entry
 * (core/entry.h) and C2SP signed notes (core/note.h) against Go's
 * sumdb/note example.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <openssl/evp.h>

#include "core/entry.h"
#include "core/merkle.h"
#include "core/note.h"
#include "merkle_vectors.h"

#define NV (sizeof(go_vectors) / sizeof(go_vectors[0]))

static void
b64(const merkle_hash h, char out[48])
{
	EVP_EncodeBlock((unsigned char *)out, h, MERKLE_HASH_LEN);
}

static void
hex(const merkle_hash h, char out[65])
{
	int	i;

	for (i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", h[i]);
}

/* The proof as Go prints it: base64 hashes joined by commas. */
static void
joined(const merkle_hash *p, size_t n, char *out)
{
	size_t	i;

	*out = '\0';
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(out, ",");
		b64(p[i], out + strlen(out));
	}
}

/* RFC 6962's reference inputs and the roots of the trees of 1..8 of
 * them (certificate-transparency's merkle tree test data). */
static void
rfc6962_roots(void **state)
{
	static const char *const in[8] = { "", "00", "10", "2021", "3031",
	    "40414243", "5051525354555657",
	    "606162636465666768696a6b6c6d6e6f" };
	static const char *const roots[8] = {
	    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
	    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
	    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
	    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
	    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
	    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
	    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
	    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
	};
	merkle_hash	leaves[8], root;
	unsigned char	buf[16];
	char		h[65];
	size_t		i, j, len;
	unsigned int	x;

	(void)state;
	for (i = 0; i < 8; i++) {
		len = strlen(in[i]) / 2;
		for (j = 0; j < len; j++) {
			sscanf(in[i] + 2 * j, "%2x", &x);
			buf[j] = (unsigned char)x;
		}
		merkle_leaf(buf, len, leaves[i]);
		merkle_root(leaves, i + 1, root);
		hex(root, h);
		assert_string_equal(h, roots[i]);
	}
	merkle_root(leaves, 0, root);
	hex(root, h);
	assert_string_equal(h,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

/* Every root and proof of the trees of 1..9 leaves as Go makes them,
 * and each proof checks, and fails once one hash or size is off. */
static void
go_tlog_vectors(void **state)
{
	merkle_hash	leaves[9], proof[MERKLE_PROOF_MAX], roots[10];
	char		buf[16], got[4096], want[4096];
	size_t		i, np, nroots = 0, nincl = 0, ncons = 0;
	unsigned long	a, b;
	int		off;

	(void)state;
	for (i = 0; i < 9; i++) {
		snprintf(buf, sizeof(buf), "leaf-%zu", i);
		merkle_leaf(buf, strlen(buf), leaves[i]);
	}
	for (i = 1; i <= 9; i++)
		merkle_root(leaves, i, roots[i]);
	for (i = 0; i < NV; i++) {
		const char *v = go_vectors[i];

		if (sscanf(v, "root %lu %n", &a, &off) == 1) {
			b64(roots[a], got);
			assert_string_equal(got, v + off);
			nroots++;
		} else if (sscanf(v, "incl %lu %lu%n", &a, &b, &off) == 2) {
			snprintf(want, sizeof(want), "%s", v[off] == ' ' ?
			    v + off + 1 : "");
			assert_int_equal(merkle_inclusion(leaves, a, b, proof,
			    &np), 0);
			joined(proof, np, got);
			assert_string_equal(got, want);
			assert_int_equal(merkle_inclusion_check(b, a, leaves[b],
			    (const merkle_hash *)proof, np, roots[a]), 0);
			assert_int_equal(merkle_inclusion_check(b, a,
			    leaves[(b + 1) % 9], (const merkle_hash *)proof,
			    np, roots[a]), -1);
			if (np > 0) {
				proof[np - 1][0] ^= 1;
				assert_int_equal(merkle_inclusion_check(b, a,
				    leaves[b], (const merkle_hash *)proof, np,
				    roots[a]), -1);
			}
			assert_int_equal(merkle_inclusion_check(b, a + 1,
			    leaves[b], (const merkle_hash *)proof, np,
			    roots[a]), -1);
			nincl++;
		} else if (sscanf(v, "cons %lu %lu%n", &a, &b, &off) == 2) {
			snprintf(want, sizeof(want), "%s", v[off] == ' ' ?
			    v + off + 1 : "");
			assert_int_equal(merkle_consistency(leaves, a, b, proof,
			    &np), 0);
			joined(proof, np, got);
			assert_string_equal(got, want);
			assert_int_equal(merkle_consistency_check(a, b, roots[a],
			    roots[b], (const merkle_hash *)proof, np), 0);
			assert_int_equal(merkle_consistency_check(a, b,
			    roots[a == 1 ? 2 : a - 1], roots[b],
			    (const merkle_hash *)proof, np), -1);
			proof[0][5] ^= 1;
			assert_int_equal(merkle_consistency_check(a, b, roots[a],
			    roots[b], (const merkle_hash *)proof, np), -1);
			ncons++;
		} else
			fail_msg("vector %s", v);
	}
	assert_int_equal(nroots, 9);
	assert_int_equal(nincl, 45);
	assert_int_equal(ncons, 36);
	/* Out of range. */
	assert_int_equal(merkle_inclusion(leaves, 3, 3, proof, &np), -1);
	assert_int_equal(merkle_consistency(leaves, 0, 3, proof, &np), -1);
	assert_int_equal(merkle_consistency(leaves, 4, 3, proof, &np), -1);
	assert_int_equal(merkle_consistency_check(3, 3, roots[3], roots[3],
	    NULL, 0), 0);
	assert_int_equal(merkle_consistency_check(3, 3, roots[3], roots[4],
	    NULL, 0), -1);
}

/* The range kept by the sealer gives the root of the whole list. */
static void
range_equals_root(void **state)
{
	struct merkle_range	r;
	merkle_hash		leaves[300], a, b;
	size_t			i;

	(void)state;
	merkle_range_init(&r);
	for (i = 0; i < 300; i++) {
		merkle_leaf(&i, sizeof(i), leaves[i]);
		merkle_range_push(&r, leaves[i]);
		merkle_range_root(&r, a);
		merkle_root(leaves, i + 1, b);
		assert_memory_equal(a, b, 32);
	}
	assert_int_equal(r.size, 300);
}

static void
tile_paths(void **state)
{
	char	p[64];

	(void)state;
	assert_int_equal(merkle_tile_path(0, 1234067, 256, p, sizeof(p)), 0);
	assert_string_equal(p, "tile/0/x001/x234/067");
	assert_int_equal(merkle_tile_path(1, 5, 17, p, sizeof(p)), 0);
	assert_string_equal(p, "tile/1/005.p/17");
	assert_int_equal(merkle_tile_path(2, 123, 256, p, sizeof(p)), 0);
	assert_string_equal(p, "tile/2/123");
	assert_int_equal(merkle_tile_path(0, 1000, 1, p, sizeof(p)), 0);
	assert_string_equal(p, "tile/0/x001/000.p/1");
	assert_int_equal(merkle_tile_path(0, 0, 0, p, sizeof(p)), -1);
	assert_int_equal(merkle_tile_path(0, 0, 257, p, sizeof(p)), -1);
	assert_int_equal(merkle_tile_path(0, 1234067, 256, p, 12), -1);
}

/* The documented layout, byte for byte, NULL distinct from "". */
static void
entry_canonical(void **state)
{
	struct entry_fields	e = { { "7", "2026-01-02T03:04:05.000006Z",
	    NULL, "staff", "act", "dossier:X", "{\"a\": 1}", "", "::1", "4",
	    "clerk" } };
	unsigned char		buf[256];
	size_t			n;

	(void)state;
	n = entry_size(&e);
	assert_int_equal(n, 22 + 11 * 4 + 1 + 27 + 5 + 3 + 9 + 8 + 3 + 1 + 5);
	entry_bytes(&e, buf);
	assert_memory_equal(buf, "motcua-audit-entry/v1\n\0\0\0\0017", 27);
	assert_memory_equal(buf + 27, "\0\0\0\0332026-01-02T", 15);
	assert_memory_equal(buf + 27 + 31, "\xff\xff\xff\xff\0\0\0\5staff", 13);
	assert_memory_equal(buf + n - 25, "\0\0\0\0\0\0\0\3::1", 11);
	assert_memory_equal(buf + n - 14, "\0\0\0\0014\0\0\0\5clerk", 14);
	e.f[7] = NULL;
	e.f[9] = NULL;
	entry_bytes(&e, buf);
	assert_memory_equal(buf + n - 25, "\xff\xff\xff\xff\0\0\0\3::1", 11);
	assert_memory_equal(buf + n - 14,
	    "\xff\xff\xff\xff\0\0\0\5clerk", 13);
}

#define PN_VKEY	"PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
#define PN_TEXT	"If you think cryptography is the answer to your problem,\n" \
		"then you don't know what your problem is.\n"
#define PN_SIG	"\xe2\x80\x94 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8" \
		"pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"

/* Go's sumdb/note example verifies; a changed byte or key does not. */
static void
signed_notes(void **state)
{
	struct note_vkey	k, other;
	char			note[512];
	unsigned char		root[32], sig[64];
	uint64_t		size;
	size_t			tl;

	(void)state;
	assert_int_equal(note_vkey_parse(PN_VKEY, &k), 0);
	assert_string_equal(k.name, "PeterNeumann");
	assert_int_equal(note_vkey_parse(PN_VKEY "\n", &k), 0);
	assert_int_equal(note_vkey_parse(
	    "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
	    &other), -1);		/* the key id does not match */
	assert_int_equal(note_vkey_parse("a b+c74f20a3+AR", &other), -1);
	assert_int_equal(note_verify(PN_TEXT "\n" PN_SIG, &k, &tl), NOTE_OK);
	assert_int_equal(tl, strlen(PN_TEXT));
	assert_int_equal(note_verify("If you think Cryptography is the answer"
	    " to your problem,\nthen you don't know what your problem is.\n\n"
	    PN_SIG, &k, &tl), NOTE_BAD_SIGNATURE);
	assert_int_equal(note_verify(PN_TEXT PN_SIG, &k, &tl), NOTE_MALFORMED);
	memcpy(&other, &k, sizeof(k));
	strcpy(other.name, "Other");
	assert_int_equal(note_verify(PN_TEXT "\n" PN_SIG, &other, &tl),
	    NOTE_UNSIGNED);
	/* A checkpoint body, and one signed by our own formatting. */
	memset(root, 0xab, sizeof(root));
	assert_int_equal(note_checkpoint("motcua.example/audit", 42, root,
	    note, sizeof(note)), 0);
	assert_string_equal(note, "motcua.example/audit\n42\n"
	    "q6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s=\n");
	memset(root, 0, sizeof(root));
	assert_int_equal(note_checkpoint_parse(note, strlen(note), &size,
	    root), 0);
	assert_int_equal(size, 42);
	assert_int_equal(root[31], 0xab);
	assert_int_equal(note_checkpoint_parse("o\n042\nq6s=\n", 11, &size,
	    root), -1);
	memset(sig, 0, sizeof(sig));
	assert_int_equal(note_signed(PN_TEXT, &k, sig, note, sizeof(note)), 0);
	assert_int_equal(note_verify(note, &k, &tl), NOTE_BAD_SIGNATURE);
	assert_int_equal(note_signed(PN_TEXT, &k, sig, note, 10), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rfc6962_roots),
		cmocka_unit_test(go_tlog_vectors),
		cmocka_unit_test(range_equals_root),
		cmocka_unit_test(tile_paths),
		cmocka_unit_test(entry_canonical),
		cmocka_unit_test(signed_notes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
