/*
 * pkey.c - the worker's key stub (pkey.h).
 *
 * EC_KEY_METHOD is deprecated in OpenSSL 3 in favour of providers;
 * it is still the smallest way to hand one operation of an otherwise
 * ordinary key to someone else, and OpenSSL 3.0 routes such "foreign"
 * EC keys through the legacy EVP path that calls the method.
 */
#define OPENSSL_SUPPRESS_DEPRECATED

#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/objects.h>
#include <openssl/sha.h>

#include "sign/client.h"
#include "sign/keyfile.h"
#include "sign/pkey.h"

struct stub {
	struct sign_client	*client;
	char			 unit[SIGN_UNIT_MAX];
	char			 reqid[SIGN_REQID_MAX];
	int			 has_reqid;
	unsigned char		 key_id[SIGN_KEYID_LEN];
	enum sign_status	 status;
};

/* Made once per process, like the definitions: no per-request state. */
static EC_KEY_METHOD	*method;
static int		 stub_index = -1;

static void
stub_free(void *parent, void *ptr, CRYPTO_EX_DATA *ad, int idx, long argl,
    void *argp)
{
	(void)parent;
	(void)ad;
	(void)idx;
	(void)argl;
	(void)argp;
	OPENSSL_free(ptr);
}

/* ECDSA_sign's way in: the digest to the signer, DER back. */
static int
stub_sign(int type, const unsigned char *dgst, int dlen, unsigned char *sig,
    unsigned int *siglen, const BIGNUM *kinv, const BIGNUM *r, EC_KEY *ec)
{
	struct stub		*s = EC_KEY_get_ex_data(ec, stub_index);
	struct sign_result	 res;

	(void)type;
	if (s == NULL || kinv != NULL || r != NULL)
		return 0;
	if (dlen != SIGN_DIGEST_LEN) {
		s->status = SIGN_BAD_LENGTH;
		return 0;
	}
	s->status = sign_digest(s->client, s->unit,
	    s->has_reqid ? s->reqid : NULL, dgst, (size_t)dlen, &res);
	if (s->status != SIGN_OK)
		return 0;
	if (memcmp(res.key_id, s->key_id, SIGN_KEYID_LEN) != 0 ||
	    res.siglen > (size_t)ECDSA_size(ec)) {
		s->status = SIGN_FAILED;
		return 0;
	}
	memcpy(sig, res.sig, res.siglen);
	*siglen = (unsigned int)res.siglen;
	return 1;
}

/* ECDSA_do_sign's: the same, as an ECDSA_SIG. */
static ECDSA_SIG *
stub_sign_sig(const unsigned char *dgst, int dlen, const BIGNUM *kinv,
    const BIGNUM *r, EC_KEY *ec)
{
	unsigned char		 der[SIGN_SIG_MAX];
	const unsigned char	*p = der;
	unsigned int		 n = 0;

	if (ECDSA_size(ec) > (int)sizeof(der) ||
	    !stub_sign(0, dgst, dlen, der, &n, kinv, r, ec))
		return NULL;
	return d2i_ECDSA_SIG(NULL, &p, (long)n);
}

static int
setup(void)
{
	const EC_KEY_METHOD	*def = EC_KEY_OpenSSL();
	int (*vfy)(int, const unsigned char *, int, const unsigned char *,
	    int, EC_KEY *);
	int (*vfy_sig)(const unsigned char *, int, const ECDSA_SIG *,
	    EC_KEY *);

	if (method != NULL)
		return 0;
	stub_index = EC_KEY_get_ex_new_index(0, NULL, NULL, NULL, stub_free);
	if (stub_index < 0 || (method = EC_KEY_METHOD_new(def)) == NULL)
		return -1;
	EC_KEY_METHOD_get_verify(def, &vfy, &vfy_sig);
	EC_KEY_METHOD_set_verify(method, vfy, vfy_sig);
	EC_KEY_METHOD_set_sign(method, stub_sign, NULL, stub_sign_sig);
	/* No key generation or key agreement with a stub. */
	EC_KEY_METHOD_set_keygen(method, NULL);
	EC_KEY_METHOD_set_compute_key(method, NULL);
	return 0;
}

EVP_PKEY *
sign_pkey_new(X509 *cert, struct sign_client *c, const char *unit,
    const char *request_id)
{
	EVP_PKEY	*pub, *p = NULL;
	const EC_KEY	*src;
	EC_KEY		*ec = NULL;
	struct stub	*s = NULL;

	if (setup() == -1 || (pub = X509_get0_pubkey(cert)) == NULL ||
	    (src = EVP_PKEY_get0_EC_KEY(pub)) == NULL ||
	    EC_GROUP_get_curve_name(EC_KEY_get0_group(src)) !=
	    NID_X9_62_prime256v1 || strlen(unit) >= SIGN_UNIT_MAX ||
	    (request_id != NULL && strlen(request_id) >= SIGN_REQID_MAX))
		return NULL;
	if ((s = OPENSSL_zalloc(sizeof(*s))) == NULL)
		abort();
	s->client = c;
	memcpy(s->unit, unit, strlen(unit) + 1);
	if (request_id != NULL) {
		memcpy(s->reqid, request_id, strlen(request_id) + 1);
		s->has_reqid = 1;
	}
	s->status = SIGN_OK;
	if (keys_id(pub, s->key_id) == -1)
		goto fail;
	if ((ec = EC_KEY_new()) == NULL ||
	    EC_KEY_set_method(ec, method) != 1 ||
	    EC_KEY_set_group(ec, EC_KEY_get0_group(src)) != 1 ||
	    EC_KEY_set_public_key(ec, EC_KEY_get0_public_key(src)) != 1 ||
	    EC_KEY_set_ex_data(ec, stub_index, s) != 1)
		goto fail;
	s = NULL;			/* the EC_KEY's now */
	if ((p = EVP_PKEY_new()) == NULL || EVP_PKEY_assign_EC_KEY(p, ec) != 1)
		goto fail;
	return p;
fail:
	EVP_PKEY_free(p);
	EC_KEY_free(ec);
	OPENSSL_free(s);
	return NULL;
}

enum sign_status
sign_pkey_status(EVP_PKEY *p)
{
	const EC_KEY	*ec = EVP_PKEY_get0_EC_KEY(p);
	struct stub	*s;

	if (ec == NULL ||
	    (s = EC_KEY_get_ex_data(ec, stub_index)) == NULL)
		return SIGN_FAILED;
	return s->status;
}

int
sign_certs_load(const char *dir, const char *unit, X509 **cert, X509 **ca)
{
	char	 path[KEYS_PATH_MAX], id[KEYID_HEX + 2];
	long	 n;

	*cert = *ca = NULL;
	if (!sign_unit_ok(unit) ||
	    keys_path(path, dir, "units/%s/current", unit) == -1 ||
	    (n = keys_read(path, id, sizeof(id))) != KEYID_HEX + 1 ||
	    id[KEYID_HEX] != '\n')
		return -1;
	id[KEYID_HEX] = '\0';
	if (strspn(id, "0123456789abcdef") != KEYID_HEX ||
	    keys_path(path, dir, "units/%s/%s.pem", unit, id) == -1 ||
	    (*cert = keys_load_cert(path)) == NULL ||
	    keys_path(path, dir, "ca.pem") == -1 ||
	    (*ca = keys_load_cert(path)) == NULL) {
		X509_free(*cert);
		*cert = NULL;
		return -1;
	}
	return 0;
}
