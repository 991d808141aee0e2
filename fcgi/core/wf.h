/*
 * wf.h - workflow transitions.  Pure: a definition, a dossier's state,
 * the actor and an action with its inputs -> the next state, who holds
 * the dossier next, what the clock does and which effects follow; or a
 * refusal with its reason.
 */
#ifndef MOTCUA_WF_H
#define MOTCUA_WF_H

#include <stddef.h>
#include <stdint.h>

#include "core/def.h"
#include "core/value.h"

struct wf_actor {
	uint64_t	 roles;		/* 1 << role index, in actor's unit */
	int64_t		 unit;		/* the actor's unit id, 0 for citizens */
	int		 is_applicant;	/* the citizen who filed this dossier */
	int		 system;	/* the system (a payment): only it
					 * takes the actions of roles
					 * "system", and only those */
};

struct dossier_view {
	size_t		 state;		/* index in wf->states */
	int64_t		 holder_unit;	/* unit holding it now, 0 applicant */
	const struct value *rec;	/* form data, for guards */
};

struct wf_inputs {
	const char	*comment;	/* or NULL/"" */
	const char	*reason;
};

enum wf_refusal {
	WF_OK,
	WF_NO_ACTION,		/* no such action in this workflow */
	WF_WRONG_STATE,		/* not allowed from this state */
	WF_FINAL,		/* the dossier is closed */
	WF_ROLE,		/* the actor lacks the role */
	WF_NOT_HOLDER,		/* the actor's unit does not hold it */
	WF_NEED_COMMENT,
	WF_NEED_REASON,
	WF_GUARD,		/* the guard is false for this dossier */
	WF__MAX
};
extern const char *const wf_refusal_names[WF__MAX];

enum clock_change {
	CLK_KEEP,		/* running -> running, paused -> paused */
	CLK_START,		/* initial state */
	CLK_PAUSE,		/* running -> paused */
	CLK_RESUME,		/* paused -> running */
	CLK_STOP,		/* -> final */
	CLK__MAX
};

struct wf_result {
	size_t		 to;
	const struct holder *holder;	/* of the new state */
	enum clock_change clock;
	const struct effect *effects;
	size_t		 neffects;
	int		 status;	/* national status code of the new state */
};

enum wf_refusal	wf_transition(const struct workflow *,
		    const struct dossier_view *, const struct wf_actor *,
		    size_t action, const struct wf_inputs *,
		    struct wf_result *);

/* 1 if the service takes applications on this month and day (its
 * filing windows; none: all year). */
int		wf_open_on(const struct workflow *, int month, int day);

/* The actions this actor may take now (for pages): fills out[] with
 * action indices, returns how many. */
size_t		wf_available(const struct workflow *,
		    const struct dossier_view *, const struct wf_actor *,
		    size_t *out, size_t max);

/* 1 if the action leaves this state. */
int		wf_leaves(const struct action *, size_t state);

/* The fee of a dossier: wf->fee, times the value of its fee_per field
 * when there is one (0 when that value is missing); -1 on overflow. */
int64_t		wf_fee(const struct workflow *, const struct value *rec);

#endif
