/*
 * notify.c - the notifications of a dossier, and the citizen's
 * contact confirmation and language (app/notify.h).
 *
 *   GET  /api/v1/dossiers/{code}/notifications
 *   POST /api/v1/me/contacts/{channel}/code      a new code, sent
 *   POST /api/v1/me/contacts/{channel}/confirm   {"code": "123456"}
 *   POST /api/v1/me/lang                         {"lang": "en"}
 */
#include <jansson.h>
#include <string.h>

#include "app/notify.h"
#include "base/arena.h"
#include "store/notifications.h"
#include "web/web.h"

static json_t *
opt_str(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static json_t *
opt_time(int64_t t)
{
	return t != 0 ? json_integer((json_int_t)t) : json_null();
}

void
h_dossier_notifications(struct wreq *r, struct resp *w)
{
	struct notification *v;
	struct uc_error	 err;
	enum uc_status	 st;
	json_t		*list;
	size_t		 n, i;

	if ((st = uc_dossier_notifications(&r->app, r->pathvars.v[0].val, &v,
	    &n, &err)) != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	list = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s, "
		    "s:s, s:o, s:s, s:s, s:s, s:i, s:o, s:I, s:o}",
		    "id", (json_int_t)v[i].id, "channel", v[i].channel,
		    "address", v[i].address, "lang", v[i].lang,
		    "kind", v[i].kind, "subject", opt_str(v[i].subject),
		    "body", v[i].body, "message_id", v[i].message_id,
		    "state", v[i].state, "attempts", v[i].attempts,
		    "last_error", opt_str(r->app.actor.kind == ACTOR_STAFF ?
		    v[i].last_error : NULL),
		    "created_at", (json_int_t)v[i].created_at,
		    "sent_at", opt_time(v[i].sent_at)));
	resp_header(r->h, w, "Cache-Control", "no-store");
	resp_json(r->h, w, 200, json_pack("{s:o}", "notifications", list));
}

void
h_contact_code(struct wreq *r, struct resp *w)
{
	struct uc_error	 err;
	enum uc_status	 st;

	if ((st = uc_contact_send(&r->app, r->pathvars.v[0].val, &err)) !=
	    UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	resp_header(r->h, w, "Cache-Control", "no-store");
	resp_json(r->h, w, 202, json_pack("{s:s, s:i}", "channel",
	    r->pathvars.v[0].val, "expires_in", CONTACT_CODE_TTL));
}

void
h_contact_confirm(struct wreq *r, struct resp *w)
{
	struct uc_error	 err;
	enum uc_status	 st;

	st = uc_contact_confirm(&r->app, r->pathvars.v[0].val,
	    json_string_value(json_object_get(r->h->json, "code")), &err);
	if (st != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	resp_header(r->h, w, "Cache-Control", "no-store");
	resp_json(r->h, w, 200, json_pack("{s:s, s:b}", "channel",
	    r->pathvars.v[0].val, "confirmed", 1));
}

void
h_me_lang(struct wreq *r, struct resp *w)
{
	struct uc_error	 err;
	enum uc_status	 st;
	const char	*lang;

	lang = json_string_value(json_object_get(r->h->json, "lang"));
	if ((st = uc_set_lang(&r->app, lang, &err)) != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	resp_header(r->h, w, "Cache-Control", "no-store");
	resp_json(r->h, w, 200, json_pack("{s:s}", "lang", lang));
}
