/*
 * report.c - the periodic report's columns and indicators: see
 * report.h, and docs/statistics.md for the rules in words.
 *
 * The rules, as report_add applies them to dossiers seen at the end of
 * the period:
 *   - refused at reception (status 3): counted as refused only; they
 *     were never received for processing (không được tiếp nhận);
 *   - every other one is received: carried over, or new (by channel);
 *   - completed in the period: withdrawn (status 7), or resolved:
 *     late when completed after its due time or supplemented twice or
 *     more (Decision 766's method), else before the deadline when
 *     completed on a local day before the due day, else on time;
 *   - not completed at the end: in progress, overdue when its due time
 *     had passed with the clock running, or supplemented twice or more;
 *     else within the deadline.  Paused ones are also counted paused.
 * So received = resolved + in progress + withdrawn.
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>

#include "core/rating.h"
#include "core/report.h"

const char *const report_col_names[RC__MAX] = {
	[RC_RECEIVED] = "received",
	[RC_CARRIED] = "carried_over",
	[RC_NEW] = "received_in_period",
	[RC_ONLINE] = "online",
	[RC_IN_PERSON] = "in_person",
	[RC_POST] = "by_post",
	[RC_RESOLVED] = "resolved",
	[RC_EARLY] = "resolved_early",
	[RC_ON_TIME] = "resolved_on_time",
	[RC_LATE] = "resolved_late",
	[RC_IN_PROGRESS] = "in_progress",
	[RC_WITHIN] = "in_progress_within",
	[RC_OVERDUE] = "in_progress_overdue",
	[RC_PAUSED] = "paused",
	[RC_WITHDRAWN] = "withdrawn",
	[RC_REFUSED] = "refused",
	[RC_APOLOGIES] = "apology_letters_due",
	[RC_ONLINE_E_RESULT] = "online_with_e_result",
	[RC_E_RESULT] = "with_e_result",
	[RC_WITH_FEE] = "with_fee",
	[RC_PAID_ONLINE] = "paid_online",
	[RC_DIGITISED] = "digitised",
	[RC_RATED] = "rated",
	[RC_DISSATISFIED] = "dissatisfied",
};

const char *const report_rate_names[RR__MAX] = {
	[RR_ON_TIME] = "on_time",
	[RR_ONLINE] = "online",
	[RR_E_RESULT] = "e_result",
	[RR_PAID_ONLINE] = "paid_online",
	[RR_DIGITISED] = "digitised",
	[RR_SATISFACTION] = "satisfaction",
};

static void
resolved(struct report_row *r, const struct report_fact *f, int64_t n)
{
	r->v[RC_RESOLVED] += n;
	r->work_seconds += f->work_seconds;
	if (f->after_due || f->supplements >= 2) {
		r->v[RC_LATE] += n;
		r->v[RC_APOLOGIES] += n;
	} else if (f->has_due && f->day_cmp < 0)
		r->v[RC_EARLY] += n;
	else
		r->v[RC_ON_TIME] += n;
	if (f->e_result) {
		r->v[RC_E_RESULT] += n;
		if (f->files)
			r->v[RC_DIGITISED] += n;
	}
	if (f->rating >= 0 && f->rating < RATING__MAX) {
		r->v[RC_RATED] += n;
		if (f->rating == RATING_DISSATISFIED)
			r->v[RC_DISSATISFIED] += n;
	}
}

static void
in_progress(struct report_row *r, const struct report_fact *f, int64_t n)
{
	r->v[RC_IN_PROGRESS] += n;
	if ((f->overdue && !f->paused) || f->supplements >= 2) {
		r->v[RC_OVERDUE] += n;
		r->v[RC_APOLOGIES] += n;
	} else
		r->v[RC_WITHIN] += n;
	if (f->paused)
		r->v[RC_PAUSED] += n;
}

void
report_add(struct report_row *r, const struct report_fact *f, int64_t n)
{
	if (f->done && f->status == STATUS_REFUSED) {
		r->v[RC_REFUSED] += n;
		return;
	}
	r->v[RC_RECEIVED] += n;
	if (f->carried)
		r->v[RC_CARRIED] += n;
	else {
		r->v[RC_NEW] += n;
		switch (f->channel) {
		case CHANNEL_ONLINE:
			r->v[RC_ONLINE] += n;
			if (f->e_result)
				r->v[RC_ONLINE_E_RESULT] += n;
			break;
		case CHANNEL_POST:
			r->v[RC_POST] += n;
			break;
		default:
			r->v[RC_IN_PERSON] += n;
			break;
		}
		if (f->has_fee) {
			r->v[RC_WITH_FEE] += n;
			if (f->paid_online)
				r->v[RC_PAID_ONLINE] += n;
		}
	}
	if (!f->done)
		in_progress(r, f, n);
	else if (f->status == STATUS_WITHDRAWN)
		r->v[RC_WITHDRAWN] += n;
	else
		resolved(r, f, n);
}

void
report_sum(struct report_row *r, const struct report_row *o)
{
	size_t	 i;

	for (i = 0; i < RC__MAX; i++)
		r->v[i] += o->v[i];
	r->work_seconds += o->work_seconds;
}

/* num / den in hundredths of a percent, rounded half up. */
static struct rate
rate(int64_t num, int64_t den)
{
	struct rate	 x = { num, den, -1 };

	if (den > 0)
		x.bp = (num * 20000 + den) / (2 * den);
	return x;
}

void
report_rates(const struct report_row *r, struct report_rates *out)
{
	const int64_t	*v = r->v;
	struct rate	 late, dis;
	int64_t		 s;

	out->r[RR_ON_TIME] = rate(v[RC_EARLY] + v[RC_ON_TIME] + v[RC_WITHIN],
	    v[RC_RESOLVED] + v[RC_IN_PROGRESS]);
	out->r[RR_ONLINE] = rate(v[RC_ONLINE_E_RESULT], v[RC_NEW]);
	out->r[RR_E_RESULT] = rate(v[RC_E_RESULT], v[RC_RESOLVED]);
	out->r[RR_PAID_ONLINE] = rate(v[RC_PAID_ONLINE], v[RC_WITH_FEE]);
	out->r[RR_DIGITISED] = rate(v[RC_DIGITISED], v[RC_RESOLVED]);
	/*
	 * Satisfaction: 100% less the late rate and the rate of
	 * dissatisfied ratings, each rounded first, in hundredths of a
	 * percent (num = the result, den = 10000).
	 */
	late = rate(v[RC_LATE] + v[RC_OVERDUE],
	    v[RC_RESOLVED] + v[RC_IN_PROGRESS]);
	dis = rate(v[RC_DISSATISFIED], v[RC_RATED]);
	out->r[RR_SATISFACTION] = rate(0, 0);
	if (late.bp >= 0) {
		s = 10000 - late.bp - (dis.bp > 0 ? dis.bp : 0);
		out->r[RR_SATISFACTION] = rate(s > 0 ? s : 0, 10000);
	}
	out->avg_days_x100 = -1;
	if (v[RC_RESOLVED] > 0)
		out->avg_days_x100 = (r->work_seconds * 200 +
		    86400 * v[RC_RESOLVED]) / (2 * 86400 * v[RC_RESOLVED]);
}

const char *
report_hundredths(int64_t x, char *buf)
{
	if (x < 0)
		return NULL;
	snprintf(buf, REPORT_NUM_MAX, "%" PRId64 ".%02" PRId64, x / 100,
	    x % 100);
	return buf;
}
