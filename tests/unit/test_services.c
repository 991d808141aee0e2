/*
 * test_services.c - the two real services, loaded from forms/ and
 * workflows/ (run from the repository root) and walked through every
 * transition with actors who may and who may not take it.
 *
 * Units in these tests: schools 101 (the applicant's / sending school)
 * and 102 (the receiving school), another school 103, the district
 * office 201 and the department 300.  Holders are given as the unit
 * a dossier's holder rule would resolve to; resolving it is the
 * caller's business, not wf_transition's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/def.h"
#include "core/wf.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define MAXF		64

#define SCHOOL_A	101
#define SCHOOL_B	102
#define SCHOOL_C	103
#define DISTRICT	201
#define DEPARTMENT	300

static struct defs *defs;

/* Actions that some test took successfully, per workflow. */
static unsigned char taken[2][64];

static int
load(void **state)
{
	const char *const	 paths[] = { "forms", "workflows" };
	struct diags		 d = { NULL, 0, 0 };

	(void)state;
	defs = defs_load(paths, NELEM(paths), "schemas", &d);
	if (defs == NULL) {
		diags_print(&d, stderr);
		diags_free(&d);
		return -1;
	}
	diags_free(&d);
	return 0;
}

static int
unload(void **state)
{
	(void)state;
	defs_free(defs);
	return 0;
}

static const struct workflow *
service(const char *code)
{
	const struct workflow	*wf = defs_workflow(defs, code);

	assert_non_null(wf);
	assert_true(wf->form->nfields <= MAXF);
	return wf;
}

static void
set_str(const struct workflow *wf, struct value *rec, const char *field,
    const char *s)
{
	size_t	i = form_field(wf->form, field);

	assert_true(i != DEF_NONE);
	rec[i].type = V_STR;
	rec[i].s = s;
	rec[i].len = strlen(s);
}

static void
set_int(const struct workflow *wf, struct value *rec, const char *field,
    int64_t v)
{
	size_t	i = form_field(wf->form, field);

	assert_true(i != DEF_NONE);
	rec[i].type = V_INT;
	rec[i].i = v;
}

static struct wf_actor
staff(const char *role, int64_t unit)
{
	struct wf_actor	a = { 0, unit, 0, 0 };
	size_t		r = defs_role(defs, role);

	assert_true(r != DEF_NONE && r != ROLE_APPLICANT);
	a.roles = (uint64_t)1 << r;
	return a;
}

static struct wf_actor
applicant(void)
{
	struct wf_actor	a = { 0, 0, 1, 0 };

	return a;
}

/* A signed-in citizen who did not file this dossier. */
static struct wf_actor
stranger(void)
{
	struct wf_actor	a = { (uint64_t)1 << ROLE_APPLICANT, 0, 0, 0 };

	return a;
}

struct step {
	const struct workflow	*wf;
	const struct value	*rec;
	struct wf_result	 res;
};

/* Try action from state (held by unit holder) as who. */
static enum wf_refusal
try(struct step *s, const char *state, int64_t holder,
    const struct wf_actor *who, const char *action, const char *comment,
    const char *reason)
{
	struct dossier_view	dv;
	struct wf_inputs	in = { comment, reason };
	size_t			a = wf_action(s->wf, action);
	enum wf_refusal		rc;

	assert_true(a != DEF_NONE);
	dv.state = wf_state(s->wf, state);
	assert_true(dv.state != DEF_NONE);
	dv.holder_unit = holder;
	dv.rec = s->rec;
	memset(&s->res, 0, sizeof(s->res));
	rc = wf_transition(s->wf, &dv, who, a, &in, &s->res);
	if (rc == WF_OK)
		taken[strcmp(s->wf->code, "school-transfer") == 0][a] = 1;
	return rc;
}

#define REFUSED(s, st, h, who, act, c, r, want) \
	assert_string_equal(wf_refusal_names[try(s, st, h, who, act, c, r)], \
	    wf_refusal_names[want])

/* The action succeeds and leads to `to` with this clock change. */
static void
ok(struct step *s, const char *state, int64_t holder,
    const struct wf_actor *who, const char *action, const char *comment,
    const char *reason, const char *to, enum clock_change clk)
{
	enum wf_refusal	rc;

	rc = try(s, state, holder, who, action, comment, reason);
	if (rc != WF_OK)
		print_error("%s: %s from %s: %s\n", s->wf->code, action, state,
		    wf_refusal_names[rc]);
	assert_int_equal(rc, WF_OK);
	assert_string_equal(s->wf->states[s->res.to].id, to);
	assert_int_equal(s->res.clock, clk);
	assert_int_equal(s->res.status, s->wf->states[s->res.to].status);
	assert_ptr_equal(s->res.holder, &s->wf->states[s->res.to].holder);
}

/* The effects of the last successful step, as "kind[:document]". */
static void
effects(const struct step *s, const char *want)
{
	char	buf[256] = "";
	size_t	i;

	for (i = 0; i < s->res.neffects; i++) {
		if (i > 0)
			strcat(buf, " ");
		strcat(buf, effect_names[s->res.effects[i].kind]);
		if (s->res.effects[i].kind == EFF_ISSUE_DOCUMENT) {
			strcat(buf, ":");
			strcat(buf, defs->docs[s->res.effects[i].doc].id);
		}
	}
	assert_string_equal(buf, want);
}

/* Every action, by everyone, from every final state: WF_FINAL. */
static void
finals_refuse_all(const struct workflow *wf, const struct value *rec)
{
	struct wf_actor	who[4];
	struct step	s = { wf, rec, { 0 } };
	size_t		i, j, k;

	who[0] = applicant();
	who[1] = staff("clerk", SCHOOL_A);
	who[2] = staff("principal", SCHOOL_B);
	who[3] = staff("specialist", DEPARTMENT);
	for (i = 0; i < wf->nstates; i++) {
		if (!wf->states[i].final)
			continue;
		for (j = 0; j < wf->nactions; j++)
			for (k = 0; k < NELEM(who); k++)
				REFUSED(&s, wf->states[i].id, 0, &who[k],
				    wf->actions[j].id, "c", "r", WF_FINAL);
	}
}

/* ---- definitions -------------------------------------------------- */

static void
test_loaded(void **state)
{
	const struct workflow	*tc, *st;

	(void)state;
	tc = service("transcript-certification");
	st = service("school-transfer");
	assert_string_equal(tc->form->id, "transcript-certification");
	assert_string_equal(st->form->id, "school-transfer");
	assert_int_equal(tc->deadline_days, 2);
	assert_int_equal(st->deadline_days, 3);
	assert_int_equal(tc->fee, 0);
	assert_int_equal(tc->nwindows, 0);
	assert_int_equal(st->nwindows, 2);
	assert_int_equal(st->windows[1].from_month, 12);
	assert_int_equal(st->windows[1].to_month, 1);
	assert_string_equal(tc->states[tc->initial].id, "submitted");
	assert_string_equal(st->states[st->initial].id, "submitted");
	assert_int_equal(tc->ntimers, 4);
	assert_int_equal(strlen(tc->digest), DIGEST_LEN);
	assert_string_not_equal(tc->digest, st->digest);
	assert_string_not_equal(tc->digest, tc->form->digest);
	assert_non_null(tc->name.vi);
	assert_non_null(tc->name.en);
	assert_non_null(st->legal_basis.vi);
}

static void
test_holders(void **state)
{
	const struct workflow	*wf;
	const struct holder	*h;

	(void)state;
	wf = service("school-transfer");
	h = &wf->states[wf_state(wf, "receiving_review")].holder;
	assert_int_equal(h->kind, HOLD_FIELD);
	assert_int_equal(h->field, form_field(wf->form, "receiving_school"));
	assert_int_equal(h->role, defs_role(defs, "principal"));
	h = &wf->states[wf_state(wf, "district_review")].holder;
	assert_int_equal(h->kind, HOLD_PARENT_OF_FIELD);
	assert_int_equal(h->field, form_field(wf->form, "receiving_school"));
	assert_int_equal(h->role, defs_role(defs, "specialist"));
	h = &wf->states[wf_state(wf, "department_review")].holder;
	assert_int_equal(h->kind, HOLD_KIND);
	assert_int_equal(h->unit_kind, UK_DEPARTMENT);
	h = &wf->states[wf_state(wf, "sending_supplement")].holder;
	assert_int_equal(h->kind, HOLD_APPLICANT);
	assert_int_equal(h->role, ROLE_APPLICANT);
}

/* ---- transcript certification ------------------------------------- */

static void
tc_record(const struct workflow *wf, struct value *rec)
{
	memset(rec, 0, MAXF * sizeof(*rec));
	set_str(wf, rec, "school", "000.00.31.H26");
	set_str(wf, rec, "student_code", "0123456789");
	set_str(wf, rec, "purpose", "further-study");
	set_str(wf, rec, "delivery", "electronic");
	set_str(wf, rec, "applicant_relation", "self");
	set_int(wf, rec, "copies", 2);
}

static void
test_transcript(void **state)
{
	struct value	rec[MAXF];
	struct step	s;
	struct wf_actor	clerk = staff("clerk", SCHOOL_A);
	struct wf_actor	clerk_b = staff("clerk", SCHOOL_B);
	struct wf_actor	ao = staff("academic-officer", SCHOOL_A);
	struct wf_actor	ao_b = staff("academic-officer", SCHOOL_B);
	struct wf_actor	pr = staff("principal", SCHOOL_A);
	struct wf_actor	pr_b = staff("principal", SCHOOL_B);
	struct wf_actor	ap = applicant(), other = stranger();

	(void)state;
	s.wf = service("transcript-certification");
	tc_record(s.wf, rec);
	s.rec = rec;

	/* submitted, held by the school's clerk */
	ok(&s, "submitted", SCHOOL_A, &clerk, "receive", NULL, NULL,
	    "checking", CLK_KEEP);
	effects(&s, "notify-applicant");
	REFUSED(&s, "submitted", SCHOOL_A, &clerk_b, "receive", 0, 0,
	    WF_NOT_HOLDER);
	REFUSED(&s, "submitted", SCHOOL_A, &pr, "receive", 0, 0, WF_ROLE);
	REFUSED(&s, "submitted", SCHOOL_A, &ao, "receive", 0, 0, WF_ROLE);
	REFUSED(&s, "submitted", SCHOOL_A, &ap, "receive", 0, 0, WF_ROLE);
	REFUSED(&s, "submitted", SCHOOL_A, &clerk, "refuse", 0, 0,
	    WF_NEED_REASON);
	REFUSED(&s, "submitted", SCHOOL_A, &clerk, "refuse", "a comment",
	    " \t", WF_NEED_REASON);
	REFUSED(&s, "submitted", SCHOOL_A, &clerk_b, "refuse", 0, "r",
	    WF_NOT_HOLDER);
	ok(&s, "submitted", SCHOOL_A, &clerk, "refuse", NULL,
	    "không phải học sinh của trường", "refused", CLK_STOP);
	assert_int_equal(s.res.status, 3);
	effects(&s, "issue-document:refusal-notice notify-applicant");
	REFUSED(&s, "submitted", SCHOOL_A, &clerk, "verify", 0, 0,
	    WF_WRONG_STATE);

	/* checking, held by the academic office */
	REFUSED(&s, "checking", SCHOOL_A, &ao, "request_supplement", 0, 0,
	    WF_NEED_REASON);
	REFUSED(&s, "checking", SCHOOL_A, &ao_b, "request_supplement", 0,
	    "r", WF_NOT_HOLDER);
	REFUSED(&s, "checking", SCHOOL_A, &pr, "request_supplement", 0,
	    "r", WF_ROLE);
	ok(&s, "checking", SCHOOL_A, &ao, "request_supplement", NULL,
	    "thiếu giấy ủy quyền", "supplement", CLK_PAUSE);
	assert_int_equal(s.res.status, 5);
	effects(&s, "issue-document:supplement-request notify-applicant");
	REFUSED(&s, "checking", SCHOOL_A, &pr, "verify", 0, 0, WF_ROLE);
	REFUSED(&s, "checking", SCHOOL_A, &clerk, "verify", 0, 0, WF_ROLE);
	ok(&s, "checking", SCHOOL_A, &ao, "verify", NULL, NULL, "approving",
	    CLK_KEEP);
	REFUSED(&s, "checking", SCHOOL_A, &ao, "approve", 0, 0,
	    WF_WRONG_STATE);

	/* supplement, held by the applicant: the clock resumes */
	ok(&s, "supplement", 0, &ap, "supplement", NULL, NULL, "checking",
	    CLK_RESUME);
	assert_int_equal(s.res.status, 4);
	REFUSED(&s, "supplement", 0, &other, "supplement", 0, 0, WF_ROLE);
	REFUSED(&s, "supplement", 0, &ao, "supplement", 0, 0, WF_ROLE);

	/* approving, held by the principal */
	REFUSED(&s, "approving", SCHOOL_A, &ao, "approve", 0, 0, WF_ROLE);
	REFUSED(&s, "approving", SCHOOL_A, &pr_b, "approve", 0, 0,
	    WF_NOT_HOLDER);
	ok(&s, "approving", SCHOOL_A, &pr, "approve", NULL, NULL,
	    "result_ready", CLK_KEEP);
	assert_int_equal(s.res.status, 9);
	effects(&s, "issue-document:transcript-certificate notify-applicant");
	REFUSED(&s, "approving", SCHOOL_A, &pr, "send_back", 0, 0,
	    WF_NEED_COMMENT);
	REFUSED(&s, "approving", SCHOOL_A, &pr, "send_back", "", "reason",
	    WF_NEED_COMMENT);
	ok(&s, "approving", SCHOOL_A, &pr, "send_back", "sai năm học", NULL,
	    "checking", CLK_KEEP);
	REFUSED(&s, "approving", SCHOOL_A, &ao, "send_back", "c", 0,
	    WF_ROLE);

	/* result_ready, held by the clerk */
	REFUSED(&s, "result_ready", SCHOOL_A, &pr, "return_result", 0, 0,
	    WF_ROLE);
	REFUSED(&s, "result_ready", SCHOOL_A, &clerk_b, "return_result", 0,
	    0, WF_NOT_HOLDER);
	ok(&s, "result_ready", SCHOOL_A, &clerk, "return_result", NULL, NULL,
	    "returned", CLK_STOP);
	assert_int_equal(s.res.status, 10);
	effects(&s, "notify-applicant");

	/* withdraw: by the applicant, before the principal has it */
	ok(&s, "submitted", SCHOOL_A, &ap, "withdraw", NULL, NULL,
	    "withdrawn", CLK_STOP);
	assert_int_equal(s.res.status, 7);
	ok(&s, "checking", SCHOOL_A, &ap, "withdraw", NULL, NULL,
	    "withdrawn", CLK_STOP);
	ok(&s, "supplement", 0, &ap, "withdraw", NULL, NULL, "withdrawn",
	    CLK_STOP);
	REFUSED(&s, "approving", SCHOOL_A, &ap, "withdraw", 0, 0,
	    WF_WRONG_STATE);
	REFUSED(&s, "result_ready", SCHOOL_A, &ap, "withdraw", 0, 0,
	    WF_WRONG_STATE);
	REFUSED(&s, "submitted", SCHOOL_A, &other, "withdraw", 0, 0,
	    WF_ROLE);
	REFUSED(&s, "submitted", SCHOOL_A, &clerk, "withdraw", 0, 0,
	    WF_ROLE);

	finals_refuse_all(s.wf, rec);
}

/* ---- school transfer ---------------------------------------------- */

static void
st_record(const struct workflow *wf, struct value *rec, int grade,
    const char *scope)
{
	memset(rec, 0, MAXF * sizeof(*rec));
	set_str(wf, rec, "pupil_code", "0123456789");
	set_str(wf, rec, "sending_school", "000.00.31.H26");
	set_str(wf, rec, "receiving_school", "000.00.32.H26");
	set_str(wf, rec, "reason", "gia đình chuyển nơi ở");
	set_str(wf, rec, "scope", scope);
	set_int(wf, rec, "grade", grade);
}

static void
test_transfer(void **state)
{
	struct value	rec[MAXF];
	struct step	s;
	struct wf_actor	clerk_a = staff("clerk", SCHOOL_A);
	struct wf_actor	clerk_b = staff("clerk", SCHOOL_B);
	struct wf_actor	pr_a = staff("principal", SCHOOL_A);
	struct wf_actor	pr_b = staff("principal", SCHOOL_B);
	struct wf_actor	pr_c = staff("principal", SCHOOL_C);
	struct wf_actor	ao_a = staff("academic-officer", SCHOOL_A);
	struct wf_actor	sp_dist = staff("specialist", DISTRICT);
	struct wf_actor	sp_dept = staff("specialist", DEPARTMENT);
	struct wf_actor	head_dist = staff("head", DISTRICT);
	struct wf_actor	ap = applicant(), other = stranger();

	(void)state;
	s.wf = service("school-transfer");
	st_record(s.wf, rec, 7, "same-district");
	s.rec = rec;

	/* submitted, held by the sending school's clerk */
	ok(&s, "submitted", SCHOOL_A, &clerk_a, "receive", NULL, NULL,
	    "sending_review", CLK_KEEP);
	REFUSED(&s, "submitted", SCHOOL_A, &clerk_b, "receive", 0, 0,
	    WF_NOT_HOLDER);
	REFUSED(&s, "submitted", SCHOOL_A, &pr_a, "receive", 0, 0, WF_ROLE);
	REFUSED(&s, "submitted", SCHOOL_A, &clerk_a, "refuse", 0, 0,
	    WF_NEED_REASON);
	ok(&s, "submitted", SCHOOL_A, &clerk_a, "refuse", NULL, "hồ sơ sai",
	    "refused", CLK_STOP);

	/* sending_review, held by the sending school's principal */
	REFUSED(&s, "sending_review", SCHOOL_A, &pr_a,
	    "request_supplement_sending", 0, 0, WF_NEED_REASON);
	REFUSED(&s, "sending_review", SCHOOL_A, &pr_b,
	    "request_supplement_sending", 0, "r", WF_NOT_HOLDER);
	REFUSED(&s, "sending_review", SCHOOL_A, &ao_a,
	    "request_supplement_sending", 0, "r", WF_ROLE);
	ok(&s, "sending_review", SCHOOL_A, &pr_a,
	    "request_supplement_sending", NULL, "thiếu học bạ",
	    "sending_supplement", CLK_PAUSE);
	ok(&s, "sending_supplement", 0, &ap, "supplement_sending", NULL,
	    NULL, "sending_review", CLK_RESUME);
	REFUSED(&s, "sending_supplement", 0, &other, "supplement_sending",
	    0, 0, WF_ROLE);
	REFUSED(&s, "sending_supplement", 0, &pr_a, "supplement_sending",
	    0, 0, WF_ROLE);
	ok(&s, "sending_review", SCHOOL_A, &pr_a, "confirm_record", NULL,
	    NULL, "receiving_review", CLK_KEEP);
	REFUSED(&s, "sending_review", SCHOOL_A, &clerk_a, "confirm_record",
	    0, 0, WF_ROLE);
	REFUSED(&s, "sending_review", SCHOOL_A, &pr_a, "accept_local", 0,
	    0, WF_WRONG_STATE);

	/* receiving_review, held by the receiving school's principal */
	REFUSED(&s, "receiving_review", SCHOOL_B, &pr_a,
	    "request_supplement_receiving", 0, "r", WF_NOT_HOLDER);
	ok(&s, "receiving_review", SCHOOL_B, &pr_b,
	    "request_supplement_receiving", NULL, "thiếu xác nhận cư trú",
	    "receiving_supplement", CLK_PAUSE);
	ok(&s, "receiving_supplement", 0, &ap, "supplement_receiving", NULL,
	    NULL, "receiving_review", CLK_RESUME);
	REFUSED(&s, "receiving_review", SCHOOL_B, &pr_b, "decline", 0, 0,
	    WF_NEED_REASON);
	REFUSED(&s, "receiving_review", SCHOOL_B, &pr_c, "decline", 0, "r",
	    WF_NOT_HOLDER);
	ok(&s, "receiving_review", SCHOOL_B, &pr_b, "decline", NULL,
	    "hết chỗ", "refused", CLK_STOP);
	effects(&s, "issue-document:refusal-notice notify-applicant");
	REFUSED(&s, "receiving_review", SCHOOL_B, &clerk_b, "accept_local",
	    0, 0, WF_ROLE);
	REFUSED(&s, "receiving_review", SCHOOL_B, &pr_a, "accept_local",
	    0, 0, WF_NOT_HOLDER);

	/* district_review, held by the receiving school's district office */
	ok(&s, "district_review", DISTRICT, &sp_dist, "confirm_district",
	    NULL, NULL, "decided", CLK_KEEP);
	effects(&s, "issue-document:transfer-decision notify-applicant");
	REFUSED(&s, "district_review", DISTRICT, &sp_dept,
	    "confirm_district", 0, 0, WF_NOT_HOLDER);
	REFUSED(&s, "district_review", DISTRICT, &head_dist,
	    "confirm_district", 0, 0, WF_ROLE);
	REFUSED(&s, "district_review", DISTRICT, &pr_b, "confirm_district",
	    0, 0, WF_ROLE);
	REFUSED(&s, "district_review", DISTRICT, &sp_dist, "reject_district",
	    0, 0, WF_NEED_REASON);
	ok(&s, "district_review", DISTRICT, &sp_dist, "reject_district",
	    NULL, "không đúng tuyến", "refused", CLK_STOP);
	REFUSED(&s, "district_review", DISTRICT, &sp_dist,
	    "confirm_department", 0, 0, WF_WRONG_STATE);

	/* department_review, held by the department */
	ok(&s, "department_review", DEPARTMENT, &sp_dept,
	    "confirm_department", NULL, NULL, "decided", CLK_KEEP);
	effects(&s, "issue-document:transfer-decision notify-applicant");
	REFUSED(&s, "department_review", DEPARTMENT, &sp_dist,
	    "confirm_department", 0, 0, WF_NOT_HOLDER);
	REFUSED(&s, "department_review", DEPARTMENT, &sp_dept,
	    "reject_department", 0, "", WF_NEED_REASON);
	ok(&s, "department_review", DEPARTMENT, &sp_dept,
	    "reject_department", NULL, "hồ sơ không hợp lệ", "refused",
	    CLK_STOP);

	/* decided, held by the receiving school's clerk */
	REFUSED(&s, "decided", SCHOOL_B, &clerk_a, "return_result", 0, 0,
	    WF_NOT_HOLDER);
	REFUSED(&s, "decided", SCHOOL_B, &pr_b, "return_result", 0, 0,
	    WF_ROLE);
	ok(&s, "decided", SCHOOL_B, &clerk_b, "return_result", NULL, NULL,
	    "returned", CLK_STOP);
	effects(&s, "notify-applicant");

	/* withdraw: allowed until the review leaves the schools */
	ok(&s, "submitted", SCHOOL_A, &ap, "withdraw", 0, 0, "withdrawn",
	    CLK_STOP);
	ok(&s, "sending_review", SCHOOL_A, &ap, "withdraw", 0, 0,
	    "withdrawn", CLK_STOP);
	ok(&s, "sending_supplement", 0, &ap, "withdraw", 0, 0, "withdrawn",
	    CLK_STOP);
	ok(&s, "receiving_review", SCHOOL_B, &ap, "withdraw", 0, 0,
	    "withdrawn", CLK_STOP);
	ok(&s, "receiving_supplement", 0, &ap, "withdraw", 0, 0,
	    "withdrawn", CLK_STOP);
	REFUSED(&s, "district_review", DISTRICT, &ap, "withdraw", 0, 0,
	    WF_WRONG_STATE);
	REFUSED(&s, "department_review", DEPARTMENT, &ap, "withdraw", 0, 0,
	    WF_WRONG_STATE);
	REFUSED(&s, "decided", SCHOOL_B, &ap, "withdraw", 0, 0,
	    WF_WRONG_STATE);
	REFUSED(&s, "submitted", SCHOOL_A, &other, "withdraw", 0, 0,
	    WF_ROLE);

	finals_refuse_all(s.wf, rec);
}

/* Exactly one accept_* action fits each grade and scope. */
static void
test_transfer_accept(void **state)
{
	static const struct {
		int		 grade;
		const char	*scope;
		const char	*action;
		const char	*to;
	} cases[] = {
		{ 3, "same-district", "accept_local", "decided" },
		{ 3, "other-district", "accept_to_district",
		  "district_review" },
		{ 3, "other-province", "accept_to_department",
		  "department_review" },
		{ 7, "same-district", "accept_local", "decided" },
		{ 7, "other-district", "accept_to_district",
		  "district_review" },
		{ 7, "other-province", "accept_to_department",
		  "department_review" },
		{ 11, "same-district", "accept_to_department",
		  "department_review" },
		{ 11, "other-district", "accept_to_department",
		  "department_review" },
		{ 11, "other-province", "accept_to_department",
		  "department_review" },
	};
	static const char *const accepts[] = {
		"accept_local", "accept_to_district", "accept_to_department",
	};
	struct value	rec[MAXF];
	struct step	s;
	struct wf_actor	pr_b = staff("principal", SCHOOL_B);
	size_t		i, j;

	(void)state;
	s.wf = service("school-transfer");
	s.rec = rec;
	for (i = 0; i < NELEM(cases); i++) {
		st_record(s.wf, rec, cases[i].grade, cases[i].scope);
		for (j = 0; j < NELEM(accepts); j++) {
			if (strcmp(accepts[j], cases[i].action) != 0) {
				REFUSED(&s, "receiving_review", SCHOOL_B,
				    &pr_b, accepts[j], 0, 0, WF_GUARD);
				continue;
			}
			ok(&s, "receiving_review", SCHOOL_B, &pr_b,
			    accepts[j], NULL, NULL, cases[i].to, CLK_KEEP);
			/* Only the school's own decision is issued here. */
			effects(&s, j == 0 ? "issue-document:transfer-decision "
			    "notify-applicant" : "");
		}
	}
}

/* Every action of both services was taken at least once. */
static void
test_all_taken(void **state)
{
	static const char *const codes[2] = {
		"transcript-certification", "school-transfer",
	};
	const struct workflow	*wf;
	size_t			 i, k;

	(void)state;
	for (k = 0; k < 2; k++) {
		wf = service(codes[k]);
		assert_true(wf->nactions <= NELEM(taken[k]));
		for (i = 0; i < wf->nactions; i++)
			if (!taken[k][i])
				fail_msg("%s: action %s never taken", codes[k],
				    wf->actions[i].id);
	}
}

/* ---- versions ----------------------------------------------------- */

static void
copy_file(const char *from, const char *dir, const char *to,
    const char *append)
{
	char	 path[512], buf[8192];
	FILE	*in, *out;
	size_t	 n;

	snprintf(path, sizeof(path), "%s/%s", dir, to);
	assert_non_null(in = fopen(from, "rb"));
	assert_non_null(out = fopen(path, "wb"));
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	if (append != NULL)
		fputs(append, out);
	fclose(in);
	assert_int_equal(fclose(out), 0);
}

/* The transcript certification's version, loaded from dir. */
static void
version(const char *dir, char digest[DIGEST_LEN + 1])
{
	char			 forms[512], workflows[512];
	const char		*paths[2] = { forms, workflows };
	struct diags		 d = { NULL, 0, 0 };
	struct defs		*tmp;
	const struct workflow	*wf;

	snprintf(forms, sizeof(forms), "%s/forms", dir);
	snprintf(workflows, sizeof(workflows), "%s/workflows", dir);
	tmp = defs_load(paths, 2, "schemas", &d);
	diags_print(&d, stderr);
	diags_free(&d);
	assert_non_null(tmp);
	assert_non_null(wf = defs_workflow(tmp, "transcript-certification"));
	memcpy(digest, wf->digest, DIGEST_LEN + 1);
	defs_free(tmp);
}

/* Editing the workflow or its form makes a new version; nothing else
 * does. */
static void
test_version(void **state)
{
	static const char *const files[] = {
		"forms/transcript-certification.xml",
		"workflows/transcript-certification.xml",
		"workflows/catalogue.xml",
	};
	char	dir[] = "/tmp/motcua-services.XXXXXX", sub[512];
	char	v0[DIGEST_LEN + 1], v1[DIGEST_LEN + 1];
	char	v2[DIGEST_LEN + 1], v3[DIGEST_LEN + 1];
	size_t	i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(sub, sizeof(sub), "%s/forms", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(sub, sizeof(sub), "%s/workflows", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	for (i = 0; i < NELEM(files); i++)
		copy_file(files[i], dir, files[i], NULL);
	version(dir, v0);
	assert_string_equal(v0, service("transcript-certification")->digest);

	copy_file(files[0], dir, files[0], "<!-- edited -->\n");
	version(dir, v1);
	assert_string_not_equal(v1, v0);

	copy_file(files[0], dir, files[0], NULL);
	copy_file(files[1], dir, files[1], "<!-- edited -->\n");
	version(dir, v2);
	assert_string_not_equal(v2, v0);
	assert_string_not_equal(v2, v1);

	/* The other form, or the catalogue, do not change this version. */
	copy_file(files[1], dir, files[1], NULL);
	copy_file(files[2], dir, files[2], "<!-- edited -->\n");
	version(dir, v3);
	assert_string_equal(v3, v0);

	for (i = 0; i < NELEM(files); i++) {
		snprintf(sub, sizeof(sub), "%s/%s", dir, files[i]);
		unlink(sub);
	}
	snprintf(sub, sizeof(sub), "%s/forms", dir);
	rmdir(sub);
	snprintf(sub, sizeof(sub), "%s/workflows", dir);
	rmdir(sub);
	rmdir(dir);
}

static void
test_no_such_action(void **state)
{
	const struct workflow	*wf;
	struct dossier_view	 dv = { 0, SCHOOL_A, NULL };
	struct wf_actor		 clerk = staff("clerk", SCHOOL_A);
	struct wf_result	 res;

	(void)state;
	wf = service("transcript-certification");
	dv.state = wf->initial;
	assert_int_equal(wf_transition(wf, &dv, &clerk, wf->nactions, NULL,
	    &res), WF_NO_ACTION);
	assert_int_equal(wf_transition(wf, &dv, &clerk, DEF_NONE, NULL,
	    &res), WF_NO_ACTION);
}

/* Filing windows: transfers are seasonal, transcripts all year. */
static void
test_windows(void **state)
{
	const struct workflow	*tr = service("school-transfer");
	const struct workflow	*tc = service("transcript-certification");

	(void)state;
	assert_true(wf_open_on(tc, 3, 10));
	assert_true(wf_open_on(tr, 6, 1));
	assert_true(wf_open_on(tr, 8, 15));
	assert_false(wf_open_on(tr, 5, 31));
	assert_false(wf_open_on(tr, 8, 16));
	assert_false(wf_open_on(tr, 12, 14));
	assert_true(wf_open_on(tr, 12, 15));
	assert_true(wf_open_on(tr, 12, 31));
	assert_true(wf_open_on(tr, 1, 1));
	assert_true(wf_open_on(tr, 1, 15));
	assert_false(wf_open_on(tr, 1, 16));
	assert_false(wf_open_on(tr, 3, 10));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loaded),
		cmocka_unit_test(test_holders),
		cmocka_unit_test(test_transcript),
		cmocka_unit_test(test_transfer),
		cmocka_unit_test(test_transfer_accept),
		cmocka_unit_test(test_no_such_action),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_windows),
		/* last: counts what the others took */
		cmocka_unit_test(test_all_taken),
	};

	return cmocka_run_group_tests(tests, load, unload);
}
