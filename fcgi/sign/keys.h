/*
 * keys.h - the keys directory (MOTCUA_KEYS_DIR) and `motcua keys`.
 *
 * Layout, all owned by the signer's user (MOTCUA_SIGNER_USER) when made
 * by root:
 *   DIR/                        0755
 *   DIR/ca.pem                  0644  the department's root CA
 *   DIR/audit.vkey              0644  the audit key, C2SP vkey form
 *   DIR/units/CODE/ID.pem       0644  a certificate of unit CODE
 *   DIR/units/CODE/current      0644  "ID\n": the one that signs now
 *   DIR/private/                0700
 *   DIR/private/ca.key          0600
 *   DIR/private/audit.key       0600  Ed25519
 *   DIR/private/CODE/ID.key     0600  ECDSA P-256
 *   DIR/signatures.log          0600  the signer's log (siglog.h)
 * ID is the first 16 hex digits of the SHA-256 of the key's
 * SubjectPublicKeyInfo (the whole digest is the key id of the wire).
 * The certificates are the metadata: no table holds it, so the signer
 * needs no database, and a copy of DIR is a backup of everything.
 *
 * Only fcgi/sign/ reads or makes private keys (scripts/layers.sh).
 * Functions return 0, or -1 after a message on stderr.
 */
#ifndef MOTCUA_SIGN_KEYS_H
#define MOTCUA_SIGN_KEYS_H

#include <stdio.h>
#include <sys/types.h>

struct keys_unit {
	const char	*code;		/* units.code */
	const char	*name;		/* units.name_vi, UTF-8 */
};

struct keys_ctx {
	const char	*dir;
	int		 chown;		/* give what is made to uid:gid */
	uid_t		 uid;
	gid_t		 gid;
	const char	*department;	/* O= of every subject; keys_init
					 * with NULL makes the audit key only */
	FILE		*out;		/* what was made, one line each */
};

/* The CA, a key and certificate for each unit that has none, and the
 * audit key named audit_name ("example.gov.vn/audit"): what exists is
 * kept. */
int	keys_init(const struct keys_ctx *, const struct keys_unit *,
	    size_t n, const char *audit_name);
/* A new key and certificate for u, made current; the old stay. */
int	keys_rotate(const struct keys_ctx *, const struct keys_unit *u);
/* The CA, every unit's certificates, the audit key's vkey. */
int	keys_list(const char *dir, FILE *out);

/* The C2SP signed-note verifier key of an Ed25519 public key:
 * name+hhhhhhhh+base64(0x01 || key); -1 if it does not fit. */
int	keys_vkey(const char *name, const unsigned char pub[32], char *out,
	    size_t size);

#endif
