/*
 * docs.h - issued documents as people reach them (docs/documents.md):
 * a dossier's documents and their XML for whoever may see the dossier,
 * the public record of one by its verification code, and the check of
 * an uploaded document.  Issuing is issue.h (inside a transition).
 */
#ifndef MOTCUA_APP_DOCS_H
#define MOTCUA_APP_DOCS_H

#include <stddef.h>

#include "app/app.h"
#include "store/documents.h"

/* The documents of a dossier app->actor may see (uc_load's rules; not
 * with a status-only view), oldest first, without their bytes. */
enum uc_status	uc_documents(struct app *, const char *code,
		    struct document **, size_t *, struct uc_error *);
/* The same for a dossier loaded already (uc_get): none for a
 * status-only view; UC_OK or the database's failure. */
struct dossier_view_full;
enum uc_status	uc_dossier_documents(struct app *,
		    const struct dossier_view_full *, struct document **,
		    size_t *, struct uc_error *);
/* One of them with its XML (id: decimal text); audited
 * ("document.download"). */
enum uc_status	uc_document_xml(struct app *, const char *code,
		    const char *id, struct document *, struct uc_error *);
/* What the public may see of a document (document_public): UC_NOT_FOUND
 * for a code of the wrong shape or none issued. */
enum uc_status	uc_document_public(struct app *, const char *vc,
		    struct document *, struct uc_error *);

struct verification {
	int		 valid;		/* signed by us, unchanged, and valid
					 * in the registry */
	const char	*en, *vi;	/* what the check found, for people */
	const char	*check;		/* "signature", "certificate",
					 * "registry", "status", "ok" */
	struct document	 reg;		/* the registry's, if found */
	int		 registered;
};

/* Check an uploaded XML document: signature, chain to the department
 * CA (MOTCUA_KEYS_DIR/ca.pem), the registry entry its verification
 * code names and its status.  UC_OK whatever the verdict (it is in
 * *out); UC_BAD_INPUT (field "file") only for an empty upload. */
enum uc_status	uc_verify(struct app *, const char *xml, size_t len,
		    struct verification *, struct uc_error *);

#endif
