/*
 * helper.h - the keepers of the site's helper processes (server.h).
 */
#ifndef MOTCUA_HELPER_H
#define MOTCUA_HELPER_H

#include <sys/types.h>

struct config;
struct http_helper;

/*
 * Fork h's keeper: its pid, or -1 after logging why.  *ctl is the
 * master's end of a pipe to it: the keeper may run as another user,
 * whom the master cannot signal, so it is told by a byte instead:
 * HELPER_RELOAD (SIGHUP to the helper) or HELPER_STOP (SIGTERM to the
 * helper, SIGKILL five seconds later, then exit), and it stops too when
 * the pipe closes.  Write with helper_tell.
 */
#define HELPER_RELOAD	'h'
#define HELPER_STOP	't'
pid_t	helper_start(const struct http_helper *h, const struct config *,
	    int *ctl);
void	helper_tell(int ctl, char what);

#endif
