/*
 * cmd.h - the subcommands of `motcua`.  Each is thin: it reads the
 * configuration and calls into web/, store/ or core/.  What several of
 * them share is in cli.h.
 */
#ifndef MOTCUA_CMD_H
#define MOTCUA_CMD_H

struct command {
	const char	*name;
	const char	*summary;
	const char	*usage;		/* after "motcua NAME" */
	const char	*help;		/* paragraph for `motcua NAME --help` */
	int		(*run)(int argc, char *argv[]);
};

extern const struct command commands[];

int	cmd_serve(int, char *[]);
int	cmd_migrate(int, char *[]);
int	cmd_check(int, char *[]);
int	cmd_units(int, char *[]);
int	cmd_users(int, char *[]);
int	cmd_demo(int, char *[]);
int	cmd_keys(int, char *[]);
int	cmd_pdf_sample(int, char *[]);
int	cmd_seal(int, char *[]);
int	cmd_audit(int, char *[]);
int	cmd_jobs(int, char *[]);
int	cmd_notify(int, char *[]);
int	cmd_payments(int, char *[]);
int	cmd_verify(int, char *[]);

#endif
