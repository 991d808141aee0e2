/*
 * client.h - a worker's way to the signer (signer.h).
 *
 * A client holds one connection, made when first needed and again
 * after it breaks; every call waits at most timeout_ms in all, and
 * returns SIGN_UNAVAILABLE (the web's 503) if the signer is not there,
 * dies, or is slow: a worker never crashes or hangs on the signer.  A
 * call that timed out is not retried (a signature may have been made
 * and logged; the caller decides).  Not for several threads at once.
 *
 * The calls are what xmlsec and CMS need underneath: a digest and the
 * unit whose key must sign it, and a DER ECDSA signature back with the
 * key id (SHA-256 of the SubjectPublicKeyInfo) that says which
 * certificate goes with it.  An EVP_PKEY whose sign operation calls
 * sign_digest is the next step (docs/signing.md).
 */
#ifndef MOTCUA_SIGN_CLIENT_H
#define MOTCUA_SIGN_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "sign/msg.h"

struct sign_client;

struct sign_result {
	unsigned char	key_id[SIGN_KEYID_LEN];
	unsigned char	sig[SIGN_SIG_MAX];
	size_t		siglen;
};

/* Never NULL (out of memory aborts); no connection yet. */
struct sign_client *sign_client_new(const char *socket_path, int timeout_ms);
void	sign_client_free(struct sign_client *);

/* A 32-byte SHA-256 digest signed with the unit's current key (ECDSA
 * P-256, DER).  request_id: the web request's, for the signer's log
 * (NULL or [A-Za-z0-9._:-], < 40 bytes). */
enum sign_status sign_digest(struct sign_client *, const char *unit,
		    const char *request_id, const unsigned char *digest,
		    size_t len, struct sign_result *);
/* The text of a signed note (ending in "\n", at most SIGN_DATA_MAX
 * bytes) signed with the audit key (Ed25519, 64 bytes). */
enum sign_status sign_note(struct sign_client *, const char *request_id,
		    const void *text, size_t len, struct sign_result *);

#endif
