/*
 * defcheck.c - workflow_check(): what a schema cannot say about a
 * compiled workflow's graph.
 *
 *   - no action leaves a final state;
 *   - no action leads from a state back to itself unless it requires a
 *     comment or a reason (a note in the trail, not a silent loop);
 *   - a state that no action leaves is final;
 *   - the holder of a state can act on it, and every staff role of an
 *     action exists in the unit holding one of the states it leaves
 *     (otherwise nobody with that role could ever act: WF_NOT_HOLDER);
 *   - every state is reachable from the initial one;
 *   - every state can reach a final one.
 *
 * Timers, windows and the deadline are checked by the compiler
 * (defwf.c), which still has the lines of their elements.  Problems are
 * reported in the order of their lines, all of them.  The graph checks
 * are skipped when the compiler left references unresolved (an unknown
 * or duplicate state, no initial state): they would only repeat them.
 */
#include <stdlib.h>
#include <string.h>

#include "core/defload_int.h"

struct ord {
	int	 line;
	size_t	 seq;
};

static int
by_line(const void *a, const void *b)
{
	const struct ord *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Move the diagnostics of t to d, sorted by line (stable). */
static void
flush_sorted(struct diags *t, struct diags *d)
{
	struct ord	*o;
	size_t		 i;

	if (t->n == 0)
		return;
	if ((o = calloc(t->n, sizeof(*o))) == NULL)
		abort();
	for (i = 0; i < t->n; i++) {
		o[i].line = t->v[i].line;
		o[i].seq = i;
	}
	qsort(o, t->n, sizeof(*o), by_line);
	for (i = 0; i < t->n; i++)
		diags_add(d, t->v[o[i].seq].file, t->v[o[i].seq].line, "%s",
		    t->v[o[i].seq].msg);
	free(o);
}

static int
leaves(const struct action *a, size_t s)
{
	size_t	i;

	for (i = 0; i < a->nfrom; i++)
		if (a->from[i] == s)
			return 1;
	return 0;
}

/* Nothing unresolved that the graph checks would trip over. */
static int
resolved(const struct workflow *wf)
{
	size_t	i, j;

	if (wf->initial == DEF_NONE)
		return 0;
	for (i = 0; i < wf->nstates; i++)
		for (j = 0; j < i; j++)
			if (strcmp(wf->states[i].id, wf->states[j].id) == 0)
				return 0;
	for (i = 0; i < wf->nactions; i++) {
		if (wf->actions[i].to == DEF_NONE)
			return 0;
		for (j = 0; j < wf->actions[i].nfrom; j++)
			if (wf->actions[i].from[j] == DEF_NONE)
				return 0;
	}
	return 1;
}

/* The unit kinds that may hold a state, as a mask: 0 for the
 * applicant, -1 when the compiler could not tell (reported). */
static int
holder_kinds(const struct state *s)
{
	if (s->holder.role == DEF_NONE)
		return -1;
	switch (s->holder.kind) {
	case HOLD_APPLICANT:
		return 0;
	case HOLD_KIND:
		return 1 << s->holder.unit_kind;
	case HOLD_FIELD:
		return s->holder.field == DEF_NONE ? -1 :
		    1 << s->holder.unit_kind;
	case HOLD_PARENT_OF_FIELD:
		return s->holder.field == DEF_NONE ? -1 :
		    1 << UK_DISTRICT_OFFICE | 1 << UK_DEPARTMENT;
	default:
		abort();
	}
}

/*
 * Staff act only on what their unit holds: a role of an action must
 * exist in the unit holding at least one of the states it leaves (the
 * applicant acts whoever holds the dossier).
 */
static void
check_roles(const struct defs *defs, const struct workflow *wf,
    const struct action *a, struct diags *t)
{
	const struct state	*s = NULL;
	size_t			 r, j, n;
	int			 k, useful, unknown;

	for (r = 1; r < defs->nroles; r++) {
		if (!(a->roles & (uint64_t)1 << r))
			continue;
		useful = unknown = 0;
		for (j = n = 0; j < a->nfrom; j++) {
			if (a->from[j] == DEF_NONE ||
			    wf->states[a->from[j]].final)
				continue;
			s = &wf->states[a->from[j]];
			n++;
			if ((k = holder_kinds(s)) == -1)
				unknown = 1;
			else if (defs->roles[r].unit_kinds & (unsigned)k)
				useful = 1;
		}
		if (useful || unknown || n == 0)
			continue;
		if (n == 1)
			diags_add(t, wf->file, a->line, "action \"%s\": role "
			    "\"%s\" does not exist in the unit holding state "
			    "\"%s\"", a->id, defs->roles[r].id, s->id);
		else
			diags_add(t, wf->file, a->line, "action \"%s\": role "
			    "\"%s\" does not exist in the units holding its "
			    "states", a->id, defs->roles[r].id);
	}
}

static void
check_actions(const struct defs *defs, const struct workflow *wf,
    struct diags *t)
{
	const struct action	*a;
	const struct state	*s;
	size_t			 i, j;

	for (i = 0; i < wf->nactions; i++) {
		a = &wf->actions[i];
		for (j = 0; j < a->nfrom; j++) {
			if (a->from[j] == DEF_NONE)
				continue;
			s = &wf->states[a->from[j]];
			if (s->final)
				diags_add(t, wf->file, a->line, "action \"%s\" "
				    "leaves final state \"%s\"", a->id, s->id);
			else if (a->to == a->from[j] && a->inputs == 0)
				diags_add(t, wf->file, a->line, "action \"%s\" "
				    "leads from \"%s\" back to itself without "
				    "requiring a comment or a reason", a->id,
				    s->id);
		}
		check_roles(defs, wf, a, t);
	}
}

static void
check_states(const struct defs *defs, const struct workflow *wf,
    struct diags *t)
{
	const struct state	*s;
	size_t			 i, j, nout;
	int			 holder_acts;

	for (i = 0; i < wf->nstates; i++) {
		s = &wf->states[i];
		if (s->final || wf_state(wf, s->id) != i)
			continue;	/* a duplicate: reported */
		nout = 0;
		holder_acts = 0;
		for (j = 0; j < wf->nactions; j++) {
			if (!leaves(&wf->actions[j], i))
				continue;
			nout++;
			if (s->holder.role != DEF_NONE &&
			    (wf->actions[j].roles &
			    (uint64_t)1 << s->holder.role))
				holder_acts = 1;
		}
		if (nout == 0)
			diags_add(t, wf->file, s->line, "state \"%s\" is not "
			    "final, but no action leaves it", s->id);
		else if (s->holder.role != DEF_NONE && !holder_acts)
			diags_add(t, wf->file, s->line, "state \"%s\": its "
			    "holder, role \"%s\", has no action from it", s->id,
			    defs->roles[s->holder.role].id);
	}
}

static void
check_graph(const struct workflow *wf, struct diags *t)
{
	const struct action	*a;
	unsigned char		*reach, *done;
	size_t			 i, j, k, nfinal = 0;
	int			 changed, nout;

	if ((reach = calloc(wf->nstates, 2)) == NULL)
		abort();
	done = reach + wf->nstates;
	/* Forward from the initial state. */
	reach[wf->initial] = 1;
	do {
		changed = 0;
		for (i = 0; i < wf->nactions; i++) {
			a = &wf->actions[i];
			if (reach[a->to])
				continue;
			for (j = 0; j < a->nfrom; j++)
				if (reach[a->from[j]]) {
					reach[a->to] = changed = 1;
					break;
				}
		}
	} while (changed);
	/* Backward from the final states. */
	for (i = 0; i < wf->nstates; i++)
		nfinal += done[i] = wf->states[i].final != 0;
	do {
		changed = 0;
		for (i = 0; i < wf->nactions; i++) {
			a = &wf->actions[i];
			if (!done[a->to])
				continue;
			for (j = 0; j < a->nfrom; j++)
				if (!done[a->from[j]])
					done[a->from[j]] = changed = 1;
		}
	} while (changed);
	for (i = 0; i < wf->nstates; i++) {
		if (!reach[i])
			diags_add(t, wf->file, wf->states[i].line, "state "
			    "\"%s\" is not reachable from \"%s\"",
			    wf->states[i].id, wf->states[wf->initial].id);
		/* No final state at all was reported by the compiler, a
		 * state no action leaves by check_states. */
		if (done[i] || nfinal == 0)
			continue;
		for (nout = 0, k = 0; k < wf->nactions; k++)
			nout += leaves(&wf->actions[k], i);
		if (nout > 0)
			diags_add(t, wf->file, wf->states[i].line, "state "
			    "\"%s\" cannot reach a final state",
			    wf->states[i].id);
	}
	free(reach);
}

void
workflow_check(const struct defs *defs, const struct workflow *wf,
    struct diags *d)
{
	struct diags	t = { NULL, 0, 0 };

	check_actions(defs, wf, &t);
	check_states(defs, wf, &t);
	if (wf->nstates > 0 && resolved(wf))
		check_graph(wf, &t);
	flush_sorted(&t, d);
	diags_free(&t);
}
