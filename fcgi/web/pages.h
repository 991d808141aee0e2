/*
 * pages.h - view models of the pages (h_pages.c), for the handlers
 * that render them: the GET routes here, and later the POST routes
 * that answer a form with its errors (the application form keeps the
 * values entered and shows each error beside its field).
 */
#ifndef MOTCUA_PAGES_H
#define MOTCUA_PAGES_H

#include <stddef.h>
#include <stdint.h>

#include "render.h"

struct field_error;
struct kvlist;
struct req;
struct workflow;

/*
 * The service page: requirements and the application form.  values:
 * what was entered (form pairs by field id; several for checkboxes),
 * or NULL; errs[0..nerrs): errors beside their fields (msg_vi/msg_en),
 * those without a field at the top.  Readonly (prefilled) fields show
 * their value from values too.
 */
struct view	*pages_service(struct req *, enum lang,
		    const struct workflow *, const struct kvlist *values,
		    const struct field_error *errs, size_t nerrs);

/* Shared by the citizen's and the staff's pages (h_pages_citizen.c). */
struct dossier;

/* A time of the view model (t 0: no attribute). */
void		pages_time_attr(xmlNodePtr, const char *name, int64_t t);
/* Code, service, state, status, received, due, completed, unit. */
void		pages_dossier_facts(struct view *, xmlNodePtr,
		    const struct dossier *, const struct workflow *);
/* Working minutes left as @days, @hours, @minutes, @late (@paused). */
void		pages_remaining(xmlNodePtr, int64_t minutes, int paused);

#endif
