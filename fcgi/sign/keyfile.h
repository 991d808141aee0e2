/*
 * keyfile.h - files of the keys directory (keys.h), for keygen.c,
 * keylist.c and the signer's keyring.c.  Functions returning int give
 * 0, or -1 after a message on stderr (log.h in the signer).
 */
#ifndef MOTCUA_SIGN_KEYFILE_H
#define MOTCUA_SIGN_KEYFILE_H

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <stddef.h>

#include "sign/keys.h"
#include "sign/msg.h"

#define KEYID_HEX	16	/* the file names' prefix of the key id */
#define KEYS_PATH_MAX	1024

/* Problems go to stderr as "motcua: ...", or to log.h once the signer
 * sets keys_log_json. */
extern int keys_log_json;
void	keys_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* dir/rel... as printf, -1 if too long. */
int	keys_path(char out[KEYS_PATH_MAX], const char *dir, const char *fmt,
	    ...) __attribute__((format(printf, 3, 4)));
/* 1 if path exists (not following a last link), else 0. */
int	keys_exists(const char *path);
/* A directory of that mode and owner, made if missing. */
int	keys_mkdir(const struct keys_ctx *, const char *path, mode_t);
/* A new file (never one that exists) with these bytes. */
int	keys_write(const struct keys_ctx *, const char *path, const void *,
	    size_t, mode_t);
/* A small file, read whole and NUL-terminated into buf; its length or
 * -1.  The caller wipes buf if it held a secret. */
long	keys_read(const char *path, char *buf, size_t size);

/* The SHA-256 of the public key's SubjectPublicKeyInfo. */
int	keys_id(EVP_PKEY *, unsigned char id[SIGN_KEYID_LEN]);
void	keys_id_hex(const unsigned char id[SIGN_KEYID_LEN],
	    char hex[KEYID_HEX + 1]);

/* A private key (PEM, PKCS#8) read from or written to path; the
 * buffers that held it are wiped. */
EVP_PKEY *keys_load_private(const char *path);
int	keys_save_private(const struct keys_ctx *, const char *path,
	    EVP_PKEY *);
X509	*keys_load_cert(const char *path);
int	keys_save_cert(const struct keys_ctx *, const char *path, X509 *);

#endif
