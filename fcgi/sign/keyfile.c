/*
 * keyfile.c - see keyfile.h.  Files are made with O_EXCL and
 * O_NOFOLLOW, their mode set before a byte is written, and given to
 * the signer's user before they are closed: a key is never readable by
 * anyone else, not even for a moment.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/pem.h>
#include <openssl/sha.h>

#include "base/log.h"
#include "sign/keyfile.h"

int	keys_log_json;

void
keys_err(const char *fmt, ...)
{
	char	msg[1024];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (keys_log_json)
		log_msg(LOG_ERROR, "%s", msg);
	else
		fprintf(stderr, "motcua: %s\n", msg);
}

int
keys_path(char out[KEYS_PATH_MAX], const char *dir, const char *fmt, ...)
{
	char	rel[KEYS_PATH_MAX];
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(rel, sizeof(rel), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(rel) ||
	    (n = snprintf(out, KEYS_PATH_MAX, "%s/%s", dir, rel)) < 0 ||
	    n >= KEYS_PATH_MAX) {
		keys_err("%s: path too long", dir);
		return -1;
	}
	return 0;
}

int
keys_exists(const char *path)
{
	struct stat	st;

	return lstat(path, &st) == 0;
}

int
keys_mkdir(const struct keys_ctx *k, const char *path, mode_t mode)
{
	struct stat	st;

	if (mkdir(path, mode) == -1 && errno != EEXIST) {
		keys_err("mkdir %s: %s", path, strerror(errno));
		return -1;
	}
	if (lstat(path, &st) == -1 || !S_ISDIR(st.st_mode)) {
		keys_err("%s: not a directory", path);
		return -1;
	}
	if (chmod(path, mode) == -1 ||
	    (k->chown && lchown(path, k->uid, k->gid) == -1)) {
		keys_err("%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

int
keys_write(const struct keys_ctx *k, const char *path, const void *p,
    size_t n, mode_t mode)
{
	int	fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, mode)) == -1) {
		keys_err("%s: %s", path, strerror(errno));
		return -1;
	}
	if (fchmod(fd, mode) == -1 ||
	    (k->chown && fchown(fd, k->uid, k->gid) == -1) ||
	    write(fd, p, n) != (ssize_t)n || fsync(fd) == -1) {
		keys_err("%s: %s", path, strerror(errno));
		close(fd);
		unlink(path);
		return -1;
	}
	return close(fd);
}

long
keys_read(const char *path, char *buf, size_t size)
{
	ssize_t	r;
	size_t	n = 0;
	int	fd;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1) {
		keys_err("%s: %s", path, strerror(errno));
		return -1;
	}
	while (n + 1 < size && (r = read(fd, buf + n, size - 1 - n)) > 0)
		n += (size_t)r;
	r = n + 1 == size ? read(fd, &(char){0}, 1) : 0;
	close(fd);
	if (r != 0) {
		keys_err("%s: too large", path);
		return -1;
	}
	buf[n] = '\0';
	return (long)n;
}

int
keys_id(EVP_PKEY *key, unsigned char id[SIGN_KEYID_LEN])
{
	unsigned char	*der = NULL;
	int		 n;

	if ((n = i2d_PUBKEY(key, &der)) <= 0)
		return -1;
	SHA256(der, (size_t)n, id);
	OPENSSL_free(der);
	return 0;
}

void
keys_id_hex(const unsigned char id[SIGN_KEYID_LEN], char hex[KEYID_HEX + 1])
{
	size_t	i;

	for (i = 0; i < KEYID_HEX / 2; i++)
		snprintf(hex + 2 * i, 3, "%02x", id[i]);
}

EVP_PKEY *
keys_load_private(const char *path)
{
	char		 buf[8192];
	EVP_PKEY	*key = NULL;
	BIO		*b;
	long		 n;

	if ((n = keys_read(path, buf, sizeof(buf))) == -1)
		return NULL;
	if ((b = BIO_new_mem_buf(buf, (int)n)) != NULL)
		key = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
	BIO_free(b);
	OPENSSL_cleanse(buf, sizeof(buf));
	if (key == NULL)
		keys_err("%s: not a private key", path);
	return key;
}

/* Write what a memory BIO holds, then wipe it. */
static int
save_bio(const struct keys_ctx *k, const char *path, BIO *b, mode_t mode)
{
	char	*p;
	long	 n;
	int	 rc;

	n = BIO_get_mem_data(b, &p);
	rc = n > 0 ? keys_write(k, path, p, (size_t)n, mode) : -1;
	if (n > 0)
		OPENSSL_cleanse(p, (size_t)n);
	return rc;
}

int
keys_save_private(const struct keys_ctx *k, const char *path, EVP_PKEY *key)
{
	BIO	*b;
	int	 rc = -1;

	if ((b = BIO_new(BIO_s_mem())) != NULL &&
	    PEM_write_bio_PrivateKey(b, key, NULL, NULL, 0, NULL, NULL) == 1)
		rc = save_bio(k, path, b, 0600);
	else
		keys_err("%s: cannot encode the key", path);
	BIO_free(b);
	return rc;
}

X509 *
keys_load_cert(const char *path)
{
	X509	*x = NULL;
	FILE	*f;

	if ((f = fopen(path, "re")) != NULL) {
		x = PEM_read_X509(f, NULL, NULL, NULL);
		fclose(f);
	}
	if (x == NULL)
		keys_err("%s: not a certificate", path);
	return x;
}

int
keys_save_cert(const struct keys_ctx *k, const char *path, X509 *x)
{
	BIO	*b;
	int	 rc = -1;

	if ((b = BIO_new(BIO_s_mem())) != NULL && PEM_write_bio_X509(b, x) == 1)
		rc = save_bio(k, path, b, 0644);
	else
		keys_err("%s: cannot encode the certificate", path);
	BIO_free(b);
	return rc;
}
