/*
 * wf.c - workflow transitions: the checks of an action against a
 * dossier and an actor, in a fixed order, and what follows from it.
 * Pure and allocation-free; O(1) apart from the scan of action.from.
 *
 * The applicant is recognised by actor.is_applicant only: bit
 * ROLE_APPLICANT in actor.roles grants nothing, so that a citizen who
 * did not file the dossier cannot act as its applicant.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/guard.h"
#include "core/wf.h"

#define APPLICANT_BIT	((uint64_t)1 << ROLE_APPLICANT)

/* NULL, empty or only blanks. */
static int
blank(const char *s)
{
	if (s == NULL)
		return 1;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return *s == '\0';
}

static int
in_from(const struct action *a, size_t state)
{
	size_t	 i;

	for (i = 0; i < a->nfrom; i++)
		if (a->from[i] == state)
			return 1;
	return 0;
}

/*
 * Every check but the final state's (done once by the callers), in
 * order; inputs NULL skips the required inputs (wf_available).
 */
static enum wf_refusal
check(const struct workflow *wf, const struct dossier_view *dv,
    const struct wf_actor *who, const struct action *a,
    const struct wf_inputs *in, int with_inputs)
{
	const struct state	*st = &wf->states[dv->state];

	if (a->to >= wf->nstates)
		return WF_NO_ACTION;
	if (!in_from(a, dv->state))
		return WF_WRONG_STATE;
	/* The system takes its actions alone; the applicant acts whoever
	 * holds the dossier; staff must hold it. */
	if (a->system || who->system) {
		if (!(a->system && who->system))
			return WF_ROLE;
	} else if (!((a->roles & APPLICANT_BIT) && who->is_applicant)) {
		if ((who->roles & a->roles & ~APPLICANT_BIT) == 0)
			return WF_ROLE;
		if (st->holder.kind == HOLD_APPLICANT || who->unit == 0 ||
		    who->unit != dv->holder_unit)
			return WF_NOT_HOLDER;
	}
	if (with_inputs) {
		if ((a->inputs & INPUT_COMMENT) &&
		    (in == NULL || blank(in->comment)))
			return WF_NEED_COMMENT;
		if ((a->inputs & INPUT_REASON) &&
		    (in == NULL || blank(in->reason)))
			return WF_NEED_REASON;
	}
	if (a->guard != NULL && !guard_eval(a->guard, dv->rec))
		return WF_GUARD;
	return WF_OK;
}

static enum clock_change
clock_change(const struct state *from, const struct state *to)
{
	if (to->final || to->clock == CLOCK_STOPPED)
		return CLK_STOP;
	if (from->clock == CLOCK_RUNNING && to->clock == CLOCK_PAUSED)
		return CLK_PAUSE;
	if (from->clock == CLOCK_PAUSED && to->clock == CLOCK_RUNNING)
		return CLK_RESUME;
	return CLK_KEEP;
}

enum wf_refusal
wf_transition(const struct workflow *wf, const struct dossier_view *dv,
    const struct wf_actor *who, size_t action, const struct wf_inputs *in,
    struct wf_result *res)
{
	const struct action	*a;
	const struct state	*to;
	enum wf_refusal		 rc;

	if (action >= wf->nactions)
		return WF_NO_ACTION;
	a = &wf->actions[action];
	if (dv->state >= wf->nstates)
		return WF_WRONG_STATE;
	if (wf->states[dv->state].final)
		return WF_FINAL;
	if ((rc = check(wf, dv, who, a, in, 1)) != WF_OK)
		return rc;
	if (res != NULL) {
		to = &wf->states[a->to];
		res->to = a->to;
		res->holder = &to->holder;
		res->clock = clock_change(&wf->states[dv->state], to);
		res->effects = a->effects;
		res->neffects = a->neffects;
		res->status = to->status;
	}
	return WF_OK;
}

size_t
wf_available(const struct workflow *wf, const struct dossier_view *dv,
    const struct wf_actor *who, size_t *out, size_t max)
{
	size_t	 i, n = 0;

	if (dv->state >= wf->nstates || wf->states[dv->state].final)
		return 0;
	for (i = 0; i < wf->nactions && n < max; i++)
		if (check(wf, dv, who, &wf->actions[i], NULL, 0) == WF_OK)
			out[n++] = i;
	return n;
}

/*
 * Is the service accepting applications on this day of the year?  A
 * window is inclusive and may wrap the year end (12-15 to 01-15); a
 * service without windows is open all year.
 */
int
wf_open_on(const struct workflow *wf, int month, int day)
{
	size_t	i;
	int	md = month * 100 + day, from, to;

	if (wf->nwindows == 0)
		return 1;
	for (i = 0; i < wf->nwindows; i++) {
		from = wf->windows[i].from_month * 100 + wf->windows[i].from_day;
		to = wf->windows[i].to_month * 100 + wf->windows[i].to_day;
		if (from <= to ? (md >= from && md <= to) :
		    (md >= from || md <= to))
			return 1;
	}
	return 0;
}

int64_t
wf_fee(const struct workflow *wf, const struct value *rec)
{
	int64_t	units;

	if (wf->fee_per == DEF_NONE)
		return wf->fee;
	if (rec == NULL || rec[wf->fee_per].type != V_INT)
		return 0;
	units = rec[wf->fee_per].i;
	if (units < 0 || (units > 0 && wf->fee > INT64_MAX / 100 / units))
		return -1;
	return wf->fee * units;
}

int
wf_leaves(const struct action *a, size_t state)
{
	return in_from(a, state);
}
