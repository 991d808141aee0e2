/*
 * keygen.c - `motcua keys init` and `rotate` (keys.h): the department's
 * root CA, the units' ECDSA P-256 keys with certificates it issues, and
 * the audit trail's Ed25519 key.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include "sign/keyfile.h"

#define CA_DAYS		3650
#define UNIT_DAYS	1095	/* three years */
#define NAME_CHARS	64	/* ub-common-name, ub-organization-name */

/* s cut to at most NAME_CHARS characters of UTF-8 (X.520's upper
 * bounds): 64 characters take at most 256 bytes, so out always fits
 * whole characters. */
static void
bounded(char out[4 * NAME_CHARS + 1], const char *s)
{
	size_t	i, chars = 0;

	for (i = 0; s[i] != '\0' && i < 4 * NAME_CHARS; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars > NAME_CHARS)
			break;
		out[i] = s[i];
	}
	out[i] = '\0';
}

static int
name_add(X509_NAME *n, const char *field, const char *value)
{
	char	v[4 * NAME_CHARS + 1];

	bounded(v, value);
	return X509_NAME_add_entry_by_txt(n, field, MBSTRING_UTF8,
	    (const unsigned char *)v, -1, -1, 0) == 1 ? 0 : -1;
}

static int
ext_add(X509 *x, X509 *issuer, int nid, const char *value)
{
	X509V3_CTX	 ctx;
	X509_EXTENSION	*e;
	int		 ok;

	X509V3_set_ctx(&ctx, issuer, x, NULL, NULL, 0);
	if ((e = X509V3_EXT_conf_nid(NULL, &ctx, nid, value)) == NULL)
		return -1;
	ok = X509_add_ext(x, e, -1);
	X509_EXTENSION_free(e);
	return ok == 1 ? 0 : -1;
}

/* A random positive 127-bit serial number. */
static int
serial(X509 *x)
{
	unsigned char	 b[16];
	BIGNUM		*bn;
	int		 ok;

	if (RAND_bytes(b, sizeof(b)) != 1)
		return -1;
	b[0] &= 0x7F;
	b[0] |= 0x01;
	if ((bn = BN_bin2bn(b, sizeof(b), NULL)) == NULL)
		return -1;
	ok = BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x)) != NULL;
	BN_free(bn);
	return ok ? 0 : -1;
}

/*
 * A certificate for key with subject, issued by issuer (NULL: itself)
 * and signed with ikey: a CA, or a unit's signing certificate.
 */
static X509 *
certify(EVP_PKEY *key, X509_NAME *subject, X509 *issuer, EVP_PKEY *ikey,
    int ca)
{
	X509	*x;

	if ((x = X509_new()) == NULL)
		return NULL;
	if (X509_set_version(x, 2) != 1 || serial(x) == -1 ||
	    X509_set_subject_name(x, subject) != 1 ||
	    X509_set_issuer_name(x, issuer != NULL ?
	    X509_get_subject_name(issuer) : subject) != 1 ||
	    X509_gmtime_adj(X509_getm_notBefore(x), 0) == NULL ||
	    X509_time_adj_ex(X509_getm_notAfter(x), ca ? CA_DAYS : UNIT_DAYS,
	    0, NULL) == NULL ||
	    X509_set_pubkey(x, key) != 1)
		goto fail;
	if (issuer == NULL)
		issuer = x;
	if (ext_add(x, issuer, NID_basic_constraints, ca ?
	    "critical,CA:TRUE" : "critical,CA:FALSE") == -1 ||
	    ext_add(x, issuer, NID_key_usage, ca ?
	    "critical,keyCertSign,cRLSign" :
	    "critical,digitalSignature,nonRepudiation") == -1 ||
	    ext_add(x, issuer, NID_subject_key_identifier, "hash") == -1 ||
	    (!ca && ext_add(x, issuer, NID_authority_key_identifier,
	    "keyid:always") == -1))
		goto fail;
	if (X509_sign(x, ikey, EVP_sha256()) == 0)
		goto fail;
	return x;
fail:
	X509_free(x);
	return NULL;
}

struct ca {
	X509		*cert;
	EVP_PKEY	*key;
};

static void
ca_free(struct ca *ca)
{
	X509_free(ca->cert);
	EVP_PKEY_free(ca->key);
}

/* The CA of the directory, made if it has none. */
static int
ca_open(const struct keys_ctx *k, struct ca *ca)
{
	char		 cert[KEYS_PATH_MAX], key[KEYS_PATH_MAX], cn[512];
	X509_NAME	*n = NULL;

	memset(ca, 0, sizeof(*ca));
	if (keys_path(cert, k->dir, "ca.pem") == -1 ||
	    keys_path(key, k->dir, "private/ca.key") == -1)
		return -1;
	if (keys_exists(cert) || keys_exists(key)) {
		if ((ca->cert = keys_load_cert(cert)) == NULL ||
		    (ca->key = keys_load_private(key)) == NULL)
			goto fail;
		if (X509_check_private_key(ca->cert, ca->key) != 1) {
			keys_err("%s does not match %s", key, cert);
			goto fail;
		}
		return 0;
	}
	snprintf(cn, sizeof(cn), "%s (CA)", k->department);
	if ((ca->key = EVP_EC_gen("P-256")) == NULL ||
	    (n = X509_NAME_new()) == NULL ||
	    name_add(n, "C", "VN") == -1 ||
	    name_add(n, "O", k->department) == -1 ||
	    name_add(n, "CN", cn) == -1 ||
	    (ca->cert = certify(ca->key, n, NULL, ca->key, 1)) == NULL) {
		keys_err("cannot make the CA");
		goto fail;
	}
	X509_NAME_free(n);
	n = NULL;
	if (keys_save_private(k, key, ca->key) == -1 ||
	    keys_save_cert(k, cert, ca->cert) == -1)
		goto fail;
	fprintf(k->out, "made the department CA: %s\n", cert);
	return 0;
fail:
	X509_NAME_free(n);
	ca_free(ca);
	return -1;
}

/* A new key and certificate for u, made current. */
static int
unit_key(const struct keys_ctx *k, const struct ca *ca,
    const struct keys_unit *u)
{
	unsigned char	 id[SIGN_KEYID_LEN];
	char		 hex[KEYID_HEX + 1], path[KEYS_PATH_MAX];
	char		 cur[KEYS_PATH_MAX], tmp[KEYS_PATH_MAX];
	EVP_PKEY	*key = NULL;
	X509_NAME	*n = NULL;
	X509		*x = NULL;
	int		 rc = -1;

	if (!sign_unit_ok(u->code)) {
		keys_err("%s: not a unit code", u->code);
		return -1;
	}
	if ((key = EVP_EC_gen("P-256")) == NULL || keys_id(key, id) == -1 ||
	    (n = X509_NAME_new()) == NULL ||
	    name_add(n, "C", "VN") == -1 ||
	    name_add(n, "O", k->department) == -1 ||
	    name_add(n, "CN", u->name) == -1 ||
	    name_add(n, "serialNumber", u->code) == -1 ||
	    (x = certify(key, n, ca->cert, ca->key, 0)) == NULL) {
		keys_err("%s: cannot make a key and certificate", u->code);
		goto fail;
	}
	keys_id_hex(id, hex);
	if (keys_path(path, k->dir, "units/%s", u->code) == -1 ||
	    keys_mkdir(k, path, 0755) == -1 ||
	    keys_path(path, k->dir, "private/%s", u->code) == -1 ||
	    keys_mkdir(k, path, 0700) == -1 ||
	    keys_path(path, k->dir, "private/%s/%s.key", u->code, hex) == -1 ||
	    keys_save_private(k, path, key) == -1 ||
	    keys_path(path, k->dir, "units/%s/%s.pem", u->code, hex) == -1 ||
	    keys_save_cert(k, path, x) == -1 ||
	    keys_path(cur, k->dir, "units/%s/current", u->code) == -1 ||
	    keys_path(tmp, k->dir, "units/%s/current.new", u->code) == -1)
		goto fail;
	/* The new one becomes current at once or not at all. */
	hex[KEYID_HEX] = '\n';
	unlink(tmp);
	if (keys_write(k, tmp, hex, KEYID_HEX + 1, 0644) == -1 ||
	    rename(tmp, cur) == -1) {
		keys_err("%s: cannot make it current", cur);
		goto fail;
	}
	hex[KEYID_HEX] = '\0';
	fprintf(k->out, "made a key for %s: %s\n", u->code, hex);
	rc = 0;
fail:
	X509_NAME_free(n);
	X509_free(x);
	EVP_PKEY_free(key);
	return rc;
}

/* The audit trail's Ed25519 key, made if there is none. */
static int
audit_key(const struct keys_ctx *k, const char *name)
{
	unsigned char	 pub[32];
	char		 path[KEYS_PATH_MAX], vkey[256];
	EVP_PKEY	*key = NULL;
	size_t		 n = sizeof(pub);
	int		 rc = -1;

	if (keys_path(path, k->dir, "private/audit.key") == -1)
		return -1;
	if (keys_exists(path))
		return 0;
	if ((key = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519")) == NULL ||
	    EVP_PKEY_get_raw_public_key(key, pub, &n) != 1 || n != 32 ||
	    keys_vkey(name, pub, vkey, sizeof(vkey)) == -1) {
		keys_err("cannot make the audit key named %s", name);
		goto fail;
	}
	if (keys_save_private(k, path, key) == -1 ||
	    keys_path(path, k->dir, "audit.vkey") == -1)
		goto fail;
	unlink(path);
	n = strlen(vkey);
	vkey[n] = '\n';
	if (keys_write(k, path, vkey, n + 1, 0644) == -1)
		goto fail;
	vkey[n] = '\0';
	fprintf(k->out, "made the audit key: %s\n", vkey);
	rc = 0;
fail:
	EVP_PKEY_free(key);
	return rc;
}

static int
dirs(const struct keys_ctx *k)
{
	char	path[KEYS_PATH_MAX];

	if (keys_mkdir(k, k->dir, 0755) == -1 ||
	    keys_path(path, k->dir, "units") == -1 ||
	    keys_mkdir(k, path, 0755) == -1 ||
	    keys_path(path, k->dir, "private") == -1 ||
	    keys_mkdir(k, path, 0700) == -1)
		return -1;
	return 0;
}

int
keys_init(const struct keys_ctx *k, const struct keys_unit *u, size_t n,
    const char *audit_name)
{
	struct ca	ca;
	char		path[KEYS_PATH_MAX];
	size_t		i;
	int		rc = 0;

	if (dirs(k) == -1)
		return -1;
	if (k->department == NULL)	/* no CA without its name */
		return audit_key(k, audit_name);
	if (ca_open(k, &ca) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if (keys_path(path, k->dir, "units/%s/current", u[i].code) == -1)
			rc = -1;
		else if (!keys_exists(path) && unit_key(k, &ca, &u[i]) == -1)
			rc = -1;
	}
	if (audit_key(k, audit_name) == -1)
		rc = -1;
	ca_free(&ca);
	return rc;
}

int
keys_rotate(const struct keys_ctx *k, const struct keys_unit *u)
{
	struct ca	ca;
	int		rc;

	if (dirs(k) == -1 || ca_open(k, &ca) == -1)
		return -1;
	rc = unit_key(k, &ca, u);
	ca_free(&ca);
	return rc;
}
