/*
 * commands.c - the subcommands of `motcua`.
 */
#include <stdio.h>
#include <string.h>

#include "base/config.h"
#include "base/log.h"
#include "cmd.h"
#include "store/db.h"
#include "http/server.h"
#include "web/web.h"

const struct command commands[] = {
	{ "serve", "run the FastCGI server",
	  "",
	  "Binds MOTCUA_SOCKET, forks MOTCUA_WORKERS workers and serves\n"
	  "until SIGTERM or SIGINT (drain, then exit).  SIGHUP starts a new\n"
	  "generation of workers and retires the old one gracefully.",
	  cmd_serve },
	{ "migrate", "apply database migrations",
	  "",
	  "Applies MOTCUA_ROOT/migrations/NNNN_*.sql in order, each in its\n"
	  "own transaction, and records them in schema_migrations.  Running\n"
	  "it again applies nothing.  A failing file leaves the database as\n"
	  "it was and is reported as FILE:LINE: message.",
	  cmd_migrate },
	{ "check", "check the service definitions",
	  "[FILE|DIR]...",
	  "Loads forms and workflows as the server would: every file is\n"
	  "validated against its schema in MOTCUA_ROOT/schemas, compiled and\n"
	  "checked (states reachable, roles, units, fields, guards, deadline,\n"
	  "timers, windows).  Without arguments it checks MOTCUA_ROOT/forms\n"
	  "and MOTCUA_ROOT/workflows; directories mean their *.xml files.\n"
	  "Prints \"definitions OK\" and exits 0, or prints every problem as\n"
	  "FILE:LINE: message to stderr and exits 1.",
	  cmd_check },
	{ "units", "manage units (department, offices, schools)",
	  "add CODE --kind KIND [--level LEVEL] [--parent CODE] --vi NAME "
	  "--en NAME | list",
	  "add: a unit.  KIND is department, district_office or school;\n"
	  "a school has a LEVEL (primary, lower_secondary, upper_secondary).\n"
	  "Offices and upper secondary schools report to the department,\n"
	  "primary and lower secondary schools to an office (--parent).\n"
	  "list: every unit.  Changes are written to the audit log.",
	  cmd_units },
	{ "users", "manage staff, inspectors, citizens, partner tokens",
	  "add-staff|add-inspector|add-citizen|add-partner|list|passwd|\n"
	  "    disable|enable|partners|revoke-partner ...",
	  "add-staff USERNAME --unit CODE --role ROLE [--role ROLE]...\n"
	  "    --name NAME [--phone P] [--email E]\n"
	  "add-inspector USERNAME --name NAME [--phone P] [--email E]\n"
	  "add-citizen CCCD --name NAME (--phone P | --email E)\n"
	  "add-partner NAME --scope SCOPE [--scope SCOPE]... [--unit CODE]\n"
	  "    prints a new bearer token once (scopes: lookup,\n"
	  "    dossiers:read, dossiers:write)\n"
	  "list\n"
	  "passwd CCCD|USERNAME    (ends the user's sessions)\n"
	  "disable CCCD|USERNAME   (refuses sign-in, ends the sessions)\n"
	  "enable CCCD|USERNAME    (allows sign-in again)\n"
	  "partners                (every partner token, live or revoked)\n"
	  "revoke-partner NAME     (the one live token of that name)\n"
	  "revoke-partner --id ID  (the token with this id, which\n"
	  "    add-partner and partners show); refused from then on\n"
	  "Passwords are read from standard input (no echo on a terminal).\n"
	  "Roles must be in workflows/catalogue.xml and exist in the unit's\n"
	  "kind.  Changes are written to the audit log.",
	  cmd_users },
	{ "demo", "load the demo data and print the demo sign-ins",
	  "",
	  "Adds the demonstration units, staff for every role in every\n"
	  "unit, an inspector, two citizens and pupils' records, leaving\n"
	  "what exists alone (run it as often as you like), then prints\n"
	  "the demo sign-ins.  Never for production: every demo account\n"
	  "has the same published password.",
	  cmd_demo },
	{ "keys", "the department CA, the units' signing keys, the audit key",
	  "init [CODE...] [--audit-name NAME] | list | rotate CODE |\n"
	  "    log-verify [FILE]",
	  "init: in MOTCUA_KEYS_DIR, the department's root CA (ECDSA P-256),\n"
	  "a key and certificate (3 years) for each unit of the database, or\n"
	  "the units named, and the audit trail's Ed25519 key; what exists\n"
	  "is kept.  For development and demonstrations.  Run as root, the\n"
	  "files go to MOTCUA_SIGNER_USER, private keys mode 0600.\n"
	  "list: the CA, every unit's certificates, the audit key (C2SP).\n"
	  "rotate CODE: a new key and certificate, current from now on (the\n"
	  "old certificate stays, for what it signed); SIGHUP the server.\n"
	  "log-verify: checks the hash chain of the signer's log.",
	  cmd_keys },
	{ "pdf-sample", "render and sign the sample PDF layout",
	  "UNIT OUT.pdf [--layout FILE] [--font REGULAR BOLD] [--unsigned]\n"
	  "    [--repeat N]",
	  "Renders MOTCUA_ROOT/templates/documents/layout-sample.xml (or\n"
	  "FILE; docs/documents-layout.md) as an A4 PDF and signs it (PAdES,\n"
	  "ETSI.CAdES.detached) with UNIT's current key through the running\n"
	  "signer (MOTCUA_SIGNER_SOCKET).  --unsigned: render only.\n"
	  "--repeat N: do it N times and print the rate (make bench).",
	  cmd_pdf_sample },
	{ "seal", "seal the audit trail: sequence, hash, sign checkpoints",
	  "",
	  "Runs until SIGTERM: every MOTCUA_SEAL_INTERVAL_MS, the audit\n"
	  "entries of finished transactions get the next places of the\n"
	  "Merkle tree (audit_seq), and the signer signs a C2SP checkpoint\n"
	  "of the grown tree (audit_checkpoints).  One at a time; killed,\n"
	  "it loses nothing and catches up when started again.",
	  cmd_seal },
	{ "audit", "verify the sealed audit trail",
	  "verify --database [--key VKEY]",
	  "verify --database: recomputes every entry's leaf hash from\n"
	  "audit_log and the tree's root at every checkpoint, checks each\n"
	  "checkpoint's signature with the audit key (MOTCUA_KEYS_DIR/\n"
	  "audit.vkey or VKEY) and that no finished entry was left out.\n"
	  "Names the first entry or checkpoint that does not match and why;\n"
	  "progress on stderr.  Exits 0 only if everything holds.",
	  cmd_audit },
	{ "jobs", "run the background jobs: timers, notifications",
	  "[--once] [--lease SECONDS] [--sweep-ms MS] [--kind KIND]... | "
	  "--stats",
	  "Claims due jobs one at a time (several processes, on one host or\n"
	  "more, never run one job at once), woken by NOTIFY and looking\n"
	  "every --sweep-ms anyway (5000); a job whose process died is\n"
	  "taken again after its --lease (60 s).  Failures are retried with\n"
	  "exponential backoff and jitter, then dead with their last error.\n"
	  "--kind: only these kinds.  --once: what is due now, then exit.\n"
	  "SIGTERM finishes the job in hand and exits; SIGHUP reloads the\n"
	  "definitions.  --stats: jobs by kind and state, the oldest due\n"
	  "job's age, runs and failures.  Under MOTCUA_DIAG=1, MOTCUA_NOW\n"
	  "(a Unix time) fixes the clock.  See docs/jobs.md.",
	  cmd_jobs },
	{ "notify", "deliver the notifications outbox now",
	  "send-due [--now UNIX] [--max N] | run ID [--now UNIX]",
	  "send-due: delivers every notification due at --now (default:\n"
	  "now): email over MOTCUA_SMTP_URL, SMS through MOTCUA_SMS_URL.\n"
	  "A failed delivery is kept, retrying later, until\n"
	  "MOTCUA_NOTIFY_ATTEMPTS; exits 3 when one was not delivered.\n"
	  "run ID: delivers that one if it waits.  See docs/notifications.md.",
	  cmd_notify },
	{ "payments", "reconcile pending payments with the gateway",
	  "reconcile [--older-than MINUTES]",
	  "Asks the payment gateway (VNPay querydr) about every payment\n"
	  "still pending after MINUTES (default 15) and settles those it\n"
	  "knows exactly as its notification would have: a fee paid moves\n"
	  "the dossier on once.  Prints what it found (docs/payments.md).",
	  cmd_payments },
	{ "verify", "check a signed document (XML) offline",
	  "FILE [--ca CA.pem]",
	  "Checks the document's enveloped XML-DSig signature and that its\n"
	  "certificate was issued by the department CA (MOTCUA_KEYS_DIR/\n"
	  "ca.pem, or --ca), with no server and no database; says what\n"
	  "fails.  Only if MOTCUA_DATABASE_URL is set is the registry asked\n"
	  "for the document's status (revoked, superseded).  Exit 0: valid.",
	  cmd_verify },
	{ NULL, NULL, NULL, NULL, NULL },
};

int
cmd_serve(int argc, char *argv[])
{
	struct config	cfg;

	(void)argv;
	if (argc > 1) {
		fputs("usage: motcua serve\n", stderr);
		return 2;
	}
	if (config_load(&cfg) == -1)
		return 1;
	return server_run(&cfg, &web_site);
}

int
cmd_migrate(int argc, char *argv[])
{
	struct config	cfg;
	char		dir[4096];

	(void)argv;
	if (argc > 1) {
		fputs("usage: motcua migrate\n", stderr);
		return 2;
	}
	if (config_load(&cfg) == -1)
		return 1;
	snprintf(dir, sizeof(dir), "%s/migrations", cfg.root);
	return db_migrate(cfg.database_url, dir) == 0 ? 0 : 1;
}
