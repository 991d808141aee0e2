/*
 * merkle.h - RFC 6962 / RFC 9162 Merkle trees, pure.
 *
 * A leaf's hash is SHA-256(0x00 || entry), a node's SHA-256(0x01 ||
 * left || right); the tree of n leaves splits at the largest power of
 * two below n; the empty tree's hash is SHA-256("").  Proofs are lists
 * of hashes from the leaf's level up, as RFC 9162 section 2.1 (and Go's
 * golang.org/x/mod/sumdb/tlog) give them.  A tree of at most 2^63
 * leaves has proofs of at most MERKLE_PROOF_MAX hashes.
 *
 * Functions returning int give 0, or -1 for arguments out of range or
 * a proof that does not hold.
 */
#ifndef MOTCUA_CORE_MERKLE_H
#define MOTCUA_CORE_MERKLE_H

#include <stddef.h>
#include <stdint.h>

#define MERKLE_HASH_LEN		32
#define MERKLE_PROOF_MAX	128
#define MERKLE_TILE_HEIGHT	8	/* C2SP tlog-tiles: 256 hashes */

typedef unsigned char merkle_hash[MERKLE_HASH_LEN];

void	merkle_leaf(const void *entry, size_t len, merkle_hash out);
void	merkle_node(const merkle_hash l, const merkle_hash r, merkle_hash out);

/* The root of the tree of leaves[0..n). */
void	merkle_root(const merkle_hash *leaves, uint64_t n, merkle_hash out);

/*
 * The right edge of a growing tree (the roots of its perfect subtrees,
 * largest first): a leaf appended in O(log n), the root in O(log n).
 */
struct merkle_range {
	uint64_t	size;
	int		n;
	merkle_hash	h[64];
};

void	merkle_range_init(struct merkle_range *);
void	merkle_range_push(struct merkle_range *, const merkle_hash leaf);
void	merkle_range_root(const struct merkle_range *, merkle_hash out);

/* The inclusion proof of leaf m in the tree of leaves[0..n): *np hashes. */
int	merkle_inclusion(const merkle_hash *leaves, uint64_t n, uint64_t m,
	    merkle_hash proof[MERKLE_PROOF_MAX], size_t *np);
int	merkle_inclusion_check(uint64_t m, uint64_t n, const merkle_hash leaf,
	    const merkle_hash *proof, size_t np, const merkle_hash root);

/* The proof that the tree of size m is a prefix of that of size n,
 * 0 < m <= n (empty when m == n). */
int	merkle_consistency(const merkle_hash *leaves, uint64_t m, uint64_t n,
	    merkle_hash proof[MERKLE_PROOF_MAX], size_t *np);
int	merkle_consistency_check(uint64_t m, uint64_t n,
	    const merkle_hash root_m, const merkle_hash root_n,
	    const merkle_hash *proof, size_t np);

/*
 * The C2SP tlog-tiles path of tile (level, index) of width w (1..256;
 * 256 is a full tile, else ".p/W"): "tile/L/x001/x234/067[.p/W]".
 * -1 if it does not fit.
 */
int	merkle_tile_path(int level, uint64_t index, int w, char *out,
	    size_t size);

#endif
