/*
 * verify.c - is this XML a document of ours, unchanged (doc.h)?
 *
 * The bytes are parsed by the hardened parser (base/xml.h: no network,
 * no entities, no DTD, bounded).  Then, so that the answer says which
 * part fails:
 *   1. one enveloped signature, a child of the root, with one Reference
 *      URI="" (nothing else may be pointed at);
 *   2. the chain: the first certificate of its X509Data must be issued
 *      by the department CA (OpenSSL, the others as intermediates);
 *   3. the signature: xmlsec's xmlSecDSigCtxVerify with a keys manager
 *      that trusts only the CA, references limited to the empty URI,
 *      and keys taken from X509Data only.
 * xmlsec is initialised once per process (its own global state).
 */
#include <string.h>

#include <libxml/tree.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/crypto.h>
#include <xmlsec/errors.h>
#include <xmlsec/keysmngr.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmltree.h>

#include "base/arena.h"
#include "base/log.h"
#include "base/xml.h"
#include "doc/doc.h"

#define CERTS_MAX	4

static int	xmlsec_ready;	/* compiled-once state: xmlsec's init */

static void
xmlsec_quiet(const char *file, int line, const char *func,
    const char *obj, const char *subj, int reason, const char *msg)
{
	(void)file; (void)line; (void)func; (void)obj; (void)subj;
	(void)reason; (void)msg;
}

static int
xmlsec_once(void)
{
	if (xmlsec_ready)
		return 0;
	if (xmlSecInit() < 0 || xmlSecCheckVersion() != 1 ||
	    xmlSecCryptoAppInit(NULL) < 0 || xmlSecCryptoInit() < 0) {
		log_msg(LOG_ERROR, "documents: xmlsec does not start");
		return -1;
	}
	xmlSecErrorsSetCallback(xmlsec_quiet);
	xmlsec_ready = 1;
	return 0;
}

static enum doc_verdict
verdict(struct doc_check *c, enum doc_verdict v, const char *en,
    const char *vi)
{
	c->verdict = v;
	c->en = en;
	c->vi = vi;
	return v;
}

static void
quiet(void *arg, const char *file, int line, const char *msg)
{
	(void)arg; (void)file; (void)line; (void)msg;
}

static X509 *
cert_of(xmlNodePtr n)
{
	xmlChar			*t = xmlNodeGetContent(n);
	unsigned char		*der;
	const unsigned char	*p;
	X509			*x = NULL;
	size_t			 i, j, len;
	int			 m;

	if (t == NULL)
		return NULL;
	len = strlen((char *)t);
	for (i = j = 0; i < len; i++)	/* base64 may be cut in lines */
		if (t[i] != ' ' && t[i] != '\n' && t[i] != '\r' && t[i] != '\t')
			t[j++] = t[i];
	t[j] = '\0';
	if (j > 0 && j % 4 == 0 && j < 65536 &&
	    (der = OPENSSL_malloc(j)) != NULL) {
		if ((m = EVP_DecodeBlock(der, t, (int)j)) > 0) {
			p = der;
			x = d2i_X509(NULL, &p, m);
		}
		OPENSSL_free(der);
	}
	xmlFree(t);
	return x;
}

/* 1 if the first certificate under sig chains up to the CA. */
static int
chain_ok(xmlNodePtr sig, const char *ca_path, struct arena *a,
    struct doc_check *c)
{
	STACK_OF(X509)	*rest = sk_X509_new_null();
	X509_STORE	*store = X509_STORE_new();
	X509_STORE_CTX	*ctx = X509_STORE_CTX_new();
	X509		*leaf = NULL, *x;
	xmlNodePtr	 ki, xd, n;
	char		 subj[256];
	int		 ok = 0, k = 0;

	if (rest == NULL || store == NULL || ctx == NULL)
		abort();
	if ((ki = xmlSecFindChild(sig, xmlSecNodeKeyInfo, xmlSecDSigNs)) ==
	    NULL || (xd = xmlSecFindChild(ki, xmlSecNodeX509Data,
	    xmlSecDSigNs)) == NULL)
		goto fail;
	for (n = xml_first(xd); n != NULL && k < CERTS_MAX; n = xml_next(n)) {
		if (!xml_is(n, "X509Certificate") || (x = cert_of(n)) == NULL)
			continue;
		k++;
		if (leaf == NULL)
			leaf = x;
		else
			sk_X509_push(rest, x);
	}
	if (leaf == NULL || X509_STORE_load_file(store, ca_path) != 1 ||
	    X509_STORE_CTX_init(ctx, store, leaf, rest) != 1)
		goto fail;
	ok = X509_verify_cert(ctx) == 1;
	X509_NAME_oneline(X509_get_subject_name(leaf), subj, sizeof(subj));
	c->signer_subject = arena_strdup(a, subj);
fail:
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(store);
	X509_free(leaf);
	sk_X509_pop_free(rest, X509_free);
	return ok;
}

static int
xmlsec_ok(xmlNodePtr sig, const char *ca_path)
{
	xmlSecKeysMngrPtr	 mngr;
	xmlSecDSigCtxPtr	 ctx = NULL;
	int			 ok = 0;

	if ((mngr = xmlSecKeysMngrCreate()) == NULL)
		abort();
	if (xmlSecCryptoAppDefaultKeysMngrInit(mngr) < 0 ||
	    xmlSecCryptoAppKeysMngrCertLoad(mngr, ca_path,
	    xmlSecKeyDataFormatPem, xmlSecKeyDataTypeTrusted) < 0)
		goto fail;
	if ((ctx = xmlSecDSigCtxCreate(mngr)) == NULL)
		abort();
	ctx->enabledReferenceUris = xmlSecTransformUriTypeEmpty;
	if (xmlSecPtrListAdd(&ctx->keyInfoReadCtx.enabledKeyData,
	    (xmlSecPtr)xmlSecKeyDataX509Id) < 0)
		goto fail;
	ok = xmlSecDSigCtxVerify(ctx, sig) == 0 &&
	    ctx->status == xmlSecDSigStatusSucceeded;
fail:
	if (ctx != NULL)
		xmlSecDSigCtxDestroy(ctx);
	xmlSecKeysMngrDestroy(mngr);
	return ok;
}

/* The one Signature child of root with a single Reference URI="". */
static xmlNodePtr
enveloped(xmlNodePtr root)
{
	xmlNodePtr	 sig = NULL, n, si, ref;
	xmlChar		*uri;
	int		 refs = 0, ok;

	for (n = xml_first(root); n != NULL; n = xml_next(n))
		if (xmlSecCheckNodeName(n, xmlSecNodeSignature, xmlSecDSigNs)) {
			if (sig != NULL)
				return NULL;
			sig = n;
		}
	if (sig == NULL || (si = xmlSecFindChild(sig, xmlSecNodeSignedInfo,
	    xmlSecDSigNs)) == NULL)
		return NULL;
	for (n = xml_first(si); n != NULL; n = xml_next(n))
		if (xmlSecCheckNodeName(n, xmlSecNodeReference, xmlSecDSigNs))
			refs++;
	ref = xmlSecFindChild(si, xmlSecNodeReference, xmlSecDSigNs);
	if (refs != 1 || ref == NULL ||
	    (uri = xmlGetProp(ref, BAD_CAST "URI")) == NULL)
		return NULL;
	ok = uri[0] == '\0';
	xmlFree(uri);
	return ok ? sig : NULL;
}

static const char *
text64(struct arena *a, const xmlChar *t)
{
	return arena_strndup(a, (const char *)t, strnlen((const char *)t, 64));
}

enum doc_verdict
doc_verify(const char *xml, size_t len, const char *ca_path, struct arena *a,
    struct doc_check *c)
{
	enum doc_verdict v;
	xmlDocPtr	 doc;
	xmlNodePtr	 root, sig, n;
	xmlChar		*t;

	memset(c, 0, sizeof(*c));
	if (len > DOC_XML_MAX || (doc = xml_read_exact(xml, len, "upload",
	    quiet, NULL)) == NULL)
		return verdict(c, DOC_MALFORMED,
		    "The file is not a well-formed XML document.",
		    "Tệp không phải là tài liệu XML hợp lệ.");
	root = xmlDocGetRootElement(doc);
	if ((t = xmlGetProp(root, BAD_CAST "kind")) != NULL) {
		c->kind = text64(a, t);
		xmlFree(t);
	}
	n = xml_child(root, "verification-code");
	if (n != NULL && (t = xmlNodeGetContent(n)) != NULL) {
		c->verification_code = text64(a, t);
		xmlFree(t);
	}
	if ((sig = enveloped(root)) == NULL)
		v = verdict(c, DOC_UNSIGNED, "The document carries no enveloped "
		    "signature of the whole document.",
		    "Tài liệu không có chữ ký số bao trùm toàn bộ tài liệu.");
	else if (!chain_ok(sig, ca_path, a, c))
		v = verdict(c, DOC_NOT_OURS, "The certificate was not issued by "
		    "the department CA.",
		    "Chứng thư số không do CA của Sở cấp.");
	else if (xmlsec_once() == -1 || !xmlsec_ok(sig, ca_path))
		v = verdict(c, DOC_TAMPERED, "The signature does not match the "
		    "content.", "Chữ ký số không khớp với nội dung tài liệu.");
	else
		v = verdict(c, DOC_VALID, "The signature is valid.",
		    "Chữ ký số hợp lệ.");
	xmlFreeDoc(doc);
	return v;
}
