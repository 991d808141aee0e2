/*
 * defs_bench.c - the pure core on one core: transcript-form validations
 * per second and workflow transitions per second (goals: 500,000 and
 * 5,000,000).  Run from the repository root: defs_bench [SECONDS].
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "core/def.h"
#include "core/validate.h"
#include "core/wf.h"

static double
now(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A string literal and its length in bytes. */
#define S(lit)	lit, sizeof(lit) - 1

/* A complete, valid transcript certification application. */
static const struct input transcript[] = {
	{ "applicant_relation", S("parent"), NULL },
	{ "phone", S("0912 345 678"), NULL },
	{ "email", S("me@Example.VN"), NULL },
	{ "school", S("000.00.31.H26"), NULL },
	{ "student_code", S("0123456789"), NULL },
	{ "school_years", S("2023-2024"), NULL },
	{ "school_years", S("2024-2025"), NULL },
	{ "copies", S("2"), NULL },
	{ "purpose", S("further-study"), NULL },
	{ "delivery", S("post"), NULL },
	{ "postal_address", S("Số 1 Đại Cồ Việt, Hai Bà Trưng, Hà Nội"), NULL },
};

/* A school transfer to another district: its acceptance has a guard. */
static const struct input transfer[] = {
	{ "phone", S("0912345678"), NULL },
	{ "pupil_code", S("0123456789"), NULL },
	{ "grade", S("7"), NULL },
	{ "sending_school", S("000.00.31.H26"), NULL },
	{ "receiving_school", S("000.00.32.H26"), NULL },
	{ "scope", S("other-district"), NULL },
	{ "reason", S("Gia đình chuyển nơi ở"), NULL },
	{ "start_date", S("2026-09-05"), NULL },
	{ "residence_proof", S("%PDF-1.4\n% a scanned residence paper\n"),
	    "xac-nhan-cu-tru.pdf" },
};

static double
transitions(const struct defs *defs, const struct workflow *wf,
    const struct value *rec, const char *state, const char *role,
    const char *action, double secs)
{
	struct dossier_view	 dv;
	struct wf_actor		 actor;
	struct wf_inputs	 in = { "ok", NULL };
	struct wf_result	 res;
	size_t			 act;
	unsigned long		 n = 0, i;
	double			 t0, t;
	volatile size_t		 sink = 0;

	memset(&dv, 0, sizeof(dv));
	memset(&actor, 0, sizeof(actor));
	dv.state = wf_state(wf, state);
	dv.holder_unit = 42;
	dv.rec = rec;
	actor.roles = (uint64_t)1 << defs_role(defs, role);
	actor.unit = 42;
	actor.is_applicant = 0;
	act = wf_action(wf, action);
	if (wf_transition(wf, &dv, &actor, act, &in, &res) != WF_OK) {
		fprintf(stderr, "defs_bench: %s is refused\n", action);
		exit(1);
	}
	t0 = now();
	do {
		for (i = 0; i < 1000000; i++) {
			wf_transition(wf, &dv, &actor, act, &in, &res);
			sink += res.to;
		}
		n += i;
	} while ((t = now() - t0) < secs);
	(void)sink;
	return (double)n / t;
}

int
main(int argc, char *argv[])
{
	const char *const	 paths[] = { "forms", "workflows" };
	struct diags		 d = { NULL, 0, 0 };
	struct defs		*defs;
	const struct workflow	*wf;
	struct arena		*a;
	struct vresult		 vr;
	double			 secs = argc > 1 ? atof(argv[1]) : 2.0, t0, t;
	unsigned long		 n, i;
	volatile size_t		 sink = 0;

	if ((defs = defs_load(paths, 2, "schemas", &d)) == NULL) {
		diags_print(&d, stderr);
		return 1;
	}
	wf = defs_workflow(defs, "transcript-certification");
	a = arena_new(64 * 1024);

	/* Validations. */
	if (validate_form(a, wf->form, transcript,
	    sizeof(transcript) / sizeof(transcript[0]), NULL, NULL, &vr) != 0) {
		fprintf(stderr, "defs_bench: the sample does not validate: "
		    "%s\n", vr.nerrors ? vr.errors[0].field : "?");
		return 1;
	}
	n = 0;
	t0 = now();
	do {
		for (i = 0; i < 10000; i++) {
			validate_form(a, wf->form, transcript,
			    sizeof(transcript) / sizeof(transcript[0]), NULL,
			    NULL, &vr);
			sink += vr.jsonlen;
			arena_reset(a);
		}
		n += i;
	} while ((t = now() - t0) < secs);
	printf("validations/s  %12.0f   (goal 500000)\n", (double)n / t);

	/* Transitions: one plain, one through a guard. */
	printf("transitions/s  %12.0f   (goal 5000000; transcript verify)\n",
	    transitions(defs, wf, vr.rec, "checking", "academic-officer",
	    "verify", secs));
	wf = defs_workflow(defs, "school-transfer");
	if (validate_form(a, wf->form, transfer,
	    sizeof(transfer) / sizeof(transfer[0]), NULL, NULL, &vr) != 0) {
		fprintf(stderr, "defs_bench: the transfer does not validate: "
		    "%s\n", vr.nerrors ? vr.errors[0].field : "?");
		return 1;
	}
	printf("transitions/s  %12.0f   (goal 5000000; transfer, guarded)\n",
	    transitions(defs, wf, vr.rec, "receiving_review", "principal",
	    "accept_to_district", secs));
	arena_free(a);
	defs_free(defs);
	diags_free(&d);
	return 0;
}
