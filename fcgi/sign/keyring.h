/*
 * keyring.h - the private keys the signer holds, loaded from the keys
 * directory (keys.h): each unit's current key and the audit key.  Only
 * the signer process calls this.
 */
#ifndef MOTCUA_SIGN_KEYRING_H
#define MOTCUA_SIGN_KEYRING_H

#include <openssl/evp.h>
#include <stddef.h>

#include "sign/msg.h"

struct keyring_key {
	char		 unit[SIGN_UNIT_MAX];	/* "" for the audit key */
	unsigned char	 id[SIGN_KEYID_LEN];
	EVP_PKEY	*key;
};

struct keyring {
	struct keyring_key	*units;		/* sorted by unit */
	size_t			 nunits;
	struct keyring_key	 audit;		/* key NULL if none */
};

/* Every key that loads (a unit whose key does not is logged and left
 * out); 0, or -1 if dir cannot be read at all. */
int	keyring_load(struct keyring *, const char *dir);
/* The unit's current key, or NULL. */
const struct keyring_key *keyring_unit(const struct keyring *,
	    const char *unit);
/* Frees the keys: OpenSSL wipes their secrets as it frees them. */
void	keyring_free(struct keyring *);

#endif
