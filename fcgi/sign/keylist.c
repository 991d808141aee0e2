/*
 * keylist.c - `motcua keys list` and the C2SP vkey form (keys.h).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/asn1.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include "sign/keyfile.h"

/*
 * C2SP signed-note: a verifier key is name "+" key hash "+" base64 of
 * the algorithm byte (0x01, Ed25519) and the 32-byte public key; the
 * key hash is the first four bytes, big-endian, of SHA-256(name ||
 * "\n" || 0x01 || key), in eight lowercase hex digits.  A name is not
 * empty and has no "+" and no space.
 */
int
keys_vkey(const char *name, const unsigned char pub[32], char *out,
    size_t size)
{
	unsigned char	buf[256 + 34], h[SHA256_DIGEST_LENGTH];
	char		b64[64];
	size_t		i, n = strlen(name);
	int		w;

	if (n == 0 || n > 255)
		return -1;
	for (i = 0; i < n; i++)
		if (name[i] == '+' || (unsigned char)name[i] <= ' ' ||
		    name[i] == 0x7f)
			return -1;
	memcpy(buf, name, n);
	buf[n] = '\n';
	buf[n + 1] = 0x01;
	memcpy(buf + n + 2, pub, 32);
	SHA256(buf, n + 34, h);
	EVP_EncodeBlock((unsigned char *)b64, buf + n + 1, 33);
	w = snprintf(out, size, "%s+%02x%02x%02x%02x+%s", name, h[0], h[1],
	    h[2], h[3], b64);
	return w < 0 || (size_t)w >= size ? -1 : 0;
}

static void
print_time(FILE *out, const ASN1_TIME *t)
{
	struct tm	tm;

	if (ASN1_TIME_to_tm(t, &tm) == 1)
		fprintf(out, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
		    tm.tm_mday);
	else
		fputs("?", out);
}

static void
print_cert(FILE *out, const char *what, const char *path, int current)
{
	char	 cn[512] = "";
	X509	*x;

	if ((x = keys_load_cert(path)) == NULL)
		return;
	X509_NAME_get_text_by_NID(X509_get_subject_name(x), NID_commonName,
	    cn, sizeof(cn));
	fprintf(out, "%s  ", what);
	print_time(out, X509_get0_notBefore(x));
	fputs(" .. ", out);
	print_time(out, X509_get0_notAfter(x));
	fprintf(out, "  %s%s\n", cn, current ? "  (current)" : "");
	X509_free(x);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir, sorted; *n of them, free with names_free. */
static char **
names(const char *dir, size_t *n)
{
	struct dirent	 *e;
	char		**v = NULL;
	DIR		 *d;

	*n = 0;
	if ((d = opendir(dir)) == NULL)
		return NULL;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if ((v = realloc(v, (*n + 1) * sizeof(*v))) == NULL ||
		    (v[*n] = strdup(e->d_name)) == NULL)
			abort();
		(*n)++;
	}
	closedir(d);
	if (*n > 0)
		qsort(v, *n, sizeof(*v), by_name);
	return v;
}

static void
names_free(char **v, size_t n)
{
	while (n > 0)
		free(v[--n]);
	free(v);
}

static void
list_unit(const char *dir, const char *code, FILE *out)
{
	char	  path[KEYS_PATH_MAX], cur[KEYID_HEX + 2] = "", what[128];
	char	**v;
	size_t	  n, i, len;

	if (keys_path(path, dir, "units/%s/current", code) == -1 ||
	    keys_read(path, cur, sizeof(cur)) == -1)
		return;
	cur[strcspn(cur, "\n")] = '\0';
	if (keys_path(path, dir, "units/%s", code) == -1)
		return;
	v = names(path, &n);
	for (i = 0; i < n; i++) {
		len = strlen(v[i]);
		if (len != KEYID_HEX + 4 || strcmp(v[i] + KEYID_HEX, ".pem") != 0)
			continue;
		v[i][KEYID_HEX] = '\0';
		snprintf(what, sizeof(what), "%-16s %s", code, v[i]);
		if (keys_path(path, dir, "units/%s/%s.pem", code, v[i]) == 0)
			print_cert(out, what, path, strcmp(v[i], cur) == 0);
	}
	names_free(v, n);
}

int
keys_list(const char *dir, FILE *out)
{
	char	  path[KEYS_PATH_MAX], vkey[512];
	char	**v;
	size_t	  n, i;

	if (keys_path(path, dir, "ca.pem") == -1)
		return -1;
	if (!keys_exists(path)) {
		keys_err("%s: no keys (motcua keys init makes them)", dir);
		return -1;
	}
	fprintf(out, "CA: %s\n", path);
	print_cert(out, "ca", path, 0);
	fputs("unit             key id            valid                     "
	    "  subject\n", out);
	if (keys_path(path, dir, "units") == -1)
		return -1;
	v = names(path, &n);
	for (i = 0; i < n; i++)
		list_unit(dir, v[i], out);
	names_free(v, n);
	if (keys_path(path, dir, "audit.vkey") == 0 &&
	    keys_read(path, vkey, sizeof(vkey)) >= 0)
		fprintf(out, "audit key (C2SP vkey): %s", vkey);
	return 0;
}
