/*
 * dossier_rate.c - the citizen's rating of a completed dossier, and
 * downloading an attachment (dossier_uc.h).  Both start from uc_load:
 * who may see the dossier is decided in one place.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/log.h"
#include "core/rating.h"
#include "app/dossier_int.h"
#include "store/attachments.h"
#include "store/ratings.h"

/* ---- rate ----------------------------------------------------------- */

static const struct {
	const char	*en;
	const char	*vi;
} rate_refusals[RATE__MAX] = {
	[RATE_NOT_APPLICANT] = { "Only the applicant may rate the dossier.",
	    "Chỉ người nộp hồ sơ được đánh giá." },
	[RATE_OPEN] = { "The dossier is not completed yet; it can be rated "
	    "once it is.", "Hồ sơ chưa giải quyết xong; bạn có thể đánh giá "
	    "khi hồ sơ đã hoàn thành." },
	[RATE_WITHDRAWN] = { "A withdrawn dossier is not rated.",
	    "Hồ sơ đã rút không được đánh giá." },
	[RATE_RATED] = { "The dossier has been rated already; a rating is "
	    "given once.", "Hồ sơ đã được đánh giá; mỗi hồ sơ chỉ đánh giá "
	    "một lần." },
};

/* NULL for a comment that is only white space. */
static const char *
text_or_null(const char *s)
{
	if (s == NULL)
		return NULL;
	return s[strspn(s, " \t\r\n")] == '\0' ? NULL : s;
}

enum uc_status
uc_rate(struct app *app, const char *code, const char *rating,
    const char *comment, struct dossier_view_full *v, struct uc_error *err)
{
	struct dossier_rating	 rt;
	struct audit_entry	 ae;
	enum rating_refusal	 why;
	enum uc_status		 us;
	enum db_status		 rc;
	enum rating		 k;
	int			 changed;

	memset(err, 0, sizeof(*err));
	if ((us = uc_load(app, code, v, err)) != UC_OK)
		return us;
	if ((k = rating_parse(rating)) == RATING__MAX)
		return uc_fail(err, UC_BAD_INPUT, "rating",
		    "Choose one of: very satisfied, satisfied, not satisfied "
		    "(very-satisfied, satisfied, dissatisfied).",
		    "Hãy chọn một mức: rất hài lòng, hài lòng, không hài lòng "
		    "(very-satisfied, satisfied, dissatisfied).");
	comment = text_or_null(comment);
	if (comment != NULL && rating_chars(comment) > RATING_COMMENT_MAX)
		return uc_fail(err, UC_BAD_INPUT, "comment",
		    "At most 1000 characters.", "Tối đa 1000 ký tự.");
	why = rating_allowed(app->actor.kind == ACTOR_CITIZEN &&
	    app->actor.user_id == v->d.applicant_id, v->d.status,
	    v->d.completed_at, v->d.rating != NULL);
	if (why == RATE_NOT_APPLICANT)
		return uc_deny(app, err, UC_FORBIDDEN, code, "not-applicant");
	if (why != RATE_OK)
		return uc_fail(err, UC_CONFLICT, "rating",
		    rate_refusals[why].en, rate_refusals[why].vi);

	memset(&rt, 0, sizeof(rt));
	rt.id = v->d.id;
	rt.applicant_id = app->actor.user_id;
	rt.rating = rating_names[k];
	rt.comment = comment;
	rt.at = app->now;
	app_entry(app, &ae, "dossier.rate", uc_object(app, code),
	    app_json_text(app->arena, json_pack("{s:s, s:b}", "rating", rt.rating,
	    "comment", comment != NULL)));
	if ((rc = ratings_rate(app->db, app->arena, &rt, &ae, &changed)) != DB_OK)
		return uc_db_fail(err, rc);
	/* Rated meanwhile (another click): once only. */
	if (!changed)
		return uc_fail(err, UC_CONFLICT, "rating",
		    rate_refusals[RATE_RATED].en, rate_refusals[RATE_RATED].vi);
	v->d.rating = rt.rating;
	v->d.rating_comment = comment;
	v->d.rated_at = rt.at;
	return UC_OK;
}

/* ---- download ------------------------------------------------------- */

enum uc_status
uc_attachment(struct app *app, const char *code, const char *id,
    struct attachment *a, struct uc_error *err)
{
	struct dossier_view_full v;
	enum uc_status	us;
	enum db_status	rc;
	int64_t		i;

	memset(err, 0, sizeof(*err));
	memset(a, 0, sizeof(*a));
	if ((us = uc_load_content(app, code, &v, err)) != UC_OK)
		return us;
	if ((i = uc_id(id)) == 0)
		return uc_deny(app, err, UC_NOT_FOUND, code, "no-such-attachment");
	if ((rc = attachments_one(app->db, app->arena, v.d.id, i,
	    UC_ATTACHMENT_MAX, a)) != DB_OK)
		return uc_db_fail(err, rc);
	if (a->id == 0)
		return uc_deny(app, err, UC_NOT_FOUND, code, "no-such-attachment");
	if (a->content == NULL) {
		log_msg(LOG_ERROR, "dossier %s: attachment %s is larger than "
		    "%d bytes", code, id, UC_ATTACHMENT_MAX);
		return uc_fail(err, UC_ERROR, NULL, NULL, NULL);
	}
	if ((rc = app_audit(app, "attachment.download", uc_object(app, code),
	    app_json_text(app->arena, json_pack("{s:I, s:s, s:I, s:s}", "attachment",
	    (json_int_t)a->id, "field", a->field, "size", (json_int_t)a->size,
	    "sha256", a->sha256)))) != DB_OK)
		return uc_db_fail(err, rc);
	return UC_OK;
}
