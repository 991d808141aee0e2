/*
 * dsig.c - an enveloped XML-DSig signature made in the worker, signed
 * by the signer (doc.h).
 *
 * The worker holds no private key, so the signature is built by hand
 * with libxml2 rather than through xmlsec (which would need an EVP_PKEY
 * whose sign call goes to the signer): the two digests it takes are
 * exclusive C14N 1.0 without comments, which libxml2 computes, and the
 * rest is the fixed shape below.  xmlsec and xmlsec1 verify it (a test
 * shows it).
 *
 *   1. the template's output is parsed again (base/xml.h, hardened), so
 *      that what is signed is the tree any reader of the text builds;
 *   2. DigestValue = SHA-256(exc-c14n(document)): the Reference URI=""
 *      with the enveloped-signature transform is the document without
 *      its Signature, which is appended last, after the digest;
 *   3. SignatureValue = ECDSA-SHA256 over exc-c14n(SignedInfo): its
 *      SHA-256 goes to sign_digest, and the DER signature back becomes
 *      r || s, 32 bytes each, as XML-DSig wants (RFC 4050, 6931);
 *   4. KeyInfo/X509Data: the unit's certificate that signed (found by
 *      the key id the signer answers) and the department CA's.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/c14n.h>
#include <libxml/tree.h>
#include <openssl/bio.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#include "base/arena.h"
#include "base/log.h"
#include "base/xml.h"
#include "doc/doc.h"
#include "sign/client.h"

#define DS_NS		"http://www.w3.org/2000/09/xmldsig#"
#define ALG_C14N	"http://www.w3.org/2001/10/xml-exc-c14n#"
#define ALG_ECDSA	"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
#define ALG_ENVELOPED	"http://www.w3.org/2000/09/xmldsig#enveloped-signature"
#define ALG_SHA256	"http://www.w3.org/2001/04/xmlenc#sha256"
#define P256_LEN	32

static char *
b64(struct arena *a, const unsigned char *p, size_t n)
{
	char	*out = arena_alloc(a, 4 * ((n + 2) / 3) + 1);

	EVP_EncodeBlock((unsigned char *)out, p, (int)n);
	return out;
}

/* The exclusive C14N of the subtree at top (or the whole document). */
static int
in_subtree(void *arg, xmlNodePtr node, xmlNodePtr parent)
{
	xmlNodePtr	n, top = arg;

	n = node->type == XML_NAMESPACE_DECL ? parent : node;
	for (; n != NULL; n = n->parent)
		if (n == top)
			return 1;
	return 0;
}

static int
c14n_sha256(xmlDocPtr doc, xmlNodePtr top, unsigned char md[32])
{
	xmlOutputBufferPtr	 buf;
	int			 rc;

	if ((buf = xmlAllocOutputBuffer(NULL)) == NULL)
		abort();
	rc = xmlC14NExecute(doc, top != NULL ? in_subtree : NULL, top,
	    XML_C14N_EXCLUSIVE_1_0, NULL, 0, buf);
	if (rc >= 0)
		SHA256(xmlOutputBufferGetContent(buf),
		    xmlOutputBufferGetSize(buf), md);
	xmlOutputBufferClose(buf);
	return rc < 0 ? -1 : 0;
}

static xmlNodePtr
ds(xmlNodePtr parent, xmlNsPtr ns, const char *name, const char *alg)
{
	xmlNodePtr	n = xmlNewChild(parent, ns, BAD_CAST name, NULL);

	if (alg != NULL)
		xmlSetProp(n, BAD_CAST "Algorithm", BAD_CAST alg);
	return n;
}

/* A certificate file's DER, base64; NULL if it cannot be read. */
static char *
cert_b64(struct arena *a, const char *path)
{
	FILE		*f;
	X509		*x;
	unsigned char	*der = NULL;
	char		*out = NULL;
	int		 n;

	if ((f = fopen(path, "r")) == NULL) {
		log_msg(LOG_ERROR, "documents: cannot read %s", path);
		return NULL;
	}
	x = PEM_read_X509(f, NULL, NULL, NULL);
	fclose(f);
	if (x == NULL || (n = i2d_X509(x, &der)) <= 0) {
		log_msg(LOG_ERROR, "documents: no certificate in %s", path);
		X509_free(x);
		return NULL;
	}
	out = b64(a, der, (size_t)n);
	OPENSSL_free(der);
	X509_free(x);
	return out;
}

/* DER ECDSA-Sig-Value -> r || s. */
static int
raw_rs(const unsigned char *der, size_t len, unsigned char out[2 * P256_LEN])
{
	const unsigned char	*p = der;
	const BIGNUM		*r, *s;
	ECDSA_SIG		*sig;
	int			 rc = -1;

	if ((sig = d2i_ECDSA_SIG(NULL, &p, (long)len)) == NULL)
		return -1;
	ECDSA_SIG_get0(sig, &r, &s);
	if (BN_bn2binpad(r, out, P256_LEN) == P256_LEN &&
	    BN_bn2binpad(s, out + P256_LEN, P256_LEN) == P256_LEN)
		rc = 0;
	ECDSA_SIG_free(sig);
	return rc;
}

static void
quiet(void *arg, const char *file, int line, const char *msg)
{
	(void)arg;
	log_msg(LOG_ERROR, "%s:%d: %s", file, line, msg);
}

enum doc_sign_status
doc_sign(const char *xml, size_t len, struct sign_client *sc,
    const char *unit, const char *keys_dir, const char *request_id,
    struct arena *a, struct doc_signed *out)
{
	enum doc_sign_status	 st = DOC_SIGN_ERROR;
	enum sign_status	 ss;
	struct sign_result	 res;
	unsigned char		 md[32], rs[2 * P256_LEN];
	xmlDocPtr		 doc;
	xmlNodePtr		 root, sig, si, ref, tr, ki, xd;
	xmlNsPtr		 ns;
	xmlChar			*buf = NULL;
	char			 id[SIGN_KEYID_LEN * 2 + 1], *cert, *ca;
	int			 sz = 0;
	size_t			 i;

	memset(out, 0, sizeof(*out));
	if (sc == NULL)
		return DOC_SIGNER_DOWN;
	if ((doc = xml_read_exact(xml, len, "document", quiet, NULL)) == NULL)
		return DOC_SIGN_ERROR;
	root = xmlDocGetRootElement(doc);
	if (c14n_sha256(doc, NULL, md) == -1)
		goto fail;

	sig = xmlNewNode(NULL, BAD_CAST "Signature");
	ns = xmlNewNs(sig, BAD_CAST DS_NS, BAD_CAST "ds");
	xmlSetNs(sig, ns);
	xmlAddChild(root, sig);
	si = ds(sig, ns, "SignedInfo", NULL);
	ds(si, ns, "CanonicalizationMethod", ALG_C14N);
	ds(si, ns, "SignatureMethod", ALG_ECDSA);
	ref = ds(si, ns, "Reference", NULL);
	xmlSetProp(ref, BAD_CAST "URI", BAD_CAST "");
	tr = ds(ref, ns, "Transforms", NULL);
	ds(tr, ns, "Transform", ALG_ENVELOPED);
	ds(tr, ns, "Transform", ALG_C14N);
	ds(ref, ns, "DigestMethod", ALG_SHA256);
	xmlNewTextChild(ref, ns, BAD_CAST "DigestValue",
	    BAD_CAST b64(a, md, sizeof(md)));
	if (c14n_sha256(doc, si, md) == -1)
		goto fail;

	if ((ss = sign_digest(sc, unit, request_id, md, sizeof(md),
	    &res)) != SIGN_OK) {
		log_msg(LOG_ERROR, "documents: the signer answered %s for %s",
		    sign_status_names[ss], unit);
		st = ss == SIGN_UNAVAILABLE ? DOC_SIGNER_DOWN : DOC_SIGN_ERROR;
		goto fail;
	}
	if (raw_rs(res.sig, res.siglen, rs) == -1) {
		log_msg(LOG_ERROR, "documents: not an ECDSA P-256 signature");
		goto fail;
	}
	xmlNewTextChild(sig, ns, BAD_CAST "SignatureValue",
	    BAD_CAST b64(a, rs, sizeof(rs)));
	for (i = 0; i < SIGN_KEYID_LEN; i++)
		snprintf(id + 2 * i, 3, "%02x", res.key_id[i]);
	memcpy(out->key_id, id, sizeof(out->key_id));
	if ((cert = cert_b64(a, arena_printf(a, "%s/units/%s/%.16s.pem",
	    keys_dir, unit, id))) == NULL ||
	    (ca = cert_b64(a, arena_printf(a, "%s/ca.pem", keys_dir))) == NULL)
		goto fail;
	ki = ds(sig, ns, "KeyInfo", NULL);
	xd = ds(ki, ns, "X509Data", NULL);
	xmlNewTextChild(xd, ns, BAD_CAST "X509Certificate", BAD_CAST cert);
	xmlNewTextChild(xd, ns, BAD_CAST "X509Certificate", BAD_CAST ca);

	xmlDocDumpMemoryEnc(doc, &buf, &sz, "UTF-8");
	if (buf == NULL || sz <= 0)
		abort();
	out->xml = arena_strndup(a, (const char *)buf, (size_t)sz);
	out->len = (size_t)sz;
	xmlFree(buf);
	st = DOC_SIGNED;
fail:
	xmlFreeDoc(doc);
	return st;
}
