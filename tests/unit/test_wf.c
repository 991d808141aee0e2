/*
 * test_wf.c - transitions over a hand-built workflow: every refusal in
 * the order the checks run, what an allowed transition returns, each
 * clock change, and the actions offered to an actor.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/guard.h"
#include "core/wf.h"

#define UNIT_SCHOOL	7
#define UNIT_OTHER	8

enum { R_APPLICANT = ROLE_APPLICANT, R_CLERK, R_SPECIALIST, R_PRINCIPAL };
#define BIT(r)	((uint64_t)1 << (r))

enum {
	S_SUBMITTED, S_PROCESSING, S_SUPPLEMENT, S_FEE, S_STOPPED,
	S_DONE, S_REFUSED, S_WITHDRAWN, S_PROCESSED,
	S__MAX
};

enum {
	A_ACCEPT, A_REFUSE, A_ASK, A_SUPPLEMENT, A_WITHDRAW, A_APPROVE,
	A_STOP, A_RESUME, A_FEE, A_TO_FEE, A_RETURN, A_NOTE, A_REOPEN,
	A_TAKE_BACK, A_PAY, A_BROKEN,
	A__MAX
};

static struct option purposes[] = {
	{ "study", { NULL, NULL } }, { "work", { NULL, NULL } },
};
static struct field fields[] = {
	{ .id = "purpose", .type = FT_SELECT, .options = purposes,
	    .noptions = 2 },
	{ .id = "school", .type = FT_UNIT },
};
static const struct form form = {
	.id = "f", .fields = fields, .nfields = 2,
};

#define UNIT_HOLDER(r)	{ .kind = HOLD_FIELD, .role = (r), .field = 1 }
#define APPL_HOLDER	{ .kind = HOLD_APPLICANT, .role = R_APPLICANT }

static struct state states[S__MAX] = {
	[S_SUBMITTED] = { .id = "submitted", .status = 1,
	    .holder = UNIT_HOLDER(R_CLERK), .clock = CLOCK_RUNNING,
	    .initial = 1 },
	[S_PROCESSING] = { .id = "processing", .status = 4,
	    .holder = UNIT_HOLDER(R_SPECIALIST), .clock = CLOCK_RUNNING },
	[S_SUPPLEMENT] = { .id = "supplement", .status = 5,
	    .holder = APPL_HOLDER, .clock = CLOCK_PAUSED },
	[S_FEE] = { .id = "fee", .status = 6,
	    .holder = APPL_HOLDER, .clock = CLOCK_PAUSED },
	[S_STOPPED] = { .id = "stopped", .status = 8,
	    .holder = UNIT_HOLDER(R_PRINCIPAL), .clock = CLOCK_PAUSED },
	[S_DONE] = { .id = "done", .status = 10,
	    .holder = APPL_HOLDER, .clock = CLOCK_STOPPED, .final = 1 },
	[S_REFUSED] = { .id = "refused", .status = 3,
	    .holder = APPL_HOLDER, .clock = CLOCK_STOPPED, .final = 1 },
	[S_WITHDRAWN] = { .id = "withdrawn", .status = 7,
	    .holder = APPL_HOLDER, .clock = CLOCK_STOPPED, .final = 1 },
	[S_PROCESSED] = { .id = "processed", .status = 9,
	    .holder = { .kind = HOLD_KIND, .role = R_CLERK,
	    .unit_kind = UK_SCHOOL }, .clock = CLOCK_STOPPED },
};

static size_t from_submitted[] = { S_SUBMITTED };
static size_t from_processing[] = { S_PROCESSING };
static size_t from_supplement[] = { S_SUPPLEMENT };
static size_t from_fee[] = { S_FEE };
static size_t from_stopped[] = { S_STOPPED };
static size_t from_processed[] = { S_PROCESSED };
static size_t from_open[] = {
	S_SUBMITTED, S_PROCESSING, S_SUPPLEMENT, S_FEE, S_STOPPED,
};

static struct effect notify[] = {
	{ .kind = EFF_NOTIFY_APPLICANT, .arg = "accepted" },
};
static struct effect issue[] = {
	{ .kind = EFF_ISSUE_DOCUMENT, .arg = "certificate", .doc = 0 },
	{ .kind = EFF_NOTIFY_APPLICANT, .arg = "done" },
};

#define FROM(a)	.from = (a), .nfrom = sizeof(a) / sizeof((a)[0])

static struct action actions[A__MAX] = {
	[A_ACCEPT] = { .id = "accept", FROM(from_submitted),
	    .to = S_PROCESSING, .roles = BIT(R_CLERK),
	    .effects = notify, .neffects = 1 },
	[A_REFUSE] = { .id = "refuse", FROM(from_submitted),
	    .to = S_REFUSED, .roles = BIT(R_CLERK), .inputs = INPUT_REASON },
	[A_ASK] = { .id = "ask-supplement", FROM(from_processing),
	    .to = S_SUPPLEMENT, .roles = BIT(R_SPECIALIST),
	    .inputs = INPUT_COMMENT | INPUT_FIELDS },
	[A_SUPPLEMENT] = { .id = "supplement", FROM(from_supplement),
	    .to = S_PROCESSING, .roles = BIT(R_APPLICANT) },
	[A_WITHDRAW] = { .id = "withdraw", FROM(from_open),
	    .to = S_WITHDRAWN, .roles = BIT(R_APPLICANT) },
	[A_APPROVE] = { .id = "approve", FROM(from_processing),
	    .to = S_PROCESSED, .roles = BIT(R_SPECIALIST) | BIT(R_PRINCIPAL),
	    .inputs = INPUT_COMMENT },	/* guard set in setup */
	[A_STOP] = { .id = "stop", FROM(from_processing), .to = S_STOPPED,
	    .roles = BIT(R_PRINCIPAL), .inputs = INPUT_REASON },
	[A_RESUME] = { .id = "resume", FROM(from_stopped),
	    .to = S_PROCESSING, .roles = BIT(R_PRINCIPAL) },
	[A_FEE] = { .id = "request-fee", FROM(from_processing), .to = S_FEE,
	    .roles = BIT(R_CLERK) | BIT(R_SPECIALIST) },
	[A_TO_FEE] = { .id = "to-fee", FROM(from_supplement), .to = S_FEE,
	    .roles = BIT(R_APPLICANT) },
	[A_RETURN] = { .id = "return", FROM(from_processed), .to = S_DONE,
	    .roles = BIT(R_CLERK), .effects = issue, .neffects = 2 },
	[A_NOTE] = { .id = "note", FROM(from_processing), .to = S_PROCESSING,
	    .roles = BIT(R_SPECIALIST), .inputs = INPUT_COMMENT | INPUT_REASON },
	[A_REOPEN] = { .id = "reopen", FROM(from_processed),
	    .to = S_PROCESSING, .roles = BIT(R_CLERK) },
	[A_TAKE_BACK] = { .id = "take-back", FROM(from_supplement),
	    .to = S_PROCESSING, .roles = BIT(R_SPECIALIST) },
	[A_PAY] = { .id = "pay", FROM(from_fee), .to = S_PROCESSING,
	    .roles = BIT(R_APPLICANT) },
	[A_BROKEN] = { .id = "broken", FROM(from_processing), .to = S__MAX,
	    .roles = BIT(R_SPECIALIST) },
};

static struct workflow wf = {
	.code = "test", .form = &form, .states = states, .nstates = S__MAX,
	.initial = S_SUBMITTED, .actions = actions, .nactions = A__MAX,
};

static struct value study[2] = {
	{ .type = V_STR, .s = "study", .len = 5 },
	{ .type = V_STR, .s = "000.00.31.H26", .len = 13 },
};
static struct value work[2] = {
	{ .type = V_STR, .s = "work", .len = 4 },
	{ .type = V_STR, .s = "000.00.31.H26", .len = 13 },
};

static const struct wf_actor applicant = { .is_applicant = 1 };
static const struct wf_actor citizen = { .roles = BIT(R_APPLICANT) };
static const struct wf_actor clerk = { .roles = BIT(R_CLERK),
    .unit = UNIT_SCHOOL };
static const struct wf_actor specialist = { .roles = BIT(R_SPECIALIST),
    .unit = UNIT_SCHOOL };
static const struct wf_actor principal = { .roles = BIT(R_PRINCIPAL),
    .unit = UNIT_SCHOOL };
static const struct wf_actor other_clerk = { .roles = BIT(R_CLERK),
    .unit = UNIT_OTHER };
static const struct wf_actor other_specialist = { .roles = BIT(R_SPECIALIST),
    .unit = UNIT_OTHER };
static const struct wf_actor unitless = { .roles = BIT(R_SPECIALIST) };

static const struct wf_inputs none = { NULL, NULL };
static const struct wf_inputs full = { "đã kiểm tra", "thiếu học bạ" };

static int
setup(void **state)
{
	struct diags	 d = { 0 };

	(void)state;
	actions[A_APPROVE].guard = guard_compile("purpose = 'study'", &form,
	    "wf.xml", 1, &d);
	diags_free(&d);
	return actions[A_APPROVE].guard == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	guard_free(actions[A_APPROVE].guard);
	return 0;
}

static struct dossier_view
at(size_t s)
{
	struct dossier_view	 v;

	v.state = s;
	v.holder_unit = s < S__MAX && states[s].holder.kind == HOLD_APPLICANT ?
	    0 : UNIT_SCHOOL;
	v.rec = study;
	return v;
}

static enum wf_refusal
try(size_t s, const struct wf_actor *who, size_t a, const struct wf_inputs *in)
{
	struct dossier_view	 v = at(s);
	struct wf_result	 r;

	memset(&r, 0xa5, sizeof(r));
	return wf_transition(&wf, &v, who, a, in, &r);
}

/* ---- refusals ----------------------------------------------------- */

static void
refuse_no_action(void **state)
{
	(void)state;
	assert_int_equal(try(S_SUBMITTED, &clerk, A__MAX, &full),
	    WF_NO_ACTION);
	assert_int_equal(try(S_SUBMITTED, &clerk, (size_t)-1, &full),
	    WF_NO_ACTION);
	/* before the final state's check */
	assert_int_equal(try(S_DONE, &clerk, A__MAX, &full), WF_NO_ACTION);
	/* an action leading nowhere cannot be taken */
	assert_int_equal(try(S_PROCESSING, &specialist, A_BROKEN, &full),
	    WF_NO_ACTION);
	assert_string_equal(wf_refusal_names[WF_NO_ACTION], "no-such-action");
}

static void
refuse_final(void **state)
{
	size_t	 s, a;

	(void)state;
	for (s = S_DONE; s <= S_WITHDRAWN; s++)
		for (a = 0; a < A__MAX; a++) {
			assert_int_equal(try(s, &applicant, a, &full),
			    WF_FINAL);
			assert_int_equal(try(s, &clerk, a, &full), WF_FINAL);
		}
}

static void
refuse_wrong_state(void **state)
{
	(void)state;
	assert_int_equal(try(S_PROCESSING, &clerk, A_ACCEPT, &full),
	    WF_WRONG_STATE);
	assert_int_equal(try(S_SUBMITTED, &applicant, A_SUPPLEMENT, &full),
	    WF_WRONG_STATE);
	/* the state before the role: a stranger learns nothing more */
	assert_int_equal(try(S_PROCESSED, &citizen, A_WITHDRAW, &full),
	    WF_WRONG_STATE);
	assert_int_equal(try(S__MAX, &clerk, A_ACCEPT, &full),
	    WF_WRONG_STATE);
}

static void
refuse_role(void **state)
{
	(void)state;
	assert_int_equal(try(S_SUBMITTED, &specialist, A_ACCEPT, &full),
	    WF_ROLE);
	assert_int_equal(try(S_SUBMITTED, &applicant, A_ACCEPT, &full),
	    WF_ROLE);
	/* staff may not act as the applicant */
	assert_int_equal(try(S_PROCESSING, &clerk, A_WITHDRAW, &full),
	    WF_ROLE);
	/* the applicant bit grants nothing: only is_applicant does */
	assert_int_equal(try(S_PROCESSING, &citizen, A_WITHDRAW, &full),
	    WF_ROLE);
	assert_int_equal(try(S_SUPPLEMENT, &citizen, A_SUPPLEMENT, &full),
	    WF_ROLE);
	/* the role before the holder */
	assert_int_equal(try(S_SUBMITTED, &other_specialist, A_ACCEPT,
	    &full), WF_ROLE);
}

static void
refuse_not_holder(void **state)
{
	struct dossier_view	 v = at(S_PROCESSING);
	struct wf_actor		 both = specialist;

	(void)state;
	assert_int_equal(try(S_SUBMITTED, &other_clerk, A_ACCEPT, &full),
	    WF_NOT_HOLDER);
	assert_int_equal(try(S_PROCESSING, &unitless, A_ASK, &full),
	    WF_NOT_HOLDER);
	/* a state the applicant holds: staff may not act */
	assert_int_equal(try(S_SUPPLEMENT, &specialist, A_TAKE_BACK, &full),
	    WF_NOT_HOLDER);
	/* even when the unit recorded is the actor's */
	v = at(S_SUPPLEMENT);
	v.holder_unit = UNIT_SCHOOL;
	assert_int_equal(wf_transition(&wf, &v, &specialist, A_TAKE_BACK,
	    &full, NULL), WF_NOT_HOLDER);
	/* staff without a unit never hold a dossier */
	v = at(S_PROCESSING);
	v.holder_unit = 0;
	assert_int_equal(wf_transition(&wf, &v, &unitless, A_ASK, &full,
	    NULL), WF_NOT_HOLDER);
	/* the unit holding it now, not the actor's */
	v.holder_unit = UNIT_OTHER;
	assert_int_equal(wf_transition(&wf, &v, &specialist, A_ASK, &full,
	    NULL), WF_NOT_HOLDER);
	assert_int_equal(wf_transition(&wf, &v, &other_specialist, A_ASK,
	    &full, NULL), WF_OK);
	/* the applicant acts whoever holds it */
	assert_int_equal(wf_transition(&wf, &v, &applicant, A_WITHDRAW,
	    &none, NULL), WF_OK);
	/* staff who filed: the applicant's actions as applicant, the rest
	 * as staff */
	both.is_applicant = 1;
	assert_int_equal(wf_transition(&wf, &v, &both, A_WITHDRAW, &none,
	    NULL), WF_OK);
	assert_int_equal(wf_transition(&wf, &v, &both, A_ASK, &full,
	    NULL), WF_NOT_HOLDER);
}

static void
refuse_inputs(void **state)
{
	const struct wf_inputs	 blank = { " \t\r\n", "  " };
	const struct wf_inputs	 empty = { "", "" };
	const struct wf_inputs	 comment = { "ok", NULL };
	const struct wf_inputs	 reason = { NULL, "no" };

	(void)state;
	assert_int_equal(try(S_PROCESSING, &specialist, A_ASK, &none),
	    WF_NEED_COMMENT);
	assert_int_equal(try(S_PROCESSING, &specialist, A_ASK, NULL),
	    WF_NEED_COMMENT);
	assert_int_equal(try(S_PROCESSING, &specialist, A_ASK, &empty),
	    WF_NEED_COMMENT);
	assert_int_equal(try(S_PROCESSING, &specialist, A_ASK, &blank),
	    WF_NEED_COMMENT);
	assert_int_equal(try(S_PROCESSING, &specialist, A_ASK, &reason),
	    WF_NEED_COMMENT);
	assert_int_equal(try(S_PROCESSING, &specialist, A_ASK, &comment),
	    WF_OK);
	assert_int_equal(try(S_SUBMITTED, &clerk, A_REFUSE, &comment),
	    WF_NEED_REASON);
	assert_int_equal(try(S_SUBMITTED, &clerk, A_REFUSE, &blank),
	    WF_NEED_REASON);
	assert_int_equal(try(S_SUBMITTED, &clerk, A_REFUSE, &reason), WF_OK);
	/* the comment first, then the reason */
	assert_int_equal(try(S_PROCESSING, &specialist, A_NOTE, &none),
	    WF_NEED_COMMENT);
	assert_int_equal(try(S_PROCESSING, &specialist, A_NOTE, &comment),
	    WF_NEED_REASON);
	assert_int_equal(try(S_PROCESSING, &specialist, A_NOTE, &full),
	    WF_OK);
	/* the holder before the inputs */
	assert_int_equal(try(S_PROCESSING, &other_specialist, A_ASK, &none),
	    WF_NOT_HOLDER);
}

static void
refuse_guard(void **state)
{
	struct dossier_view	 v = at(S_PROCESSING);

	(void)state;
	assert_int_equal(wf_transition(&wf, &v, &specialist, A_APPROVE,
	    &full, NULL), WF_OK);
	v.rec = work;
	assert_int_equal(wf_transition(&wf, &v, &specialist, A_APPROVE,
	    &full, NULL), WF_GUARD);
	/* inputs are checked before the guard */
	assert_int_equal(wf_transition(&wf, &v, &specialist, A_APPROVE,
	    &none, NULL), WF_NEED_COMMENT);
	/* no data: the field is absent, the guard false */
	v.rec = NULL;
	assert_int_equal(wf_transition(&wf, &v, &principal, A_APPROVE,
	    &full, NULL), WF_GUARD);
	/* actions without a guard do not read the record */
	assert_int_equal(wf_transition(&wf, &v, &specialist, A_ASK,
	    &full, NULL), WF_OK);
}

/* ---- results ------------------------------------------------------ */

static void
result_filled(void **state)
{
	struct dossier_view	 v = at(S_SUBMITTED);
	struct wf_result	 r;

	(void)state;
	memset(&r, 0xa5, sizeof(r));
	assert_int_equal(wf_transition(&wf, &v, &clerk, A_ACCEPT, &none, &r),
	    WF_OK);
	assert_int_equal(r.to, S_PROCESSING);
	assert_ptr_equal(r.holder, &states[S_PROCESSING].holder);
	assert_int_equal(r.holder->role, R_SPECIALIST);
	assert_int_equal(r.clock, CLK_KEEP);
	assert_ptr_equal(r.effects, notify);
	assert_int_equal(r.neffects, 1);
	assert_int_equal(r.status, 4);

	v = at(S_PROCESSED);
	assert_int_equal(wf_transition(&wf, &v, &clerk, A_RETURN, &none, &r),
	    WF_OK);
	assert_int_equal(r.to, S_DONE);
	assert_int_equal(r.holder->kind, HOLD_APPLICANT);
	assert_ptr_equal(r.effects, issue);
	assert_int_equal(r.neffects, 2);
	assert_int_equal(r.status, 10);

	/* A refusal leaves the result alone. */
	memset(&r, 0xa5, sizeof(r));
	assert_int_equal(wf_transition(&wf, &v, &specialist, A_RETURN, &none,
	    &r), WF_ROLE);
	assert_int_equal(r.status, (int)0xa5a5a5a5);
}

static enum clock_change
clock_of(size_t s, const struct wf_actor *who, size_t a)
{
	struct dossier_view	 v = at(s);
	struct wf_result	 r;

	assert_int_equal(wf_transition(&wf, &v, who, a, &full, &r), WF_OK);
	assert_int_equal(r.to, actions[a].to);
	return r.clock;
}

static void
clock_changes(void **state)
{
	(void)state;
	/* running -> running */
	assert_int_equal(clock_of(S_PROCESSING, &specialist, A_NOTE),
	    CLK_KEEP);
	assert_int_equal(clock_of(S_SUBMITTED, &clerk, A_ACCEPT), CLK_KEEP);
	/* running -> paused: supplement, fee, stop */
	assert_int_equal(clock_of(S_PROCESSING, &specialist, A_ASK),
	    CLK_PAUSE);
	assert_int_equal(clock_of(S_PROCESSING, &clerk, A_FEE), CLK_PAUSE);
	assert_int_equal(clock_of(S_PROCESSING, &principal, A_STOP),
	    CLK_PAUSE);
	/* paused -> running */
	assert_int_equal(clock_of(S_SUPPLEMENT, &applicant, A_SUPPLEMENT),
	    CLK_RESUME);
	assert_int_equal(clock_of(S_STOPPED, &principal, A_RESUME),
	    CLK_RESUME);
	assert_int_equal(clock_of(S_FEE, &applicant, A_PAY), CLK_RESUME);
	/* paused -> paused */
	assert_int_equal(clock_of(S_SUPPLEMENT, &applicant, A_TO_FEE),
	    CLK_KEEP);
	/* anything -> stopped */
	assert_int_equal(clock_of(S_SUBMITTED, &clerk, A_REFUSE), CLK_STOP);
	assert_int_equal(clock_of(S_SUBMITTED, &applicant, A_WITHDRAW),
	    CLK_STOP);
	assert_int_equal(clock_of(S_FEE, &applicant, A_WITHDRAW), CLK_STOP);
	assert_int_equal(clock_of(S_STOPPED, &applicant, A_WITHDRAW),
	    CLK_STOP);
	assert_int_equal(clock_of(S_PROCESSING, &specialist, A_APPROVE),
	    CLK_STOP);
	assert_int_equal(clock_of(S_PROCESSED, &clerk, A_RETURN), CLK_STOP);
	/* stopped -> running is not a resumption (nor a start) */
	assert_int_equal(clock_of(S_PROCESSED, &clerk, A_REOPEN), CLK_KEEP);
}

/* ---- available actions -------------------------------------------- */

static void
expect_available(size_t s, const struct wf_actor *who, const size_t *want,
    size_t nwant)
{
	struct dossier_view	 v = at(s);
	size_t			 out[A__MAX + 1], n, i;

	n = wf_available(&wf, &v, who, out, A__MAX + 1);
	assert_int_equal(n, nwant);
	for (i = 0; i < n; i++)
		assert_int_equal(out[i], want[i]);
}

static void
available(void **state)
{
	static const size_t clerk0[] = { A_ACCEPT, A_REFUSE };
	static const size_t appl0[] = { A_WITHDRAW };
	static const size_t appl2[] = { A_SUPPLEMENT, A_WITHDRAW, A_TO_FEE };
	static const size_t spec1[] = { A_ASK, A_APPROVE, A_FEE, A_NOTE };
	static const size_t princ1[] = { A_APPROVE, A_STOP };
	static const size_t clerk1[] = { A_FEE };
	struct dossier_view	 v = at(S_PROCESSING);
	size_t			 out[2];

	(void)state;
	expect_available(S_SUBMITTED, &clerk, clerk0, 2);
	expect_available(S_SUBMITTED, &applicant, appl0, 1);
	expect_available(S_SUPPLEMENT, &applicant, appl2, 3);
	/* required inputs do not hide an action; a false guard does */
	expect_available(S_PROCESSING, &specialist, spec1, 4);
	expect_available(S_PROCESSING, &principal, princ1, 2);
	expect_available(S_PROCESSING, &clerk, clerk1, 1);
	expect_available(S_SUPPLEMENT, &specialist, NULL, 0);
	expect_available(S_SUBMITTED, &other_clerk, NULL, 0);
	expect_available(S_SUBMITTED, &citizen, NULL, 0);
	expect_available(S_DONE, &applicant, NULL, 0);
	expect_available(S_DONE, &clerk, NULL, 0);
	expect_available(S__MAX, &clerk, NULL, 0);
	v.rec = work;
	assert_int_equal(wf_available(&wf, &v, &principal, out, 2), 1);
	assert_int_equal(out[0], A_STOP);
	/* at most max */
	v.rec = study;
	assert_int_equal(wf_available(&wf, &v, &specialist, out, 2), 2);
	assert_int_equal(out[0], A_ASK);
	assert_int_equal(out[1], A_APPROVE);
	assert_int_equal(wf_available(&wf, &v, &specialist, out, 0), 0);
}

/* What is available is exactly what passes with every input given. */
static void
available_matches_transition(void **state)
{
	const struct wf_actor	*who[] = {
		&applicant, &citizen, &clerk, &specialist, &principal,
		&other_clerk, &other_specialist, &unitless,
	};
	struct dossier_view	 v;
	size_t			 out[A__MAX], n, s, w, a, k;
	int			 listed;

	(void)state;
	for (s = 0; s < S__MAX; s++)
		for (w = 0; w < sizeof(who) / sizeof(who[0]); w++) {
			v = at(s);
			n = wf_available(&wf, &v, who[w], out, A__MAX);
			for (a = 0; a < A__MAX; a++) {
				for (listed = 0, k = 0; k < n; k++)
					listed |= out[k] == a;
				assert_int_equal(listed, wf_transition(&wf, &v,
				    who[w], a, &full, NULL) == WF_OK);
			}
		}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(refuse_no_action),
		cmocka_unit_test(refuse_final),
		cmocka_unit_test(refuse_wrong_state),
		cmocka_unit_test(refuse_role),
		cmocka_unit_test(refuse_not_holder),
		cmocka_unit_test(refuse_inputs),
		cmocka_unit_test(refuse_guard),
		cmocka_unit_test(result_filled),
		cmocka_unit_test(clock_changes),
		cmocka_unit_test(available),
		cmocka_unit_test(available_matches_transition),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
