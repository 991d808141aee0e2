/*
 * config.h - configuration from the environment (MOTCUA_*).
 *
 * Keys are a table in config.c: name, default, and a sentence of help
 * that `motcua --help` prints.  Values are checked at start; a bad value
 * is an error at start-up, never later.
 */
#ifndef MOTCUA_CONFIG_H
#define MOTCUA_CONFIG_H

#include <stddef.h>
#include <stdio.h>

struct config {
	const char	*database_url;	/* MOTCUA_DATABASE_URL */
	const char	*socket;	/* MOTCUA_SOCKET: path or [host]:port */
	const char	*root;		/* MOTCUA_ROOT: migrations/, forms/ ... */
	const char	*calendar;	/* MOTCUA_CALENDAR: under root, or absolute */
	const char	*user;		/* MOTCUA_USER: drop to it when root */
	const char	*socket_group;	/* MOTCUA_SOCKET_GROUP: the web server's */
	const char	*web_servers;	/* MOTCUA_WEB_SERVERS: TCP peers allowed */
	const char	*public_url;	/* MOTCUA_PUBLIC_URL: the site's address
					 * as citizens reach it, for the links
					 * and QR codes it prints (never the
					 * request's Host); no trailing '/' */
	int		 workers;	/* MOTCUA_WORKERS, 0 = number of cores */
	int		 backlog;	/* MOTCUA_BACKLOG */
	size_t		 body_max;	/* MOTCUA_BODY_MAX: bytes, any route */
	size_t		 header_max;	/* MOTCUA_HEADER_MAX: all params */
	int		 drain_seconds;	/* MOTCUA_DRAIN_SECONDS */
	int		 diag;		/* MOTCUA_DIAG: diagnostic routes */
	int		 quiet;		/* MOTCUA_QUIET: no request log */
	int		 statement_timeout_ms; /* MOTCUA_STATEMENT_TIMEOUT_MS */
	int		 session_idle_s; /* MOTCUA_SESSION_IDLE_SECONDS */
	int		 session_max_s;	/* MOTCUA_SESSION_MAX_SECONDS */
	int		 signin_account_max; /* MOTCUA_SIGNIN_ACCOUNT_MAX */
	int		 signin_address_max; /* MOTCUA_SIGNIN_ADDRESS_MAX */
	int		 signin_window_s; /* MOTCUA_SIGNIN_WINDOW_SECONDS */
	int		 register_address_max; /* MOTCUA_REGISTER_ADDRESS_MAX */
	int		 audit_refusals_max; /* MOTCUA_AUDIT_REFUSALS_PER_MINUTE */
	const char	*keys_dir;	/* MOTCUA_KEYS_DIR: sign/keys.h */
	const char	*signer_user;	/* MOTCUA_SIGNER_USER */
	const char	*signer_socket;	/* MOTCUA_SIGNER_SOCKET */
	int		 sign_timeout_ms; /* MOTCUA_SIGN_TIMEOUT_MS */
	const char	*audit_origin;	/* MOTCUA_AUDIT_ORIGIN: checkpoints' */
	int		 seal_interval_ms; /* MOTCUA_SEAL_INTERVAL_MS */
	const char	*smtp_url;	/* MOTCUA_SMTP_URL */
	const char	*mail_from;	/* MOTCUA_MAIL_FROM */
	const char	*mail_domain;	/* MOTCUA_MAIL_DOMAIN: Message-IDs */
	const char	*sms_url;	/* MOTCUA_SMS_URL, "": no SMS */
	const char	*sms_token_file; /* MOTCUA_SMS_TOKEN_FILE */
	int		 notify_attempts; /* MOTCUA_NOTIFY_ATTEMPTS */
	const char	*vnpay_url;	/* MOTCUA_VNPAY_URL: payment page */
	const char	*vnpay_api_url;	/* MOTCUA_VNPAY_API_URL: querydr */
	const char	*vnpay_tmn_code; /* MOTCUA_VNPAY_TMN_CODE */
	const char	*vnpay_secret_file; /* MOTCUA_VNPAY_SECRET_FILE */
};

/* Fill cfg from the environment; on error print why to stderr, -1. */
int	config_load(struct config *cfg);
/*
 * Is s a public URL: http:// or https://, a host of letters, digits,
 * '.', '-' (or an IPv6 address in brackets) and an optional :port,
 * then an optional path of printable ASCII, without a query or a
 * fragment?  1 or 0.  A trailing '/' is allowed (config_load drops
 * it).
 */
int	config_public_url_ok(const char *s);
void	config_usage(FILE *);

#endif
