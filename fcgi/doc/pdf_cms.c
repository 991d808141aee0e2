/*
 * pdf_cms.c - the CMS SignedData of a PAdES signature (pdf.h pdf_cms).
 *
 * CMS_sign and CMS_add1_signer build the structure: the signer's
 * certificate, the digest algorithm, the signature algorithm, and,
 * with CMS_CADES, the signing-certificate-v2 attribute (RFC 5035:
 * SHA-256 of the certificate with its issuer and serial).  CMS_final
 * is not called, because OpenSSL's CMS_SignerInfo_sign always adds a
 * signing-time attribute and PAdES forbids one (the time is the
 * signature dictionary's /M).  So the last two attributes are added
 * here (content-type id-data, message-digest of the signed bytes) and
 * the DER of the signed attributes, a SET OF sorted as DER wants, is
 * signed with EVP_PKEY_sign on the signer's stub key (sign/pkey.h).
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#include "base/arena.h"
#include "doc/pdf.h"
#include "sign/pkey.h"

#define ATTRS_MAX	8

struct der {
	unsigned char	*p;
	int		 n;
};

/* DER's order of a SET OF: as octet strings, a prefix first. */
static int
der_cmp(const void *x, const void *y)
{
	const struct der	*a = x, *b = y;
	int			 c;

	c = memcmp(a->p, b->p, (size_t)(a->n < b->n ? a->n : b->n));
	return c != 0 ? c : a->n - b->n;
}

/* The DER of the signer's signed attributes as a SET (tag 0x31): what
 * the signature covers (RFC 5652, 5.4). */
static int
signed_attrs_der(struct arena *a, CMS_SignerInfo *si, unsigned char **out,
    size_t *outlen)
{
	struct der	 v[ATTRS_MAX];
	unsigned char	*p;
	size_t		 body = 0, hl, i, k, n;
	int		 c;

	if ((c = CMS_signed_get_attr_count(si)) <= 0 || c > ATTRS_MAX)
		return -1;
	n = (size_t)c;
	for (i = 0; i < n; i++) {
		v[i].p = NULL;
		v[i].n = i2d_X509_ATTRIBUTE(CMS_signed_get_attr(si, (int)i),
		    &v[i].p);
		if (v[i].n <= 0) {
			while (i-- > 0)
				OPENSSL_free(v[i].p);
			return -1;
		}
		body += (size_t)v[i].n;
	}
	qsort(v, n, sizeof(v[0]), der_cmp);
	hl = body < 0x80 ? 2 : body < 0x100 ? 3 : body < 0x10000 ? 4 : 0;
	if (hl == 0) {
		for (i = 0; i < n; i++)
			OPENSSL_free(v[i].p);
		return -1;
	}
	p = *out = arena_alloc(a, hl + body);
	*p++ = 0x31;
	if (hl == 3)
		*p++ = 0x81;
	else if (hl == 4) {
		*p++ = 0x82;
		*p++ = (unsigned char)(body >> 8);
	}
	*p++ = (unsigned char)body;
	for (i = 0, k = hl; i < n; i++) {
		memcpy(*out + k, v[i].p, (size_t)v[i].n);
		k += (size_t)v[i].n;
		OPENSSL_free(v[i].p);
	}
	*outlen = hl + body;
	return 0;
}

static enum pdf_status
fail_with(struct pdf_err *err, enum pdf_status st, const char *msg)
{
	unsigned long	e = ERR_get_error();

	snprintf(err->msg, sizeof(err->msg), "%s%s%s", msg, e ? ": " : "",
	    e ? ERR_reason_error_string(e) ? ERR_reason_error_string(e) :
	    "?" : "");
	ERR_clear_error();
	return st;
}

enum pdf_status
pdf_cms(struct arena *a, const unsigned char *digest,
    const struct pdf_signer *s, unsigned char **der, size_t *derlen,
    struct pdf_err *err)
{
	CMS_ContentInfo		*cms = NULL;
	CMS_SignerInfo		*si;
	EVP_PKEY		*key = NULL;
	EVP_PKEY_CTX		*ctx = NULL;
	ASN1_OCTET_STRING	*sigval;
	unsigned char		 md[SHA256_DIGEST_LENGTH], sig[SIGN_SIG_MAX];
	unsigned char		*attrs, *p;
	size_t			 attrslen, siglen = sizeof(sig);
	enum pdf_status		 st = PDF_SIGN;
	int			 n;

	*der = NULL;
	*derlen = 0;
	if ((key = sign_pkey_new(s->cert, s->client, s->unit,
	    s->request_id)) == NULL) {
		st = fail_with(err, PDF_SIGN, "not a P-256 certificate");
		goto fail;
	}
	if ((cms = CMS_sign(NULL, NULL, NULL, NULL, CMS_DETACHED |
	    CMS_BINARY | CMS_PARTIAL)) == NULL ||
	    (si = CMS_add1_signer(cms, s->cert, key, EVP_sha256(),
	    CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP | CMS_CADES)) == NULL ||
	    CMS_add1_cert(cms, s->ca) != 1 ||
	    CMS_signed_add1_attr_by_NID(si, NID_pkcs9_contentType,
	    V_ASN1_OBJECT, OBJ_nid2obj(NID_pkcs7_data), -1) != 1 ||
	    CMS_signed_add1_attr_by_NID(si, NID_pkcs9_messageDigest,
	    V_ASN1_OCTET_STRING, digest, SHA256_DIGEST_LENGTH) != 1) {
		st = fail_with(err, PDF_SIGN, "cannot build the CMS");
		goto fail;
	}
	if (signed_attrs_der(a, si, &attrs, &attrslen) == -1) {
		st = fail_with(err, PDF_SIGN, "cannot encode the attributes");
		goto fail;
	}
	SHA256(attrs, attrslen, md);
	if ((ctx = EVP_PKEY_CTX_new(key, NULL)) == NULL ||
	    EVP_PKEY_sign_init(ctx) != 1 ||
	    EVP_PKEY_CTX_set_signature_md(ctx, EVP_sha256()) != 1 ||
	    EVP_PKEY_sign(ctx, sig, &siglen, md, sizeof(md)) != 1) {
		st = sign_pkey_status(key) == SIGN_UNAVAILABLE ?
		    PDF_UNAVAILABLE : PDF_SIGN;
		snprintf(err->msg, sizeof(err->msg), "the signer: %s",
		    sign_status_names[sign_pkey_status(key)]);
		ERR_clear_error();
		goto fail;
	}
	if ((sigval = CMS_SignerInfo_get0_signature(si)) == NULL ||
	    ASN1_STRING_set(sigval, sig, (int)siglen) != 1 ||
	    (n = i2d_CMS_ContentInfo(cms, NULL)) <= 0) {
		st = fail_with(err, PDF_SIGN, "cannot encode the CMS");
		goto fail;
	}
	p = *der = arena_alloc(a, (size_t)n);
	if (i2d_CMS_ContentInfo(cms, &p) != n) {
		*der = NULL;
		st = fail_with(err, PDF_SIGN, "cannot encode the CMS");
		goto fail;
	}
	*derlen = (size_t)n;
	st = PDF_OK;
fail:
	EVP_PKEY_CTX_free(ctx);
	CMS_ContentInfo_free(cms);
	EVP_PKEY_free(key);
	return st;
}
