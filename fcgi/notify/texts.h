/*
 * texts.h - the notifications' texts: definitions, not C.
 *
 * templates/notifications/KIND.xml, one per kind of message, compiled
 * once at start (and on SIGHUP) like the other definitions:
 *
 *   <notification kind="received" statuses="2 4">
 *     <text lang="vi"><subject>…</subject><body>…</body><sms>…</sms></text>
 *     <text lang="en">…</text>
 *   </notification>
 *
 * statuses: the national dossier statuses (1..10) a transition into
 * which (with a notify-applicant effect) tells the applicant with this
 * kind.
 * Texts name values as {name}: {code} {service} {status} {comment}
 * {reason} {due} {link} {name} {otp}; "{{" is a brace.  A name that is
 * not given expands to nothing; an unknown one is refused at load.
 *
 * SMS are sent as GSM 7-bit text, at most 160 characters: Vietnamese
 * without its diacritics (notify_sms), so one message costs one SMS
 * instead of three UCS-2 parts of 70.
 */
#ifndef MOTCUA_NOTIFY_TEXTS_H
#define MOTCUA_NOTIFY_TEXTS_H

#include <stddef.h>

struct arena;

enum notify_lang { NL_VI, NL_EN, NL__MAX };
extern const char *const notify_lang_names[NL__MAX];

#define NOTIFY_SMS_MAX	160

struct notify_text {
	char		*subject;
	char		*body;
	char		*sms;
};

struct notify_kind {
	char		*id;
	unsigned	 statuses;	/* bit s: status s */
	struct notify_text text[NL__MAX];
};

struct notify_texts {
	struct notify_kind *v;
	size_t		 n;
};

/* Load dir/ *.xml; NULL after printing each error (file: why) to
 * stderr. */
struct notify_texts	*notify_texts_load(const char *dir);
void			 notify_texts_free(struct notify_texts *);
const struct notify_kind *notify_kind(const struct notify_texts *,
			    const char *id);
const struct notify_kind *notify_kind_for_status(const struct notify_texts *,
			    int status);
/* "vi" or "en" (anything else: vi). */
enum notify_lang	 notify_lang(const char *);

struct notify_var {
	const char	*name;
	const char	*value;		/* or NULL: empty */
};
/* The template with its {names} replaced, in the arena. */
char	*notify_expand(struct arena *, const char *tmpl,
	    const struct notify_var *, size_t n);
/* UTF-8 text as an SMS: diacritics dropped, đ as d, anything outside
 * printable ASCII as '?', white space runs as one space, cut to
 * NOTIFY_SMS_MAX characters. */
char	*notify_sms(struct arena *, const char *utf8);

#endif
