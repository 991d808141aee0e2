/*
 * send.h - the senders: email over SMTP and SMS through an HTTP
 * gateway, both with libcurl.  Each sends one message and says whether
 * it was accepted; what to retry is the caller's business.
 *
 * mail_format builds the RFC 5322 message: From, To, Subject (RFC 2047,
 * UTF-8 base64), Date (RFC 5322, of `date`), Message-ID (given: the
 * same for every try of one notification), MIME-Version, a text/plain
 * UTF-8 body in base64 with CRLF line ends and lines of 76.
 */
#ifndef MOTCUA_NOTIFY_SEND_H
#define MOTCUA_NOTIFY_SEND_H

#include <stddef.h>
#include <stdint.h>

struct arena;

struct mail {
	const char	*from;
	const char	*to;
	const char	*subject;
	const char	*body;
	const char	*message_id;	/* <…@…> */
	int64_t		 date;
};

/* The message as sent, in the arena; NULL when an address or the
 * Message-ID holds a CR, LF or NUL (a header cannot be injected). */
char	*mail_format(struct arena *, const struct mail *);

/*
 * Send over SMTP at url (smtp:// or smtps://; STARTTLS when the server
 * offers it), timeout in seconds.  0 when the server accepted it, else
 * -1 with why in err.
 */
int	 mail_send(struct arena *, const char *url, const struct mail *,
	    int timeout, char *err, size_t errlen);

/*
 * POST {"to", "text", "id"} to the gateway with the bearer token; id
 * lets the gateway drop a repeat.  0 on a 2xx answer, else -1 with why.
 */
int	 sms_send(struct arena *, const char *url, const char *token,
	    const char *to, const char *text, const char *id, int timeout,
	    char *err, size_t errlen);

#endif
