/*
 * helper.c - see helper.h.  A keeper holds nothing and reads no input:
 * it forks its helper, passes SIGHUP and SIGTERM on, and starts the
 * helper again a second after it dies (so that a helper dying at start
 * does not spin, and a client sees it gone before it is back).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/log.h"
#include "http/helper.h"
#include "http/server.h"

static volatile sig_atomic_t got_chld, got_term, got_hup, got_alrm;

static void
on_signal(int sig)
{
	switch (sig) {
	case SIGCHLD: got_chld = 1; break;
	case SIGHUP: got_hup = 1; break;
	case SIGALRM: got_alrm = 1; break;
	default: got_term = 1; break;
	}
}

static const int sigs[] = { SIGCHLD, SIGHUP, SIGALRM, SIGTERM, SIGINT };
#define NSIGS	(sizeof(sigs) / sizeof(sigs[0]))

static pid_t
run(const struct http_helper *h, const struct config *cfg,
    const sigset_t *orig)
{
	char	name[16];
	pid_t	pid;
	size_t	i;

	if ((pid = fork()) != 0) {
		if (pid == -1)
			log_msg(LOG_ERROR, "fork: %s", strerror(errno));
		return pid;
	}
	for (i = 0; i < NSIGS; i++)
		signal(sigs[i], SIG_DFL);
	sigprocmask(SIG_SETMASK, orig, NULL);
	snprintf(name, sizeof(name), "motcua-%s", h->name);
	prctl(PR_SET_NAME, name);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() == 1)
		_exit(0);
	_exit(h->main(cfg));
}

static int
keeper(const struct http_helper *h, const struct config *cfg)
{
	struct sigaction	sa;
	sigset_t		block, orig, wait;
	pid_t			child = -1, pid;
	size_t			i;
	int			status, stopping = 0, due = 1;

	prctl(PR_SET_NAME, "motcua-keeper");
	if (h->prepare(cfg) == -1)
		return 1;
	/* Set after prepare: a change of user clears it. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	sigemptyset(&block);
	for (i = 0; i < NSIGS; i++)
		sigaddset(&block, sigs[i]);
	sigprocmask(SIG_BLOCK, &block, &orig);
	wait = orig;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NSIGS; i++) {
		sigaction(sigs[i], &sa, NULL);
		sigdelset(&wait, sigs[i]);
	}
	for (;;) {
		if (child == -1 && !stopping && due) {
			due = 0;
			if ((child = run(h, cfg, &orig)) == -1)
				alarm(1);
		}
		if (stopping && child == -1)
			return 0;
		if (!got_chld && !got_term && !got_hup && !got_alrm)
			sigsuspend(&wait);
		if (got_term) {
			got_term = 0;
			stopping = 1;
			if (child != -1)
				kill(child, SIGTERM);
		}
		if (got_hup) {
			got_hup = 0;
			if (child != -1)
				kill(child, SIGHUP);
		}
		if (got_alrm) {
			got_alrm = 0;
			due = 1;
		}
		if (got_chld) {
			got_chld = 0;
			while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
				if (pid != child)
					continue;
				child = -1;
				if (!stopping)
					log_msg(LOG_WARN, "%s %d died (%s %d); "
					    "restarting it in a second", h->name,
					    (int)pid, WIFSIGNALED(status) ?
					    "signal" : "status",
					    WIFSIGNALED(status) ?
					    WTERMSIG(status) : WEXITSTATUS(status));
				alarm(1);
			}
		}
	}
}

pid_t
helper_start(const struct http_helper *h, const struct config *cfg)
{
	pid_t	pid;

	if ((pid = fork()) == -1) {
		log_msg(LOG_ERROR, "fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0)
		_exit(keeper(h, cfg));
	return pid;
}
