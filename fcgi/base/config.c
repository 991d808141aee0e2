/*
 * config.c - see config.h.
 */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

enum ckind { CK_STR, CK_INT, CK_SIZE, CK_BOOL };

struct ckey {
	const char	*name;
	enum ckind	 kind;
	size_t		 off;
	const char	*dflt;
	long long	 min, max;
	const char	*help;
};

#define OFF(f)	offsetof(struct config, f)

#define PUBLIC_URL_MAX	512

/* The public URL without its trailing '/': set once at start. */
static char	public_url[PUBLIC_URL_MAX + 1];

static const struct ckey keys[] = {
	{ "MOTCUA_DATABASE_URL", CK_STR, OFF(database_url),
	  "postgresql:///motcua", 0, 0,
	  "libpq connection string or URI" },
	{ "MOTCUA_SOCKET", CK_STR, OFF(socket), "var/run/motcua.sock", 0, 0,
	  "FastCGI socket: a unix path, or ADDRESS:PORT (never all interfaces)" },
	{ "MOTCUA_WEB_SERVERS", CK_STR, OFF(web_servers), "127.0.0.1", 0, 0,
	  "with a TCP socket: comma-separated addresses of the web servers" },
	{ "MOTCUA_PUBLIC_URL", CK_STR, OFF(public_url),
	  "http://127.0.0.1:8080", 0, 0,
	  "the site's address as citizens reach it (links, QR codes): "
	  "http(s)://host[:port][/path], no query or fragment" },
	{ "MOTCUA_ROOT", CK_STR, OFF(root), ".", 0, 0,
	  "directory holding migrations/, forms/, workflows/, templates/ "
	  "(read again on SIGHUP: may be a symlink)" },
	{ "MOTCUA_CALENDAR", CK_STR, OFF(calendar), "calendar/vietnam.xml", 0,
	  0, "working-day calendar (relative to MOTCUA_ROOT, or absolute)" },
	{ "MOTCUA_USER", CK_STR, OFF(user), "motcua", 0, 0,
	  "user the server switches to when started as root" },
	{ "MOTCUA_SOCKET_GROUP", CK_STR, OFF(socket_group), "www-data", 0, 0,
	  "group of the unix socket (the web server's) when started as root" },
	{ "MOTCUA_WORKERS", CK_INT, OFF(workers), "0", 0, 128,
	  "worker processes (0: one per core)" },
	{ "MOTCUA_BACKLOG", CK_INT, OFF(backlog), "256", 1, 65535,
	  "listen backlog of the FastCGI socket" },
	{ "MOTCUA_BODY_MAX", CK_SIZE, OFF(body_max), "12582912", 1024,
	  1LL << 31, "largest request body in bytes, any route" },
	{ "MOTCUA_HEADER_MAX", CK_SIZE, OFF(header_max), "16384", 1024,
	  1 << 20, "largest total size of request headers and CGI params" },
	{ "MOTCUA_DRAIN_SECONDS", CK_INT, OFF(drain_seconds), "30", 1, 3600,
	  "on SIGTERM, how long requests in flight may take to finish" },
	{ "MOTCUA_DIAG", CK_BOOL, OFF(diag), "0", 0, 1,
	  "1 enables the diagnostic routes under /_diag/ (tests only)" },
	{ "MOTCUA_QUIET", CK_BOOL, OFF(quiet), "0", 0, 1,
	  "1 turns off the per-request log line" },
	{ "MOTCUA_STATEMENT_TIMEOUT_MS", CK_INT, OFF(statement_timeout_ms),
	  "10000", 0, 600000, "PostgreSQL statement_timeout of the workers" },
	{ "MOTCUA_SESSION_IDLE_SECONDS", CK_INT, OFF(session_idle_s), "1800",
	  1, 86400, "a session unused this long ends (idle timeout)" },
	{ "MOTCUA_SESSION_MAX_SECONDS", CK_INT, OFF(session_max_s), "43200",
	  1, 30 * 86400, "a session ends this long after sign-in, used or not" },
	{ "MOTCUA_SIGNIN_ACCOUNT_MAX", CK_INT, OFF(signin_account_max), "5",
	  1, 1000, "failed sign-ins to one account from one address, per window, "
	  "before 429" },
	{ "MOTCUA_SIGNIN_ADDRESS_MAX", CK_INT, OFF(signin_address_max), "20",
	  1, 100000, "failed sign-ins from one address, per window, before 429" },
	{ "MOTCUA_SIGNIN_WINDOW_SECONDS", CK_INT, OFF(signin_window_s), "900",
	  1, 86400, "the window of the sign-in throttle" },
	{ "MOTCUA_REGISTER_ADDRESS_MAX", CK_INT, OFF(register_address_max),
	  "1000", 1, 1000000, "citizen registrations from one address, per "
	  "sign-in window, before 429" },
	{ "MOTCUA_AUDIT_REFUSALS_PER_MINUTE", CK_INT, OFF(audit_refusals_max),
	  "10", 1, 100000, "anonymous refusals audited per address and minute; "
	  "the others are counted in /metrics" },
	{ "MOTCUA_KEYS_DIR", CK_STR, OFF(keys_dir), "var/keys", 0, 0,
	  "the department CA, the units' keys and certificates, the audit key" },
	{ "MOTCUA_SIGNER_USER", CK_STR, OFF(signer_user), "motcua-signer", 0,
	  0, "user the signer (the only reader of private keys) runs as" },
	{ "MOTCUA_SIGNER_SOCKET", CK_STR, OFF(signer_socket),
	  "var/run/signer/signer.sock", 0, 0,
	  "unix socket of the signer, in a directory of its own" },
	{ "MOTCUA_SIGN_TIMEOUT_MS", CK_INT, OFF(sign_timeout_ms), "2000", 10,
	  60000, "how long a worker waits for a signature before a 503" },
	{ "MOTCUA_AUDIT_ORIGIN", CK_STR, OFF(audit_origin),
	  "motcua.example/audit", 0, 0,
	  "the origin line of the audit trail's checkpoints (the log's name)" },
	{ "MOTCUA_SEAL_INTERVAL_MS", CK_INT, OFF(seal_interval_ms), "1000",
	  10, 60000, "how often `motcua seal` looks for committed entries" },
	{ "MOTCUA_SMTP_URL", CK_STR, OFF(smtp_url), "smtp://127.0.0.1:2525",
	  0, 0, "SMTP server of the notifications (STARTTLS when offered)" },
	{ "MOTCUA_MAIL_FROM", CK_STR, OFF(mail_from), "motcua@localhost", 0,
	  0, "sender address of the notifications' email" },
	{ "MOTCUA_MAIL_DOMAIN", CK_STR, OFF(mail_domain), "motcua.localhost",
	  0, 0, "domain of the notifications' Message-IDs" },
	{ "MOTCUA_SMS_URL", CK_STR, OFF(sms_url), "", 0, 0,
	  "SMS gateway (JSON POST {to, text, id}); empty: no SMS" },
	{ "MOTCUA_SMS_TOKEN_FILE", CK_STR, OFF(sms_token_file), "", 0, 0,
	  "file holding the SMS gateway's bearer token" },
	{ "MOTCUA_NOTIFY_ATTEMPTS", CK_INT, OFF(notify_attempts), "5", 1, 100,
	  "delivery attempts of a notification before it is failed" },
	{ "MOTCUA_VNPAY_URL", CK_STR, OFF(vnpay_url), "", 0, 0,
	  "the payment gateway's payment page (VNPay 2.1.0); empty: no "
	  "online payment" },
	{ "MOTCUA_VNPAY_API_URL", CK_STR, OFF(vnpay_api_url), "", 0, 0,
	  "the gateway's merchant API (querydr), for `motcua payments "
	  "reconcile`" },
	{ "MOTCUA_VNPAY_TMN_CODE", CK_STR, OFF(vnpay_tmn_code), "", 0, 0,
	  "our terminal code at the gateway (vnp_TmnCode)" },
	{ "MOTCUA_VNPAY_SECRET_FILE", CK_STR, OFF(vnpay_secret_file), "", 0, 0,
	  "file holding the gateway's secret (never in the database or logs)" },
};

static int
parse_num(const char *name, const char *s, long long min, long long max,
    long long *out)
{
	char		*end;
	long long	 v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (s[0] == '\0' || *end != '\0' || errno != 0 || v < min || v > max) {
		fprintf(stderr, "motcua: %s=%s: must be a number from %lld "
		    "to %lld\n", name, s, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

int
config_public_url_ok(const char *s)
{
	static const char hostc[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-";
	const char	*p;
	size_t		 n;

	if (strlen(s) > PUBLIC_URL_MAX)
		return 0;
	if (strncmp(s, "https://", 8) == 0)
		p = s + 8;
	else if (strncmp(s, "http://", 7) == 0)
		p = s + 7;
	else
		return 0;
	if (*p == '[') {
		n = strspn(p + 1, "0123456789abcdefABCDEF:.");
		if (n == 0 || p[1 + n] != ']')
			return 0;
		p += n + 2;
	} else {
		if ((n = strspn(p, hostc)) == 0 || p[0] == '.' ||
		    p[0] == '-')
			return 0;
		p += n;
	}
	if (*p == ':') {
		n = strspn(p + 1, "0123456789");
		if (n == 0 || n > 5)
			return 0;
		p += n + 1;
	}
	if (*p != '\0' && *p != '/')
		return 0;
	for (; *p != '\0'; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f ||
		    *p == '?' || *p == '#' || *p == '\\' || *p == '"' ||
		    *p == '<' || *p == '>')
			return 0;
	return 1;
}

int
config_load(struct config *cfg)
{
	const struct ckey	*k;
	const char		*v;
	long long		 n;
	size_t			 i;
	long			 cores;

	memset(cfg, 0, sizeof(*cfg));
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		k = &keys[i];
		if ((v = getenv(k->name)) == NULL || v[0] == '\0')
			v = k->dflt;
		switch (k->kind) {
		case CK_STR:
			*(const char **)((char *)cfg + k->off) = v;
			break;
		case CK_INT:
		case CK_BOOL:
			if (parse_num(k->name, v, k->min, k->max, &n) == -1)
				return -1;
			*(int *)((char *)cfg + k->off) = (int)n;
			break;
		case CK_SIZE:
			if (parse_num(k->name, v, k->min, k->max, &n) == -1)
				return -1;
			*(size_t *)((char *)cfg + k->off) = (size_t)n;
			break;
		default:
			abort();
		}
	}
	/* ":9000" would listen on every interface: FastCGI has no
	 * authentication, so name the address. */
	if (cfg->socket[0] == ':') {
		fprintf(stderr, "motcua: MOTCUA_SOCKET=%s: give an address, "
		    "e.g. 127.0.0.1%s or a private address\n", cfg->socket,
		    cfg->socket);
		return -1;
	}
	if (!config_public_url_ok(cfg->public_url)) {
		fprintf(stderr, "motcua: MOTCUA_PUBLIC_URL=%s: give the site's "
		    "address, e.g. https://dichvucong.example.vn, with no "
		    "query or fragment\n", cfg->public_url);
		return -1;
	}
	/* The links append "/lookup...": one '/' between. */
	n = (long long)strlen(cfg->public_url);
	while (n > 0 && cfg->public_url[n - 1] == '/')
		n--;
	if (cfg->public_url[n] != '\0') {
		snprintf(public_url, sizeof(public_url), "%.*s", (int)n,
		    cfg->public_url);
		cfg->public_url = public_url;
	}
	if (cfg->workers == 0) {
		cores = sysconf(_SC_NPROCESSORS_ONLN);
		cfg->workers = cores > 0 ? (int)(cores > 64 ? 64 : cores) : 2;
	}
	return 0;
}

void
config_usage(FILE *f)
{
	size_t	i;

	fputs("Environment:\n", f);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		fprintf(f, "  %-28s %s (default: %s)\n", keys[i].name,
		    keys[i].help, keys[i].dflt);
}
