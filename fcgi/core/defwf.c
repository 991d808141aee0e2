/*
 * defwf.c - workflow_compile(): a schema-valid <workflow> document ->
 * struct workflow, appended to defs->workflows.  This file: the
 * workflow, its names, fee, deadline, windows and states with their
 * holders; defact.c: its actions and timers.
 *
 * What is checked here is what needs the XML (lines of elements that
 * the compiled structs do not keep, such as timers and windows) or the
 * catalogue and the form: names, deadline, windows, states and their
 * holders, actions, guards, effects, timers.  Every problem is
 * reported, never only the first.  The workflow is appended even when
 * it has problems (its unresolved references are DEF_NONE), so that
 * workflow_check (defcheck.c) can report the problems of its graph too,
 * and defs_free() releases its guards.
 *
 * A final state has no holder; its struct holder reads as the applicant
 * (HOLD_APPLICANT, ROLE_APPLICANT): a closed dossier is back with the
 * citizen, and nobody can act on it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/hash.h"
#include "base/xml.h"
#include "core/defload_int.h"
#include "core/defwf_int.h"
#include "core/defxml_int.h"
#include "core/guard.h"

#define DEADLINE_DAYS	60
#define DEADLINE_HOURS	480

static int
attr_true(xmlNodePtr n, const char *name)
{
	char	*v;
	int	 t;

	if ((v = xml_attr(n, name)) == NULL)
		return 0;
	t = strcmp(v, "true") == 0;
	xmlFree(v);
	return t;
}

/* ---- header: form, names, fee, deadline, windows ------------------ */

static void
compile_deadline(struct wctx *c, xmlNodePtr n)
{
	long long	 days = 0, hours = 0;
	int		 hd, hh, ln = wfc_line(n);

	hd = wfc_attr_int(n, "working-days", &days);
	hh = wfc_attr_int(n, "working-hours", &hours);
	if (hd != 0 && hh != 0) {
		wfc_err(c, ln, "deadline: give working-days or "
		    "working-hours, not both");
		return;
	}
	if (hd == 0 && hh == 0) {
		wfc_err(c, ln, "deadline: give working-days or "
		    "working-hours");
		return;
	}
	if (hd != 0 && (hd == -1 || days < 1 || days > DEADLINE_DAYS))
		wfc_err(c, ln, "deadline: working-days must be "
		    "from 1 to %d", DEADLINE_DAYS);
	else if (hh != 0 && (hh == -1 || hours < 1 ||
	    hours > DEADLINE_HOURS))
		wfc_err(c, ln, "deadline: working-hours must be "
		    "from 1 to %d", DEADLINE_HOURS);
	else if (hd != 0)
		c->wf->deadline_days = (int)days;
	else
		c->wf->deadline_hours = (int)hours;
}

static const int mdays[12] = {
	31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
};

/* "MM-DD" of a date that exists every year -> 0, else -1. */
static int
parse_monthday(const char *s, int *m, int *dd)
{
	if (s == NULL || strlen(s) != 5 || s[2] != '-' ||
	    s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' ||
	    s[3] < '0' || s[3] > '9' || s[4] < '0' || s[4] > '9')
		return -1;
	*m = (s[0] - '0') * 10 + (s[1] - '0');
	*dd = (s[3] - '0') * 10 + (s[4] - '0');
	if (*m < 1 || *m > 12 || *dd < 1 || *dd > mdays[*m - 1] ||
	    (*m == 2 && *dd == 29))
		return -1;
	return 0;
}

/* Day of a non-leap year, 0..364. */
static int
yday(int m, int dd)
{
	int	i, y = 0;

	for (i = 0; i < m - 1; i++)
		y += i == 1 ? 28 : mdays[i];
	return y + dd - 1;
}

static int
window_has(const struct window *w, int day)
{
	int	a = yday(w->from_month, w->from_day);
	int	b = yday(w->to_month, w->to_day);

	return a <= b ? day >= a && day <= b : day >= a || day <= b;
}

static void
compile_windows(struct wctx *c, xmlNodePtr root)
{
	struct workflow	*wf = c->wf;
	struct window	*w;
	xmlNodePtr	 n;
	int		*lines, ok, day;
	size_t		 k, j;
	char		*from, *to;

	wf->nwindows = 0;
	if ((k = wfc_count(root, "window")) == 0)
		return;
	wf->windows = arena_calloc(def_pool(c->defs), k, sizeof(*w));
	lines = arena_calloc(def_pool(c->defs), k, sizeof(*lines));
	for (n = xml_first(root); n != NULL; n = xml_next(n)) {
		if (!xml_is(n, "window"))
			continue;
		w = &wf->windows[wf->nwindows];
		from = xml_attr(n, "from");
		to = xml_attr(n, "to");
		ok = 1;
		if (parse_monthday(from, &w->from_month, &w->from_day) == -1) {
			wfc_err(c, wfc_line(n), "window: \"%s\" "
			    "is not a day of every year (MM-DD)",
			    from ? from : "");
			ok = 0;
		}
		if (parse_monthday(to, &w->to_month, &w->to_day) == -1) {
			wfc_err(c, wfc_line(n), "window: \"%s\" "
			    "is not a day of every year (MM-DD)",
			    to ? to : "");
			ok = 0;
		}
		/* Overlap with an earlier, valid window. */
		for (j = 0; ok && j < wf->nwindows; j++) {
			for (day = 0; day < 365; day++)
				if (window_has(w, day) &&
				    window_has(&wf->windows[j], day))
					break;
			if (day < 365)
				wfc_err(c, wfc_line(n), "window "
				    "%s..%s overlaps the window at line %d",
				    from, to, lines[j]);
		}
		xmlFree(from);
		xmlFree(to);
		if (ok)
			lines[wf->nwindows++] = wfc_line(n);
	}
}

/* ---- states ------------------------------------------------------- */

/*
 * Report the holder's role if it does not exist in unit kind k, and
 * forget it (DEF_NONE: the checks that follow would only repeat the
 * problem); 1 if it exists.
 */
static int
role_in(struct wctx *c, int line, const char *state, struct holder *ho,
    enum unit_kind k)
{
	if (c->defs->roles[ho->role].unit_kinds & (1u << k))
		return 1;
	wfc_err(c, line, "state \"%s\": role \"%s\" does not "
	    "exist in a %s", state, c->defs->roles[ho->role].id,
	    unit_kind_names[k]);
	ho->role = DEF_NONE;
	return 0;
}

static void
compile_holder(struct wctx *c, struct state *s, xmlNodePtr h)
{
	const struct form *form = c->wf->form;
	struct holder	*ho = &s->holder;
	const char	*fname;
	char		*role, *unit;
	int		 ln = wfc_line(h);

	ho->kind = HOLD_APPLICANT;
	ho->role = DEF_NONE;
	ho->field = DEF_NONE;
	role = def_attr(c->defs, h, "role");
	unit = def_attr(c->defs, h, "unit");
	if (role == NULL || unit == NULL)
		return;		/* the schema said so */
	if ((ho->role = defs_role(c->defs, role)) == DEF_NONE)
		wfc_err(c, ln, "state \"%s\": role \"%s\" is not "
		    "in the catalogue", s->id, role);
	if (strcmp(unit, "applicant") == 0) {
		ho->kind = HOLD_APPLICANT;
		if (ho->role != DEF_NONE && ho->role != ROLE_APPLICANT) {
			wfc_err(c, ln, "state \"%s\": unit "
			    "\"applicant\" is held by role \"applicant\", not "
			    "\"%s\"", s->id, role);
			ho->role = DEF_NONE;
		}
		return;
	}
	if (ho->role == ROLE_APPLICANT) {
		wfc_err(c, ln, "state \"%s\": role \"applicant\" "
		    "holds only with unit \"applicant\"", s->id);
		ho->role = DEF_NONE;
	}
	if (strcmp(unit, "department") == 0) {
		ho->kind = HOLD_KIND;
		ho->unit_kind = UK_DEPARTMENT;
		if (ho->role != DEF_NONE)
			role_in(c, ln, s->id, ho, UK_DEPARTMENT);
		return;
	}
	if (strncmp(unit, "field:", 6) == 0) {
		ho->kind = HOLD_FIELD;
		fname = unit + 6;
	} else if (strncmp(unit, "parent-of:", 10) == 0) {
		ho->kind = HOLD_PARENT_OF_FIELD;
		fname = unit + 10;
	} else {
		wfc_err(c, ln, "state \"%s\": unknown holder "
		    "unit \"%s\"", s->id, unit);
		return;
	}
	if (form == NULL)
		return;		/* unknown form: reported once */
	if ((ho->field = form_field(form, fname)) == DEF_NONE) {
		wfc_err(c, ln, "state \"%s\": \"%s\" is not a "
		    "field of form \"%s\"", s->id, fname, form->id);
		return;
	}
	if (form->fields[ho->field].type != FT_UNIT) {
		wfc_err(c, ln, "state \"%s\": field \"%s\" is "
		    "not a unit field", s->id, fname);
		ho->field = DEF_NONE;
		return;
	}
	ho->unit_kind = form->fields[ho->field].unit_kind;
	if (ho->kind == HOLD_FIELD) {
		if (ho->role != DEF_NONE)
			role_in(c, ln, s->id, ho, ho->unit_kind);
		return;
	}
	/* The parent of a school: its district office, or the department
	 * for upper secondary schools; the role must exist in both. */
	if (ho->unit_kind != UK_SCHOOL) {
		wfc_err(c, ln, "state \"%s\": parent-of needs a "
		    "field naming a school; \"%s\" names a %s", s->id, fname,
		    unit_kind_names[ho->unit_kind]);
		return;
	}
	if (ho->role != DEF_NONE &&
	    role_in(c, ln, s->id, ho, UK_DISTRICT_OFFICE))
		role_in(c, ln, s->id, ho, UK_DEPARTMENT);
}

/* The national status code must agree with the clock and finality. */
static void
check_status(struct wctx *c, const struct state *s, int ln)
{
	int	pausing = s->status == 5 || s->status == 6 || s->status == 8;
	int	closing = s->status == 3 || s->status == 7 || s->status == 10;

	if (s->final && s->clock != CLOCK_STOPPED)
		wfc_err(c, ln, "state \"%s\" is final: its clock "
		    "must be \"stopped\"", s->id);
	if (!s->final && s->clock == CLOCK_STOPPED)
		wfc_err(c, ln, "state \"%s\": clock \"stopped\" "
		    "is for final states", s->id);
	if (s->clock == CLOCK_PAUSED && !pausing)
		wfc_err(c, ln, "state \"%s\": a paused clock "
		    "needs status 5, 6 or 8, not %d", s->id, s->status);
	if (s->clock == CLOCK_RUNNING && pausing)
		wfc_err(c, ln, "state \"%s\": status %d pauses "
		    "the clock (clock=\"paused\")", s->id, s->status);
	if (s->final && !closing)
		wfc_err(c, ln, "state \"%s\" is final: its status "
		    "must be 3, 7 or 10, not %d", s->id, s->status);
	if (!s->final && closing)
		wfc_err(c, ln, "state \"%s\": status %d is for "
		    "final states", s->id, s->status);
	if (s->initial && s->final)
		wfc_err(c, ln, "state \"%s\" cannot be both "
		    "initial and final", s->id);
}

static void
compile_states(struct wctx *c, xmlNodePtr root)
{
	struct workflow	*wf = c->wf;
	struct state	*s;
	xmlNodePtr	 n, h;
	long long	 v;
	char		*clk, what[128];
	size_t		 i, j, nfinal = 0;
	int		 ln;

	wf->nstates = wfc_count(root, "state");
	wf->states = arena_calloc(def_pool(c->defs), wf->nstates ?
	    wf->nstates : 1, sizeof(*s));
	wf->initial = DEF_NONE;
	for (i = 0, n = xml_first(root); n != NULL; n = xml_next(n)) {
		if (!xml_is(n, "state"))
			continue;
		s = &wf->states[i++];
		ln = s->line = wfc_line(n);
		s->id = def_attr(c->defs, n, "id");
		if (s->id == NULL)
			s->id = "";
		for (j = 0; j < i - 1; j++)
			if (strcmp(wf->states[j].id, s->id) == 0) {
				wfc_err(c, ln, "state \"%s\" is "
				    "defined twice (first at line %d)", s->id,
				    wf->states[j].line);
				break;
			}
		if (wfc_attr_int(n, "status", &v) == 1 && v >= 1 && v <= 10)
			s->status = (int)v;
		else
			wfc_err(c, ln, "state \"%s\": status must "
			    "be from 1 to 10", s->id);
		clk = xml_attr(n, "clock");
		for (j = 0; j < CLOCK__MAX; j++)
			if (clk != NULL && strcmp(clk, clock_names[j]) == 0)
				break;
		if (j == CLOCK__MAX)
			wfc_err(c, ln, "state \"%s\": unknown "
			    "clock \"%s\"", s->id, clk ? clk : "");
		s->clock = j == CLOCK__MAX ? CLOCK_RUNNING : (enum clock)j;
		xmlFree(clk);
		s->initial = attr_true(n, "initial");
		s->final = attr_true(n, "final");
		snprintf(what, sizeof(what), "state \"%s\"", s->id);
		s->name = wfc_i18n(c, n, "name", what);
		if (s->status != 0)
			check_status(c, s, ln);
		h = xml_child(n, "holder");
		s->holder.kind = HOLD_APPLICANT;
		s->holder.role = ROLE_APPLICANT;
		s->holder.field = DEF_NONE;
		if (s->final && h != NULL)
			wfc_err(c, wfc_line(h), "state \"%s\" is "
			    "final: it has no holder", s->id);
		else if (!s->final && h == NULL) {
			wfc_err(c, ln, "state \"%s\" needs a "
			    "<holder>", s->id);
			s->holder.role = DEF_NONE;
		} else if (h != NULL)
			compile_holder(c, s, h);
		if (s->final)
			nfinal++;
		if (s->initial && wf->initial == DEF_NONE)
			wf->initial = i - 1;
		else if (s->initial)
			wfc_err(c, ln, "state \"%s\" is initial, "
			    "but so is \"%s\" (line %d)", s->id,
			    wf->states[wf->initial].id,
			    wf->states[wf->initial].line);
	}
	if (wf->initial == DEF_NONE)
		wfc_err(c, wfc_line(root), "workflow \"%s\": no "
		    "state is initial", wf->code);
	else if (wf->states[wf->initial].clock != CLOCK_RUNNING &&
	    !wf->states[wf->initial].final)
		wfc_err(c, wf->states[wf->initial].line, "state "
		    "\"%s\" is initial: its clock must be \"running\"",
		    wf->states[wf->initial].id);
	if (nfinal == 0)
		wfc_err(c, wfc_line(root), "workflow \"%s\": no "
		    "state is final", wf->code);
}

/* ---- the fee ------------------------------------------------------ */

/*
 * <fee amount per paid>: per names an integer field of the form, of at
 * least 1 and bounded (the amount is per unit of it: per copy); paid
 * names the action the system takes once the fee is paid, whose roles
 * are "system" and whose states are all fee states (status 6).  Only
 * that action may be the system's, and a fee that is requested needs
 * it.  After the actions.
 */
static void
compile_fee(struct wctx *c, xmlNodePtr root)
{
	struct workflow	*wf = c->wf;
	const struct field *f;
	xmlNodePtr	 n = xml_child(root, "fee");
	char		*per = NULL, *paid = NULL;
	size_t		 i, j;
	int		 ln = n ? wfc_line(n) : 0, requested = 0;

	wf->fee_per = wf->fee_paid = DEF_NONE;
	if (n != NULL) {
		per = xml_attr(n, "per");
		paid = xml_attr(n, "paid");
	}
	if (per != NULL && wf->form != NULL) {
		if ((wf->fee_per = form_field(wf->form, per)) == DEF_NONE)
			wfc_err(c, ln, "fee: per field \"%s\" is not in form "
			    "\"%s\"", per, wf->form->id);
		else if ((f = &wf->form->fields[wf->fee_per])->type !=
		    FT_INTEGER || !f->required || !f->has_min || f->min < 1 ||
		    !f->has_max) {
			wfc_err(c, ln, "fee: per field \"%s\" must be a "
			    "required integer with min at least 1 and a max",
			    per);
			wf->fee_per = DEF_NONE;
		}
	}
	if (paid != NULL) {
		if ((wf->fee_paid = wf_action(wf, paid)) == DEF_NONE)
			wfc_err(c, ln, "fee: paid action \"%s\" is not "
			    "defined", paid);
		else if (!wf->actions[wf->fee_paid].system)
			wfc_err(c, ln, "fee: paid action \"%s\" must have "
			    "roles=\"system\"", paid);
	}
	for (i = 0; i < wf->nactions; i++) {
		const struct action *a = &wf->actions[i];

		for (j = 0; j < a->neffects; j++)
			requested |= a->effects[j].kind == EFF_REQUEST_FEE;
		if (!a->system)
			continue;
		if (i != wf->fee_paid) {
			wfc_err(c, a->line, "action \"%s\": only the fee's "
			    "paid action has roles=\"system\"", a->id);
			continue;
		}
		for (j = 0; j < a->nfrom; j++)
			if (a->from[j] != DEF_NONE &&
			    wf->states[a->from[j]].status != 6)
				wfc_err(c, a->line, "action \"%s\": the fee's "
				    "paid action leaves state \"%s\", whose "
				    "status is not 6", a->id,
				    wf->states[a->from[j]].id);
	}
	if (requested && wf->fee > 0 && paid == NULL)
		wfc_err(c, ln, "fee: requested, but no paid action is named "
		    "(paid=\"...\")");
	xmlFree(per);
	xmlFree(paid);
}

/* ---- the workflow ------------------------------------------------- */

static void
append(struct defs *defs, const struct workflow *wf)
{
	size_t	sz = sizeof(*wf);

	defs->workflows = arena_grow(def_pool(defs), defs->workflows,
	    defs->nworkflows * sz, (defs->nworkflows + 1) * sz);
	defs->workflows[defs->nworkflows++] = *wf;
}

void
workflow_compile(struct defs *defs, xmlDocPtr doc, const char *file,
    const char *digest, struct diags *d)
{
	struct workflow	 wf;
	struct wctx	 c = { defs, &wf, file, d };
	xmlNodePtr	 root, n;
	long long	 fee;
	char		*formid, what[128], both[2 * DIGEST_LEN + 1];
	size_t		 i;
	int		 ln;

	memset(&wf, 0, sizeof(wf));
	root = xmlDocGetRootElement(doc);
	ln = wfc_line(root);
	wf.file = def_strdup(defs, file);
	if ((wf.code = def_attr(defs, root, "code")) == NULL)
		wf.code = "";
	wf.catalogue = def_attr(defs, root, "catalogue");
	for (i = 0; i < defs->nworkflows; i++)
		if (strcmp(defs->workflows[i].code, wf.code) == 0)
			wfc_err(&c, ln, "workflow \"%s\" is already "
			    "defined in %s", wf.code, defs->workflows[i].file);
	formid = def_attr(defs, root, "form");
	if ((wf.form = formid ? defs_form(defs, formid) : NULL) == NULL)
		wfc_err(&c, ln, "form \"%s\" is not defined",
		    formid ? formid : "");
	snprintf(what, sizeof(what), "workflow \"%s\"", wf.code);
	wf.name = wfc_i18n(&c, root, "name", what);
	wf.legal_basis = wfc_i18n(&c, root, "legal-basis", what);
	if ((n = xml_child(root, "fee")) != NULL) {
		if (wfc_attr_int(n, "amount", &fee) == 1 && fee >= 0)
			wf.fee = fee;
		else
			wfc_err(&c, wfc_line(n), "fee: the amount must be "
			    "a number of đồng");
	}
	if ((n = xml_child(root, "deadline")) != NULL)
		compile_deadline(&c, n);
	compile_windows(&c, root);
	compile_states(&c, root);
	wfc_actions(&c, root);
	compile_fee(&c, root);
	wfc_timers(&c, root);

	/* The version: this file and its form, so that editing either
	 * makes a new version. */
	snprintf(both, sizeof(both), "%s%s", digest ? digest : "",
	    wf.form ? wf.form->digest : "");
	sha256_hex(both, strlen(both), wf.digest);
	append(defs, &wf);
}

void
workflow_release(struct workflow *wf)
{
	size_t	i;

	for (i = 0; i < wf->nactions; i++)
		if (wf->actions[i].guard != NULL) {
			guard_free(wf->actions[i].guard);
			wf->actions[i].guard = NULL;
		}
}
