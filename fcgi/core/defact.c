/*
 * defact.c - the actions of a workflow (from and to states, roles,
 * required inputs, guards, effects) and its timers.  Called by defwf.c
 * after the states; it calls only defwfc.c, defxml.c and the lookups.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/xml.h"
#include "core/defwf_int.h"
#include "core/defxml_int.h"
#include "core/guard.h"

static void
compile_effects(struct wctx *c, struct action *a, xmlNodePtr n)
{
	struct effect	*e;
	xmlNodePtr	 k;
	char		*kind;
	size_t		 j;
	int		 ln;

	a->neffects = 0;
	if ((j = wfc_count(n, "effect")) == 0)
		return;
	a->effects = arena_calloc(def_pool(c->defs), j, sizeof(*e));
	for (k = xml_first(n); k != NULL; k = xml_next(k)) {
		if (!xml_is(k, "effect"))
			continue;
		ln = wfc_line(k);
		kind = xml_attr(k, "kind");
		for (j = 0; j < EFF__MAX; j++)
			if (kind != NULL && strcmp(kind, effect_names[j]) == 0)
				break;
		if (j == EFF__MAX) {
			wfc_err(c, ln, "action \"%s\": unknown "
			    "effect \"%s\"", a->id, kind ? kind : "");
			xmlFree(kind);
			continue;
		}
		xmlFree(kind);
		e = &a->effects[a->neffects++];
		e->kind = (enum effect_kind)j;
		e->doc = DEF_NONE;
		switch (e->kind) {
		case EFF_ISSUE_DOCUMENT:
			e->arg = def_attr(c->defs, k, "document");
			for (j = 0; e->arg != NULL && j < c->defs->ndocs; j++)
				if (strcmp(c->defs->docs[j].id, e->arg) == 0)
					break;
			if (e->arg != NULL && j < c->defs->ndocs)
				e->doc = j;
			else
				wfc_err(c, ln, "action \"%s\": "
				    "document kind \"%s\" is not in the "
				    "catalogue", a->id, e->arg ? e->arg : "");
			break;
		case EFF_NOTIFY_APPLICANT:
			break;
		case EFF_REQUEST_FEE:
			if (c->wf->fee == 0)
				wfc_err(c, ln, "action \"%s\": "
				    "request-fee, but the fee is 0", a->id);
			else if (a->to != DEF_NONE &&
			    (c->wf->states[a->to].status != 6 ||
			    c->wf->states[a->to].clock != CLOCK_PAUSED))
				wfc_err(c, ln, "action \"%s\": request-fee "
				    "leads to state \"%s\", which must have "
				    "status 6 and a paused clock", a->id,
				    c->wf->states[a->to].id);
			break;
		default:
			abort();
		}
	}
}

static void
compile_action(struct wctx *c, struct action *a, xmlNodePtr n, size_t i)
{
	struct workflow	*wf = c->wf;
	xmlNodePtr	 g;
	xmlChar		*src;
	char		**tok, *to, what[128];
	size_t		 k, j, r;
	int		 ln = a->line = wfc_line(n);

	if ((a->id = def_attr(c->defs, n, "id")) == NULL)
		a->id = "";
	for (j = 0; j < i; j++)
		if (strcmp(wf->actions[j].id, a->id) == 0) {
			wfc_err(c, ln, "action \"%s\" is defined "
			    "twice (first at line %d)", a->id,
			    wf->actions[j].line);
			break;
		}
	tok = wfc_tokens(c, n, "from", &k);
	a->from = arena_calloc(def_pool(c->defs), k ? k : 1, sizeof(size_t));
	for (j = 0; j < k; j++) {
		for (r = 0; r < j; r++)
			if (strcmp(tok[r], tok[j]) == 0)
				break;
		if (r < j)
			continue;	/* named twice: harmless */
		if ((a->from[a->nfrom++] = wf_state(wf, tok[j])) == DEF_NONE)
			wfc_err(c, ln, "action \"%s\": state "
			    "\"%s\" is not defined", a->id, tok[j]);
	}
	to = def_attr(c->defs, n, "to");
	if ((a->to = to ? wf_state(wf, to) : DEF_NONE) == DEF_NONE)
		wfc_err(c, ln, "action \"%s\": state \"%s\" is "
		    "not defined", a->id, to ? to : "");
	tok = wfc_tokens(c, n, "roles", &k);
	for (j = 0; j < k; j++) {
		/* "system": the fee's paid action (checked by defwf.c). */
		if (strcmp(tok[j], "system") == 0 && k == 1)
			a->system = 1;
		else if ((r = defs_role(c->defs, tok[j])) == DEF_NONE)
			wfc_err(c, ln, "action \"%s\": role "
			    "\"%s\" is not in the catalogue", a->id, tok[j]);
		else
			a->roles |= (uint64_t)1 << r;
	}
	tok = wfc_tokens(c, n, "require", &k);
	for (j = 0; j < k; j++) {
		if (strcmp(tok[j], "comment") == 0)
			a->inputs |= INPUT_COMMENT;
		else if (strcmp(tok[j], "reason") == 0)
			a->inputs |= INPUT_REASON;
		else
			wfc_err(c, ln, "action \"%s\": cannot "
			    "require \"%s\" (comment, reason)", a->id, tok[j]);
	}
	snprintf(what, sizeof(what), "action \"%s\"", a->id);
	a->label = wfc_i18n(c, n, "label", what);
	if ((g = xml_child(n, "guard")) != NULL && wf->form != NULL) {
		src = xmlNodeGetContent(g);
		a->guard = guard_compile(src ? (const char *)src : "", wf->form,
		    c->file, wfc_line(g), c->d);
		xmlFree(src);
	}
	compile_effects(c, a, n);
}

void
wfc_actions(struct wctx *c, xmlNodePtr root)
{
	struct workflow	*wf = c->wf;
	xmlNodePtr	 n;
	size_t		 i = 0;

	wf->nactions = wfc_count(root, "action");
	wf->actions = arena_calloc(def_pool(c->defs), wf->nactions ?
	    wf->nactions : 1, sizeof(*wf->actions));
	for (n = xml_first(root); n != NULL; n = xml_next(n))
		if (xml_is(n, "action")) {
			compile_action(c, &wf->actions[i], n, i);
			i++;
		}
}

/* ---- timers ------------------------------------------------------- */

/* How many hours, from 0 to HOURS_MAX; -1 after reporting. */
#define HOURS_MAX	100000

static int
hours(struct wctx *c, xmlNodePtr n, const char *attr, int ln)
{
	long long	h;

	if (wfc_attr_int(n, attr, &h) == 1 && h >= 0 && h <= HOURS_MAX)
		return (int)h;
	wfc_err(c, ln, "timer: %s must be a number of hours", attr);
	return -1;
}

static void
compile_timer(struct wctx *c, struct timer *t, xmlNodePtr n, int due)
{
	struct workflow	*wf = c->wf;
	char		*sid, *kind, *role;
	int		 ln = wfc_line(n), h;

	sid = xml_attr(n, "state");
	kind = xml_attr(n, "kind");
	role = xml_attr(n, "notify-role");
	t->role = DEF_NONE;
	if (role != NULL && (t->role = defs_role(c->defs, role)) == DEF_NONE)
		wfc_err(c, ln, "timer: notify-role \"%s\" is not a role of "
		    "the catalogue", role);
	t->state = sid ? wf_state(wf, sid) : DEF_NONE;
	if (t->state == DEF_NONE)
		wfc_err(c, ln, "timer: state \"%s\" is not defined",
		    sid ? sid : "");
	else if (wf->states[t->state].final)
		wfc_err(c, ln, "timer on final state \"%s\"", sid);
	else if (wf->states[t->state].initial)
		wfc_err(c, ln, "timer on the initial state \"%s\": timers are "
		    "set when an action enters their state", sid);
	else if (wf->states[t->state].clock != CLOCK_RUNNING)
		wfc_err(c, ln, "timer on state \"%s\", whose clock is %s: "
		    "timers need a running clock", sid,
		    clock_names[wf->states[t->state].clock]);
	if (kind != NULL && strcmp(kind, "remind") == 0) {
		t->kind = TIMER_REMIND;
		h = hours(c, n, "before-due-hours", ln);
		if (h != -1 && due > 0 && h >= due)
			wfc_err(c, ln, "timer: remind %d hours before due, but "
			    "the deadline is %d working hours", h, due);
		else if (h != -1)
			t->before_due_hours = h;
	} else if (kind != NULL && strcmp(kind, "escalate") == 0) {
		t->kind = TIMER_ESCALATE;
		if ((h = hours(c, n, "after-due-hours", ln)) != -1)
			t->after_due_hours = h;
	} else
		wfc_err(c, ln, "timer: unknown kind \"%s\"", kind ? kind : "");
	xmlFree(sid);
	xmlFree(kind);
	xmlFree(role);
}

/* Timers are checked against the deadline: a working day counts
 * HOURS_PER_DAY hours. */
void
wfc_timers(struct wctx *c, xmlNodePtr root)
{
	struct workflow	*wf = c->wf;
	xmlNodePtr	 n;
	int		 due;

	wf->ntimers = 0;
	wf->timers = arena_calloc(def_pool(c->defs),
	    wfc_count(root, "timer") + 1, sizeof(*wf->timers));
	due = wf->deadline_days ? wf->deadline_days * HOURS_PER_DAY :
	    wf->deadline_hours;
	for (n = xml_first(root); n != NULL; n = xml_next(n))
		if (xml_is(n, "timer"))
			compile_timer(c, &wf->timers[wf->ntimers++], n, due);
}
