/*
 * notify.c - the notifications outbox: rendering, adding and
 * delivering.  See notify.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/notify.h"
#include "base/arena.h"
#include "base/config.h"
#include "base/hash.h"
#include "base/log.h"
#include "core/def.h"
#include "notify/send.h"
#include "notify/texts.h"
#include "store/notifications.h"

#define SEND_TIMEOUT	20	/* seconds, per attempt */
#define BACKOFF_BASE	30	/* seconds; doubled per attempt, to */
#define BACKOFF_MAX	3600

static const char *
due_text(struct arena *a, int64_t t)
{
	struct tm	tm;
	time_t		v = (time_t)(t + 7 * 3600);	/* Vietnam */
	char		buf[32];

	if (t <= 0)
		return NULL;
	gmtime_r(&v, &tm);
	strftime(buf, sizeof(buf), "%d/%m/%Y", &tm);
	return arena_strdup(a, buf);
}

enum db_status
app_notify_kind(struct app *app, int64_t account_id, int64_t dossier_id,
    int64_t event_id, const char *kind, const struct notify_var *vars,
    size_t nvars, const char *channel, size_t *added)
{
	const struct notify_kind *k;
	const struct notify_text *t;
	struct notification n;
	struct recipient r;
	enum db_status	 rc;
	char		 seed[33];
	int		 found, ch;
	const char	*chans[2] = { "email", "sms" };

	*added = 0;
	if ((k = notify_kind(app->texts, kind)) == NULL) {
		log_msg(LOG_WARN, "no text for notifications of kind %s", kind);
		return DB_OK;
	}
	if ((rc = notifications_recipient(app->db, app->arena, account_id, &r,
	    &found)) != DB_OK || !found)
		return rc;
	t = &k->text[notify_lang(r.lang)];
	for (ch = 0; ch < 2; ch++) {
		if (channel != NULL && strcmp(channel, chans[ch]) != 0)
			continue;
		memset(&n, 0, sizeof(n));
		n.address = ch == 0 ? r.email : r.phone;
		if (n.address == NULL || (ch == 1 && (app->cfg == NULL ||
		    app->cfg->sms_url[0] == '\0')))
			continue;
		n.dossier_id = dossier_id;
		n.event_id = event_id;
		n.account_id = account_id;
		n.channel = chans[ch];
		n.lang = notify_lang_names[notify_lang(r.lang)];
		n.kind = k->id;
		if (ch == 0) {
			n.subject = notify_expand(app->arena, t->subject, vars,
			    nvars);
			n.body = notify_expand(app->arena, t->body, vars,
			    nvars);
		} else
			n.body = notify_sms(app->arena, notify_expand(
			    app->arena, t->sms, vars, nvars));
		n.created_at = app->now;
		random_hex(seed, 16);
		if ((rc = notifications_add(app->db, app->arena, &n, seed,
		    app->cfg->mail_domain)) != DB_OK)
			return rc;
		(*added)++;
	}
	return DB_OK;
}

enum db_status
app_notify(struct app *app, const struct notify_about *ab, int64_t event_id)
{
	const struct state *st = &ab->wf->states[ab->state];
	const struct notify_kind *k;
	const char	*kind = ab->kind;
	int		 en;
	size_t		 n;
	struct recipient r;
	int		 found;
	enum db_status	 rc;

	if (kind == NULL) {
		if ((k = notify_kind_for_status(app->texts, st->status)) ==
		    NULL)
			return DB_OK;
		kind = k->id;
	}
	if ((rc = notifications_recipient(app->db, app->arena,
	    ab->applicant_id, &r, &found)) != DB_OK || !found)
		return rc;
	en = notify_lang(r.lang) == NL_EN;
	{
		struct notify_var v[] = {
			{ "code", ab->code },
			{ "service", en ? ab->wf->name.en : ab->wf->name.vi },
			{ "status", en ? st->name.en : st->name.vi },
			{ "comment", ab->comment },
			{ "reason", ab->reason },
			{ "due", due_text(app->arena, ab->due_at) },
			{ "link", arena_printf(app->arena, "%s/lookup?code=%s",
			    app->cfg->public_url, ab->code) },
			{ "name", r.full_name },
		};

		return app_notify_kind(app, ab->applicant_id, ab->dossier_id,
		    event_id, kind, v, sizeof(v) / sizeof(v[0]), NULL, &n);
	}
}

/* The gateway's token, from its file: the first line. */
static char *
sms_token(struct arena *a, const char *path)
{
	FILE	*f;
	char	 buf[512];
	size_t	 n;

	if (path == NULL || path[0] == '\0' || (f = fopen(path, "r")) == NULL)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	return buf[0] != '\0' ? arena_strdup(a, buf) : NULL;
}

enum notify_result
notify_run(struct app *app, int64_t id, char *err, size_t errlen)
{
	struct notification n;
	struct mail	 m;
	enum db_status	 rc;
	int64_t		 wait;
	int		 found, sent, i;

	err[0] = '\0';
	if ((rc = notifications_claim(app->db, app->arena, id, &n,
	    &found)) != DB_OK) {
		snprintf(err, errlen, "database unavailable");
		return NOTIFY_RETRY;
	}
	if (!found)
		return NOTIFY_DONE;
	if (strcmp(n.channel, "email") == 0) {
		memset(&m, 0, sizeof(m));
		m.from = app->cfg->mail_from;
		m.to = n.address;
		m.subject = n.subject;
		m.body = n.body;
		m.message_id = n.message_id;
		m.date = n.created_at;
		sent = mail_send(app->arena, app->cfg->smtp_url, &m,
		    SEND_TIMEOUT, err, errlen) == 0;
	} else if (app->cfg->sms_url[0] == '\0') {
		snprintf(err, errlen, "sms: no gateway (MOTCUA_SMS_URL)");
		sent = 0;
	} else
		sent = sms_send(app->arena, app->cfg->sms_url,
		    sms_token(app->arena, app->cfg->sms_token_file), n.address,
		    n.body, n.message_id, SEND_TIMEOUT, err, errlen) == 0;
	for (wait = BACKOFF_BASE, i = 0; i < n.attempts && wait < BACKOFF_MAX;
	    i++)
		wait *= 2;
	if (wait > BACKOFF_MAX)
		wait = BACKOFF_MAX;
	/* Jitter: up to a quarter more, so retries of many spread out. */
	wait += (int64_t)(arc4random_uniform((uint32_t)(wait / 4 + 1)));
	if ((rc = notifications_done(app->db, app->arena, id, app->now,
	    sent ? NULL : err, app->now + wait,
	    app->cfg->notify_attempts)) != DB_OK) {
		/* Not recorded: it stays due, and is sent again with its
		 * Message-ID (SMTP's at-least-once). */
		if (sent)
			snprintf(err, errlen, "sent, not recorded");
		return NOTIFY_RETRY;
	}
	if (sent)
		return NOTIFY_DONE;
	log_msg(LOG_WARN, "notification %lld: %s", (long long)id, err);
	return n.attempts + 1 >= app->cfg->notify_attempts ? NOTIFY_FAIL :
	    NOTIFY_RETRY;
}

enum db_status
notify_send_due(struct app *app, size_t max, size_t *sent, size_t *left)
{
	int64_t		*ids;
	size_t		 n, i;
	char		 err[256];
	enum db_status	 rc;

	*sent = *left = 0;
	if ((rc = notifications_due(app->db, app->arena, app->now, max, &ids,
	    &n)) != DB_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if (notify_run(app, ids[i], err, sizeof(err)) == NOTIFY_DONE)
			(*sent)++;
		else
			(*left)++;
	}
	return DB_OK;
}
