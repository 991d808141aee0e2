/*
 * main.c - `motcua COMMAND [ARGS]`: find the command in the table.
 */
#include <stdio.h>
#include <string.h>

#include "base/config.h"
#include "cmd/cmd.h"

static void
usage(FILE *f)
{
	const struct command	*c;

	fputs("usage: motcua COMMAND [ARGS]\n"
	    "       motcua COMMAND --help\n\nCommands:\n", f);
	for (c = commands; c->name != NULL; c++)
		fprintf(f, "  %-10s %s\n", c->name, c->summary);
	fputc('\n', f);
	config_usage(f);
}

int
main(int argc, char *argv[])
{
	const struct command	*c;
	int			 i;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return 0;
	}
	for (c = commands; c->name != NULL; c++)
		if (strcmp(c->name, argv[1]) == 0)
			break;
	if (c->name == NULL) {
		fprintf(stderr, "motcua: unknown command \"%s\"\n\n", argv[1]);
		usage(stderr);
		return 2;
	}
	for (i = 2; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			printf("usage: motcua %s%s%s\n\n%s\n\n", c->name,
			    c->usage[0] ? " " : "", c->usage, c->help);
			config_usage(stdout);
			return 0;
		}
	return c->run(argc - 1, argv + 1);
}
