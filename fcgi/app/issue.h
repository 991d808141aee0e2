/*
 * issue.h - the workflow's issue-document effect (docs/documents.md):
 * for each such effect of a transition, inside its transaction, the
 * facts, the kind's template, the signature by the acting unit's key
 * (through the signer) and the registry row with its audit entry
 * ("document.issued").  A failure at any step rolls the whole
 * transition back: nothing half-issued remains.
 */
#ifndef MOTCUA_APP_ISSUE_H
#define MOTCUA_APP_ISSUE_H

#include <stddef.h>
#include <stdint.h>

#include "app/dossier.h"

struct effect;
struct dossier_change;

struct issue {
	struct app	*app;
	const struct dossier_view_full *v;	/* before the transition */
	size_t		 action;		/* index in v->wf->actions */
	const char	*data;			/* the dossier's data after */
	const char	*comment, *reason;	/* or NULL */
	const struct effect *effects;
	size_t		 neffects;
	enum uc_status	 st;			/* why it failed, if it did */
	struct uc_error	 err;
	size_t		 issued;
};

/* 1 if the effects issue a document. */
int		issue_needed(const struct effect *, size_t n);
/* Prepare is for c: sets c->within so that dossiers_act issues. */
void		issue_hook(struct issue *is, struct dossier_change *c);

#endif
