/*
 * keyring.c - see keyring.h.  A unit's key is taken only if its
 * certificate is there and matches it, so that what the signer signs
 * with is what `motcua keys list` shows.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/x509.h>

#include "base/log.h"
#include "sign/keyfile.h"
#include "sign/keyring.h"

static int
by_unit(const void *a, const void *b)
{
	return strcmp(((const struct keyring_key *)a)->unit,
	    ((const struct keyring_key *)b)->unit);
}

static int
load_unit(const char *dir, const char *code, struct keyring_key *k)
{
	char	 path[KEYS_PATH_MAX], cur[KEYID_HEX + 2], hex[KEYID_HEX + 1];
	X509	*x = NULL;
	int	 rc = -1;

	memset(k, 0, sizeof(*k));
	if (!sign_unit_ok(code) ||
	    keys_path(path, dir, "units/%s/current", code) == -1 ||
	    keys_read(path, cur, sizeof(cur)) != KEYID_HEX + 1)
		goto fail;
	cur[KEYID_HEX] = '\0';
	if (keys_path(path, dir, "units/%s/%s.pem", code, cur) == -1 ||
	    (x = keys_load_cert(path)) == NULL ||
	    keys_path(path, dir, "private/%s/%s.key", code, cur) == -1 ||
	    (k->key = keys_load_private(path)) == NULL)
		goto fail;
	if (X509_check_private_key(x, k->key) != 1 ||
	    EVP_PKEY_get_base_id(k->key) != EVP_PKEY_EC ||
	    keys_id(k->key, k->id) == -1) {
		log_msg(LOG_ERROR, "%s: not the key of its certificate", path);
		goto fail;
	}
	keys_id_hex(k->id, hex);
	if (strcmp(hex, cur) != 0) {
		log_msg(LOG_ERROR, "%s: its name is not its key id", path);
		goto fail;
	}
	memcpy(k->unit, code, strlen(code) + 1);	/* sign_unit_ok: it fits */
	rc = 0;
fail:
	X509_free(x);
	if (rc == -1) {
		EVP_PKEY_free(k->key);
		k->key = NULL;
		log_msg(LOG_WARN, "signer: no key for unit %s", code);
	}
	return rc;
}

int
keyring_load(struct keyring *r, const char *dir)
{
	char		 path[KEYS_PATH_MAX];
	struct dirent	*e;
	DIR		*d;

	memset(r, 0, sizeof(*r));
	if (keys_path(path, dir, "private/audit.key") == 0 &&
	    keys_exists(path)) {
		if ((r->audit.key = keys_load_private(path)) == NULL ||
		    EVP_PKEY_get_base_id(r->audit.key) != EVP_PKEY_ED25519 ||
		    keys_id(r->audit.key, r->audit.id) == -1) {
			log_msg(LOG_ERROR, "%s: not an Ed25519 key", path);
			EVP_PKEY_free(r->audit.key);
			r->audit.key = NULL;
		}
	}
	if (keys_path(path, dir, "units") == -1 || (d = opendir(path)) == NULL) {
		log_msg(LOG_WARN, "signer: no keys in %s (motcua keys init "
		    "makes them)", dir);
		return r->audit.key != NULL ? 0 : -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if ((r->units = realloc(r->units, (r->nunits + 1) *
		    sizeof(*r->units))) == NULL)
			abort();
		if (load_unit(dir, e->d_name, &r->units[r->nunits]) == 0)
			r->nunits++;
	}
	closedir(d);
	if (r->nunits > 0)
		qsort(r->units, r->nunits, sizeof(*r->units), by_unit);
	return 0;
}

const struct keyring_key *
keyring_unit(const struct keyring *r, const char *unit)
{
	struct keyring_key	k;

	if (r->nunits == 0 || strlen(unit) >= sizeof(k.unit))
		return NULL;
	memcpy(k.unit, unit, strlen(unit) + 1);
	return bsearch(&k, r->units, r->nunits, sizeof(k), by_unit);
}

void
keyring_free(struct keyring *r)
{
	size_t	i;

	for (i = 0; i < r->nunits; i++)
		EVP_PKEY_free(r->units[i].key);
	free(r->units);
	EVP_PKEY_free(r->audit.key);
	memset(r, 0, sizeof(*r));
}
