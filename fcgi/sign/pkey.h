/*
 * pkey.h - a worker's key object for a unit: an EVP_PKEY that holds
 * the public key of the unit's certificate and no private key, whose
 * ECDSA signing goes to the signer (sign_digest, client.h).  OpenSSL's
 * CMS code (and any other EVP_PKEY_sign caller) runs unchanged on it in
 * the worker; the private key stays in the signer.
 *
 * It is an EC_KEY with its own EC_KEY_METHOD, which OpenSSL 3 keeps on
 * the legacy path.  A signature is accepted only if the signer says it
 * made it with the key of that certificate (the key id of its answer):
 * after a rotation the old certificate's object fails instead of
 * producing a signature that its certificate does not verify.
 */
#ifndef MOTCUA_SIGN_PKEY_H
#define MOTCUA_SIGN_PKEY_H

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "sign/msg.h"

struct sign_client;

/* The unit's current certificate and the department CA's, from
 * keys_dir (keys.h): 0, or -1 (the unit has none, or a file is bad)
 * with *cert and *ca NULL.  The caller frees them (X509_free). */
int	sign_certs_load(const char *keys_dir, const char *unit, X509 **cert,
	    X509 **ca);

/* A key object for cert's public key (ECDSA P-256) signing through c
 * as unit, request_id (may be NULL) naming the request in the signer's
 * log.  NULL if cert's key is not P-256.  Free with EVP_PKEY_free; c
 * must outlive it. */
EVP_PKEY *sign_pkey_new(X509 *cert, struct sign_client *c,
	    const char *unit, const char *request_id);

/* What the last signature through the object came to: SIGN_OK,
 * SIGN_UNAVAILABLE (no signer: 503), or another refusal; SIGN_FAILED
 * too when the signer signed with another key than cert's. */
enum sign_status sign_pkey_status(EVP_PKEY *);

#endif
