/*
 * server.c - see server.h.  The master half; the worker is worker.c.
 */
#include <errno.h>
#include <fcgiapp.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/config.h"
#include "base/log.h"
#include "http/helper.h"
#include "http/metrics.h"
#include "http/server.h"
#include "http/worker.h"

#define MAX_CHILDREN	512
#define MAX_HELPERS	4

struct child {
	pid_t		 pid;
	unsigned	 gen;
	struct timespec	 started;
};

static volatile sig_atomic_t got_chld, got_term, got_hup, got_alrm;

/* The master's ends of the pipes to the helpers' keepers (helper.h),
 * set once at start; a worker closes them. */
static int	helper_ctl[MAX_HELPERS];
static size_t	nhelper_ctl;

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

static int
is_unix_path(const char *s)
{
	return strchr(s, ':') == NULL;	/* as FCGX_OpenSocket decides */
}

/* Is a server answering on this unix socket?  1 yes, 0 stale or none. */
static int
socket_live(const char *path)
{
	struct sockaddr_un	 sun;
	int			 fd, live;

	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1)
		return 0;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	live = connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0;
	close(fd);
	return live;
}

/*
 * Bind the FastCGI socket.  A unix socket is made with mode 0660 (by
 * umask, so there is no window) and, when we are root, given to the
 * server's user and the web server's group without following links.
 * A socket another live server holds is never taken over.
 */
static int
open_socket(const struct config *cfg, const struct passwd *pw,
    const struct group *gr, ino_t *ino)
{
	struct stat	 st;
	mode_t		 old;
	int		 fd, fl;

	*ino = 0;
	if (is_unix_path(cfg->socket)) {
		if (strlen(cfg->socket) >= sizeof(((struct sockaddr_un *)0)->sun_path)) {
			log_msg(LOG_ERROR, "MOTCUA_SOCKET %s: path too long",
			    cfg->socket);
			return -1;
		}
		if (lstat(cfg->socket, &st) == 0) {
			if (!S_ISSOCK(st.st_mode)) {
				log_msg(LOG_ERROR, "%s exists and is not a "
				    "socket", cfg->socket);
				return -1;
			}
			if (socket_live(cfg->socket)) {
				log_msg(LOG_ERROR, "another server is "
				    "listening on %s", cfg->socket);
				return -1;
			}
			unlink(cfg->socket);	/* left by a dead server */
		}
	}
	old = umask(0117);
	fd = FCGX_OpenSocket(cfg->socket, cfg->backlog);
	umask(old);
	if (fd < 0) {
		log_msg(LOG_ERROR, "cannot listen on %s: %s", cfg->socket,
		    strerror(errno));
		return -1;
	}
	if (is_unix_path(cfg->socket)) {
		if (pw != NULL && lchown(cfg->socket, pw->pw_uid,
		    gr != NULL ? gr->gr_gid : pw->pw_gid) == -1)
			log_msg(LOG_WARN, "chown %s: %s", cfg->socket,
			    strerror(errno));
		if (lstat(cfg->socket, &st) == 0)
			*ino = st.st_ino;
	}
	/* Workers poll, then accept without blocking (see worker.c). */
	if ((fl = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, fl | O_NONBLOCK) == -1) {
		log_msg(LOG_ERROR, "fcntl: %s", strerror(errno));
		return -1;
	}
	return fd;
}

/* On drain: remove the socket path if it is still ours. */
static void
close_socket(const struct config *cfg, ino_t ino)
{
	struct stat	st;

	if (is_unix_path(cfg->socket) && ino != 0 &&
	    lstat(cfg->socket, &st) == 0 && st.st_ino == ino)
		unlink(cfg->socket);
}

static int
drop_root(const struct passwd *pw)
{
	if (pw == NULL)
		return 0;
	if (setgroups(1, &pw->pw_gid) == -1 || setgid(pw->pw_gid) == -1 ||
	    setuid(pw->pw_uid) == -1) {
		log_msg(LOG_ERROR, "cannot switch to user %s: %s",
		    pw->pw_name, strerror(errno));
		return -1;
	}
	if (setuid(0) != -1) {
		log_msg(LOG_ERROR, "could regain root after switching user");
		return -1;
	}
	return 0;
}

static double
since(const struct timespec *t)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) +
	    (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static int
spawn(struct child *kids, size_t *nkids, unsigned gen,
    const struct config *cfg, const struct http_site *site,
    const void *world, int lfd, const sigset_t *orig)
{
	pid_t	pid, master = getpid();
	size_t	i;

	if (*nkids == MAX_CHILDREN)
		return -1;
	if ((pid = fork()) == -1) {
		log_msg(LOG_ERROR, "fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		for (i = 0; i < nhelper_ctl; i++)
			close(helper_ctl[i]);
		_exit(worker_main(cfg, site, world, lfd, master, orig));
	}
	kids[*nkids].pid = pid;
	kids[*nkids].gen = gen;
	clock_gettime(CLOCK_MONOTONIC, &kids[*nkids].started);
	(*nkids)++;
	return 0;
}

static size_t
count_gen(const struct child *kids, size_t n, unsigned gen)
{
	size_t	i, c = 0;

	for (i = 0; i < n; i++)
		c += kids[i].gen == gen;
	return c;
}

/*
 * Bring the current generation up to cfg->workers.  If a fork fails,
 * try again in a second (SIGALRM while not draining).
 */
static void
top_up(struct child *kids, size_t *nkids, unsigned gen,
    const struct config *cfg, const struct http_site *site,
    const void *world, int lfd, const sigset_t *orig)
{
	while (count_gen(kids, *nkids, gen) < (size_t)cfg->workers)
		if (spawn(kids, nkids, gen, cfg, site, world, lfd,
		    orig) == -1) {
			alarm(1);
			break;
		}
	metrics_workers((int)count_gen(kids, *nkids, gen), gen);
}

static int
live(const pid_t *h, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (h[i] != -1)
			return 1;
	return 0;
}

static void
tell_all(const pid_t *h, size_t n, char what)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (h[i] != -1)
			helper_tell(helper_ctl[i], what);
}

/*
 * Was pid a helper's keeper?  A keeper is not started again: it may
 * have needed root, which the master no longer has.  Its helper is
 * then gone until the next start of the server, and says so.
 */
static int
helper_died(pid_t *h, size_t n, pid_t pid, int stopping)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (h[i] == pid) {
			h[i] = -1;
			if (!stopping)
				log_msg(LOG_ERROR, "the keeper of a helper "
				    "process died (pid %d); its helper stays "
				    "down until the server restarts", (int)pid);
			return 1;
		}
	return 0;
}

int
server_run(const struct config *cfg, const struct http_site *site)
{
	struct child		 kids[MAX_CHILDREN];
	pid_t			 helpers[MAX_HELPERS];
	struct sigaction	 sa;
	struct passwd		*pw = NULL;
	struct group		*gr = NULL;
	void			*world, *next;
	sigset_t		 block, orig;
	size_t			 nkids = 0, nhelpers = 0, i;
	unsigned		 gen = 1;
	int			 lfd, stopping = 0, status, quick_death;
	ino_t			 ino;
	pid_t			 pid;

	if (geteuid() == 0 && (pw = getpwnam(cfg->user)) == NULL) {
		log_msg(LOG_ERROR, "MOTCUA_USER %s: no such user", cfg->user);
		return 1;
	}
	if (geteuid() == 0 && cfg->socket_group[0] != '\0' &&
	    (gr = getgrnam(cfg->socket_group)) == NULL) {
		log_msg(LOG_ERROR, "MOTCUA_SOCKET_GROUP %s: no such group",
		    cfg->socket_group);
		return 1;
	}
	if (metrics_init(site->nendpoints, site->endpoint_name) == -1) {
		log_msg(LOG_ERROR, "cannot map shared metrics");
		return 1;
	}
	if ((world = site->load(cfg)) == NULL) {
		log_msg(LOG_ERROR, "definitions do not load; not starting "
		    "(motcua check shows every problem)");
		return 1;
	}
	/* A TCP socket takes FastCGI only from these web servers. */
	if (setenv("FCGI_WEB_SERVER_ADDRS", cfg->web_servers, 1) == -1 ||
	    FCGX_Init() != 0) {
		log_msg(LOG_ERROR, "FCGX_Init failed");
		return 1;
	}
	/* The helpers first: they need root to become their own users,
	 * and must not hold the FastCGI socket. */
	for (i = 0; i < site->nhelpers && i < MAX_HELPERS; i++)
		if ((helpers[nhelpers] = helper_start(&site->helpers[i],
		    cfg, &helper_ctl[nhelpers])) != -1)
			nhelper_ctl = ++nhelpers;
	if ((lfd = open_socket(cfg, pw, gr, &ino)) == -1 ||
	    drop_root(pw) == -1)
		return 1;

	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGQUIT);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGALRM);
	sigprocmask(SIG_BLOCK, &block, &orig);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	log_msg(LOG_INFO, "listening on %s with %d workers", cfg->socket,
	    cfg->workers);
	top_up(kids, &nkids, gen, cfg, site, world, lfd, &orig);

	while (!stopping || nkids > 0 || live(helpers, nhelpers)) {
		sigset_t wait = orig;

		sigdelset(&wait, SIGCHLD);
		sigdelset(&wait, SIGTERM);
		sigdelset(&wait, SIGINT);
		sigdelset(&wait, SIGQUIT);
		sigdelset(&wait, SIGHUP);
		sigdelset(&wait, SIGALRM);
		if (!got_chld && !got_term && !got_hup && !got_alrm)
			sigsuspend(&wait);

		if (got_term && stopping)
			got_term = 0;	/* already draining */
		if (got_term) {
			got_term = 0;
			stopping = 1;
			log_msg(LOG_INFO, "draining %zu workers", nkids);
			close_socket(cfg, ino);		/* no new clients */
			for (i = 0; i < nkids; i++)
				kill(kids[i].pid, SIGTERM);
			tell_all(helpers, nhelpers, HELPER_STOP);
			alarm((unsigned)cfg->drain_seconds);
		}
		if (got_alrm) {
			got_alrm = 0;
			if (stopping) {
				log_msg(LOG_WARN, "drain timed out; killing "
				    "%zu workers", nkids);
				for (i = 0; i < nkids; i++)
					kill(kids[i].pid, SIGKILL);
			}
		}
		/* Reload: a new generation only with definitions that
		 * load; otherwise the running one goes on as it is. */
		if (got_hup && !stopping) {
			got_hup = 0;
			if ((next = site->load(cfg)) == NULL)
				log_msg(LOG_ERROR, "reload refused: the "
				    "definitions do not load; generation %u "
				    "goes on", gen);
			else {
				site->unload(world);
				world = next;
				for (i = 0; i < nkids; i++)
					kill(kids[i].pid, SIGQUIT);
				tell_all(helpers, nhelpers, HELPER_RELOAD);
				gen++;
				log_msg(LOG_INFO, "reload: generation %u", gen);
			}
		}
		got_hup = 0;
		quick_death = 0;
		if (got_chld) {
			got_chld = 0;
			while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
				if (helper_died(helpers, nhelpers, pid,
				    stopping))
					continue;
				for (i = 0; i < nkids && kids[i].pid != pid; i++)
					continue;
				if (i == nkids)
					continue;
				struct child dead = kids[i];

				kids[i] = kids[--nkids];
				if (WIFSIGNALED(status) ||
				    WEXITSTATUS(status) != 0)
					log_msg(LOG_WARN, "worker %d died "
					    "(%s %d)", (int)pid,
					    WIFSIGNALED(status) ? "signal" :
					    "status", WIFSIGNALED(status) ?
					    WTERMSIG(status) :
					    WEXITSTATUS(status));
				if (stopping || dead.gen != gen)
					continue;
				metrics_worker_restart();
				if (since(&dead.started) < 1.0)
					quick_death = 1;
			}
		}
		if (stopping)
			continue;
		/* Do not spin if workers die as soon as they start. */
		if (quick_death) {
			struct timespec ts = { 0, 500000000 };
			nanosleep(&ts, NULL);
		}
		top_up(kids, &nkids, gen, cfg, site, world, lfd, &orig);
	}
	site->unload(world);
	log_msg(LOG_INFO, "stopped");
	return 0;
}
