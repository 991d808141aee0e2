/*
 * msg.c - see msg.h.  Lengths are checked before any field is read;
 * strings must be NUL-terminated inside their field and padded with
 * NULs, so that what the signer logs is exactly what was sent.
 */
#include <string.h>

#include "sign/msg.h"

const char *const sign_alg_names[SIGN_ALG__MAX] = {
	[SIGN_ALG_NONE] = "none",
	[SIGN_ALG_ECDSA_P256_SHA256] = "ecdsa-p256-sha256",
	[SIGN_ALG_ED25519_NOTE] = "ed25519-note",
};

const char *const sign_status_names[SIGN__MAX] = {
	[SIGN_OK] = "ok",
	[SIGN_UNAVAILABLE] = "signer unavailable",
	[SIGN_MALFORMED] = "malformed message",
	[SIGN_BAD_ALG] = "unknown algorithm",
	[SIGN_BAD_LENGTH] = "data of the wrong length",
	[SIGN_BAD_UNIT] = "not a unit code",
	[SIGN_NO_KEY] = "no key for this unit",
	[SIGN_FAILED] = "signing failed",
};

/* A NUL-terminated string filling its field with NULs after it. */
static int
field_ok(const char *f, size_t size)
{
	const char	*nul;
	size_t		 i;

	if ((nul = memchr(f, '\0', size)) == NULL)
		return 0;
	for (i = (size_t)(nul - f); i < size; i++)
		if (f[i] != '\0')
			return 0;
	return 1;
}

int
sign_unit_ok(const char *s)
{
	size_t	i, n = strlen(s);

	if (n == 0 || n >= SIGN_UNIT_MAX || s[0] == '.' || s[n - 1] == '.')
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] == '.' && s[i + 1] != '.')
			continue;
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z')))
			return 0;
	}
	return 1;
}

int
sign_reqid_ok(const char *s)
{
	size_t	i, n = strlen(s);

	if (n >= SIGN_REQID_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789._:-", s[i]) == NULL)
			return 0;
	return 1;
}

enum sign_status
sign_req_parse(const void *buf, size_t n, struct sign_req *out)
{
	memset(out, 0, sizeof(*out));
	if (n < sizeof(out->hdr))
		return SIGN_MALFORMED;
	memcpy(&out->hdr, buf, sizeof(out->hdr));
	if (n < SIGN_REQ_FIXED || n > sizeof(*out) ||
	    out->hdr.type != SMSG_SIGN || out->hdr.len != n)
		return SIGN_MALFORMED;
	memcpy(out, buf, n);
	if (out->dlen != n - SIGN_REQ_FIXED ||
	    !field_ok(out->unit, sizeof(out->unit)) ||
	    !field_ok(out->reqid, sizeof(out->reqid)) ||
	    !sign_reqid_ok(out->reqid))
		return SIGN_MALFORMED;
	switch (out->alg) {
	case SIGN_ALG_ECDSA_P256_SHA256:
		if (!sign_unit_ok(out->unit))
			return SIGN_BAD_UNIT;
		if (out->dlen != SIGN_DIGEST_LEN)
			return SIGN_BAD_LENGTH;
		return SIGN_OK;
	case SIGN_ALG_ED25519_NOTE:
		if (out->unit[0] != '\0')
			return SIGN_BAD_UNIT;
		if (out->dlen == 0 || out->data[out->dlen - 1] != '\n')
			return SIGN_BAD_LENGTH;
		return SIGN_OK;
	default:
		return SIGN_BAD_ALG;
	}
}

int
sign_rep_parse(const void *buf, size_t n, uint64_t id, struct sign_rep *out)
{
	if (n != sizeof(*out))
		return -1;
	memcpy(out, buf, n);
	if (out->hdr.type != SMSG_ANSWER || out->hdr.len != n ||
	    out->hdr.id != id || out->status >= SIGN__MAX ||
	    out->status == SIGN_UNAVAILABLE ||
	    out->siglen > sizeof(out->sig) ||
	    (out->status == SIGN_OK) != (out->siglen > 0))
		return -1;
	return 0;
}
