/*
 * helper.c - see helper.h.  A keeper holds nothing and reads no input:
 * it forks its helper, passes on what the master tells it through its
 * pipe (helper.h), and starts the
 * helper again a second after it dies (so that a helper dying at start
 * does not spin, and a client sees it gone before it is back).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
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

/* What the master said: 0, or -1 when the pipe closed. */
static int
told(int ctl, int *stopping, pid_t child)
{
	char	c;
	ssize_t	n;

	while ((n = read(ctl, &c, 1)) == -1 && errno == EINTR)
		continue;
	if (n == -1 && errno == EAGAIN)
		return 0;
	if (n == 1 && c == HELPER_RELOAD) {
		if (child != -1)
			kill(child, SIGHUP);
		return 0;
	}
	if (!*stopping) {
		*stopping = 1;
		if (child != -1)
			kill(child, SIGTERM);
		alarm(5);
	}
	return n == 1 ? 0 : -1;
}

static int
keeper(const struct http_helper *h, const struct config *cfg, int ctl)
{
	struct sigaction	sa;
	struct pollfd		p;
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
		p.fd = ctl;
		p.events = POLLIN;
		p.revents = 0;
		if (!got_chld && !got_term && !got_hup && !got_alrm &&
		    ppoll(&p, ctl != -1, NULL, &wait) == 1 &&
		    told(ctl, &stopping, child) == -1) {
			close(ctl);
			ctl = -1;
		}
		if (got_term) {
			got_term = 0;
			if (!stopping && child != -1)
				kill(child, SIGTERM);
			if (!stopping)
				alarm(5);
			stopping = 1;
		}
		if (got_hup) {
			got_hup = 0;
			if (child != -1)
				kill(child, SIGHUP);
		}
		if (got_alrm) {
			got_alrm = 0;
			if (stopping && child != -1)
				kill(child, SIGKILL);	/* it had five seconds */
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
				if (!stopping)
					alarm(1);
			}
		}
	}
}

pid_t
helper_start(const struct http_helper *h, const struct config *cfg,
    int *ctl)
{
	pid_t	pid;
	int	fd[2];

	if (pipe2(fd, O_CLOEXEC) == -1 || fcntl(fd[1], F_SETFL,
	    O_NONBLOCK) == -1 || fcntl(fd[0], F_SETFL, O_NONBLOCK) == -1 ||
	    (pid = fork()) == -1) {
		log_msg(LOG_ERROR, "helper %s: %s", h->name, strerror(errno));
		return -1;
	}
	if (pid == 0) {
		close(fd[1]);
		_exit(keeper(h, cfg, fd[0]));
	}
	close(fd[0]);
	*ctl = fd[1];
	return pid;
}

void
helper_tell(int ctl, char what)
{
	if (ctl != -1 && write(ctl, &what, 1) != 1)
		log_msg(LOG_WARN, "a helper's keeper did not take a message");
}
