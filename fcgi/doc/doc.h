/*
 * doc.h - issued documents (docs/documents.md): built from facts by a
 * template per kind, signed with an enveloped XML-DSig signature
 * through the signer, and verified.
 *
 *   facts (facts.c)      the dossier, its form's fields, the records
 *                        its kind needs, the issuer, the numbers:
 *                        a small XML document any template reads;
 *   templates (render.c) templates/documents/KIND.xsl for every kind
 *                        of the catalogue, compiled once (world);
 *   signing (dsig.c)     exclusive C14N, SHA-256, ECDSA P-256 by the
 *                        signer (sign_digest), the unit's certificate
 *                        and the department CA's in KeyInfo;
 *   verifying (verify.c) xmlsec with a keys manager that trusts only
 *                        the department CA, and the chain on its own
 *                        so that a failure says which part failed.
 *
 * Memory: what is returned comes from the arena given; out of memory
 * aborts (base/arena.h).
 */
#ifndef MOTCUA_DOC_H
#define MOTCUA_DOC_H

#include <stddef.h>

struct arena;
struct defs;
struct diags;
struct sign_client;

/* The namespace of issued documents and of their facts. */
#define DOC_NS		"urn:motcua:doc:1"
#define DOC_XML_MAX	(1 << 20)	/* an upload to verify, at most */

/* ---- facts (facts.c) ---------------------------------------------- */

struct doc_field {
	const char	*id;
	const char	*label;		/* Vietnamese */
	const char *const *values;	/* several for a list */
	size_t		 nvalues;
};

/* A row of records: element name and up to DOC_ROW_ATTRS attributes. */
#define DOC_ROW_ATTRS	6
struct doc_row {
	const char	*name;
	const char	*attr[DOC_ROW_ATTRS][2];
};

struct doc_facts {
	/* the document */
	const char	*kind, *kind_name;
	const char	*result_code, *serial, *verification_code;
	const char	*verify_url;
	const char	*issued_at;	/* YYYY-MM-DDThh:mm:ss+07:00 */
	/* who issues it */
	const char	*unit_code, *unit_name;
	const char	*signer_name, *signer_title;
	/* the dossier and the action */
	const char	*dossier_code, *service, *service_name;
	const char	*received_at;	/* or NULL */
	const char	*action, *action_label;
	const char	*comment, *reason;	/* or NULL */
	const struct doc_field *fields;
	size_t		 nfields;
	const char	*records;	/* their element's name, or NULL */
	const struct doc_row *rows;
	size_t		 nrows;
};

/* The facts as XML text (<facts xmlns="urn:motcua:doc:1">), NUL-ended. */
char	*doc_facts_xml(struct arena *, const struct doc_facts *, size_t *len);

/* ---- templates (render.c) ----------------------------------------- */

struct doc_templates;

/* DIR/KIND.xsl for each document kind of defs; NULL after adding every
 * problem to d. */
struct doc_templates *doc_templates_load(const char *dir,
	    const struct defs *, struct diags *d);
void	doc_templates_free(struct doc_templates *);

/* The document of kind (index in defs->docs) from its facts, as XML
 * text in the arena; NULL if the template failed (logged). */
char	*doc_render(const struct doc_templates *, size_t kind,
	    const char *facts, size_t flen, struct arena *, size_t *len);

/* ---- signing (dsig.c) --------------------------------------------- */

enum doc_sign_status {
	DOC_SIGNED,
	DOC_SIGNER_DOWN,	/* the signer is not there: 503 */
	DOC_SIGN_ERROR,		/* no key or certificate, bad input: logged */
	DOC_SIGN__MAX
};

struct doc_signed {
	char		*xml;		/* the signed document */
	size_t		 len;
	char		 key_id[65];	/* hex SHA-256 of the key's SPKI */
};

/* Sign the document xml (a template's output) for unit, whose
 * certificates and the CA's are under keys_dir (sign/keys.h). */
enum doc_sign_status doc_sign(const char *xml, size_t len,
	    struct sign_client *, const char *unit, const char *keys_dir,
	    const char *request_id, struct arena *, struct doc_signed *);

/* ---- verifying (verify.c) ----------------------------------------- */

enum doc_verdict {
	DOC_VALID,
	DOC_MALFORMED,		/* not a well-formed, bounded XML document */
	DOC_UNSIGNED,		/* no enveloped signature at its root */
	DOC_NOT_OURS,		/* signed, but not by a certificate of the CA */
	DOC_TAMPERED,		/* the signature does not match the content */
	DOC_VERDICT__MAX
};

struct doc_check {
	enum doc_verdict verdict;
	const char	*en, *vi;	/* why, for people */
	const char	*verification_code;	/* in the document, or NULL */
	const char	*kind;		/* its root's kind, or NULL */
	const char	*signer_subject;	/* the certificate's, or NULL */
};

/* Check xml against the CA certificate at ca_path (PEM). */
enum doc_verdict doc_verify(const char *xml, size_t len, const char *ca_path,
	    struct arena *, struct doc_check *);

#endif
