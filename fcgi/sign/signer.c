/*
 * signer.c - see signer.h.  One process, one thread, a poll loop over
 * the listening socket and at most MAX_CLIENTS workers' connections;
 * each request is one packet, parsed by msg.c and answered at once.
 */
#include <errno.h>
#include <grp.h>
#include <libgen.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include "base/config.h"
#include "base/log.h"
#include "sign/keyfile.h"
#include "sign/keyring.h"
#include "sign/siglog.h"
#include "sign/signer.h"

#define MAX_CLIENTS	128

static volatile sig_atomic_t got_term, got_hup;
static uid_t	workers_uid;	/* set once by signer_prepare */

static void
on_signal(int sig)
{
	if (sig == SIGHUP)
		got_hup = 1;
	else
		got_term = 1;
}

static int
socket_dir(const char *sock, char *out, size_t size)
{
	char	copy[sizeof(((struct sockaddr_un *)0)->sun_path)];

	if (strlen(sock) >= sizeof(copy)) {
		log_msg(LOG_ERROR, "MOTCUA_SIGNER_SOCKET %s: path too long", sock);
		return -1;
	}
	snprintf(copy, sizeof(copy), "%s", sock);
	snprintf(out, size, "%s", dirname(copy));
	return 0;
}

int
signer_prepare(const struct config *cfg)
{
	struct passwd	*pw, *wk;
	char		 dir[sizeof(((struct sockaddr_un *)0)->sun_path)];
	uid_t		 uid;
	gid_t		 gid;

	if (socket_dir(cfg->signer_socket, dir, sizeof(dir)) == -1)
		return -1;
	workers_uid = getuid();
	if (geteuid() != 0) {
		if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
			log_msg(LOG_ERROR, "mkdir %s: %s", dir, strerror(errno));
			return -1;
		}
		return 0;
	}
	if ((wk = getpwnam(cfg->user)) == NULL) {
		log_msg(LOG_ERROR, "MOTCUA_USER %s: no such user", cfg->user);
		return -1;
	}
	workers_uid = wk->pw_uid;
	gid = wk->pw_gid;
	if ((pw = getpwnam(cfg->signer_user)) == NULL) {
		log_msg(LOG_ERROR, "MOTCUA_SIGNER_USER %s: no such user",
		    cfg->signer_user);
		return -1;
	}
	uid = pw->pw_uid;
	/* The workers may reach the socket, nobody else. */
	if ((mkdir(dir, 0710) == -1 && errno != EEXIST) ||
	    chown(dir, uid, gid) == -1 || chmod(dir, 0710) == -1) {
		log_msg(LOG_ERROR, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if (setgroups(1, &pw->pw_gid) == -1 || setgid(pw->pw_gid) == -1 ||
	    setuid(uid) == -1 || setuid(0) != -1) {
		log_msg(LOG_ERROR, "cannot switch to user %s", cfg->signer_user);
		return -1;
	}
	return 0;
}

static int
listen_on(const char *path)
{
	struct sockaddr_un	sun;
	struct stat		st;
	mode_t			old;
	int			fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	if (lstat(path, &st) == 0) {
		if (!S_ISSOCK(st.st_mode)) {
			log_msg(LOG_ERROR, "%s exists and is not a socket", path);
			return -1;
		}
		unlink(path);	/* left by a signer that died */
	}
	if ((fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0)) == -1)
		return -1;
	old = umask(0111);	/* the directory keeps others out */
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1 ||
	    listen(fd, 64) == -1) {
		umask(old);
		log_msg(LOG_ERROR, "signer: cannot listen on %s: %s", path,
		    strerror(errno));
		close(fd);
		return -1;
	}
	umask(old);
	return fd;
}

struct signer {
	const struct config	*cfg;
	struct keyring		 ring;
	struct siglog		 log;
};

static enum sign_status
sign_with(struct signer *s, const struct sign_req *rq, struct sign_rep *rp)
{
	const struct keyring_key *k;
	struct siglog_entry	 e;
	unsigned char		 digest[SHA256_DIGEST_LENGTH];
	char			 hex[KEYID_HEX + 1];
	EVP_PKEY_CTX		*pc = NULL;
	EVP_MD_CTX		*mc = NULL;
	size_t			 len = sizeof(rp->sig);
	int			 ok = 0;

	if (rq->alg == SIGN_ALG_ED25519_NOTE) {
		if ((k = &s->ring.audit)->key == NULL)
			return SIGN_NO_KEY;
		ok = (mc = EVP_MD_CTX_new()) != NULL &&
		    EVP_DigestSignInit(mc, NULL, NULL, NULL, k->key) == 1 &&
		    EVP_DigestSign(mc, rp->sig, &len, rq->data, rq->dlen) == 1;
		SHA256(rq->data, rq->dlen, digest);
	} else {
		if ((k = keyring_unit(&s->ring, rq->unit)) == NULL)
			return SIGN_NO_KEY;
		ok = (pc = EVP_PKEY_CTX_new(k->key, NULL)) != NULL &&
		    EVP_PKEY_sign_init(pc) == 1 &&
		    EVP_PKEY_CTX_set_signature_md(pc, EVP_sha256()) == 1 &&
		    EVP_PKEY_sign(pc, rp->sig, &len, rq->data, rq->dlen) == 1;
		memcpy(digest, rq->data, sizeof(digest));
	}
	EVP_MD_CTX_free(mc);
	EVP_PKEY_CTX_free(pc);
	keys_id_hex(k->id, hex);
	e.when = time(NULL);
	e.unit = rq->unit;
	e.key_id = hex;
	e.alg = sign_alg_names[rq->alg];
	e.reqid = rq->reqid;
	e.digest = digest;
	/* No signature leaves unlogged. */
	if (!ok || siglog_append(&s->log, &e) == -1) {
		OPENSSL_cleanse(rp->sig, sizeof(rp->sig));
		return SIGN_FAILED;
	}
	rp->siglen = (uint32_t)len;
	memcpy(rp->key_id, k->id, sizeof(rp->key_id));
	return SIGN_OK;
}

/* One packet of a client: 0, or -1 to close the connection. */
static int
serve(struct signer *s, int fd)
{
	static struct sign_req	rq;
	static unsigned char	buf[sizeof(struct sign_req) + 1];
	struct sign_rep		rp;
	ssize_t			n;

	if ((n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT)) <= 0)
		return n == -1 && errno == EAGAIN ? 0 : -1;
	memset(&rp, 0, sizeof(rp));
	rp.status = sign_req_parse(buf, (size_t)n, &rq);
	if (rp.status == SIGN_OK)
		rp.status = sign_with(s, &rq, &rp);
	if (rp.status != SIGN_OK)
		log_msg(LOG_WARN, "signer: refused request %s: %s",
		    rq.reqid[0] ? rq.reqid : "-", sign_status_names[rp.status]);
	rp.hdr.type = SMSG_ANSWER;
	rp.hdr.len = sizeof(rp);
	rp.hdr.id = rq.hdr.id;
	n = send(fd, &rp, sizeof(rp), MSG_NOSIGNAL | MSG_DONTWAIT);
	OPENSSL_cleanse(&rp, sizeof(rp));
	return n == (ssize_t)sizeof(rp) ? 0 : -1;
}

/* A connection, if its peer is the workers' user, root or ourselves. */
static int
admit(int lfd)
{
	struct ucred	cr;
	socklen_t	len = sizeof(cr);
	int		fd;

	if ((fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC)) == -1)
		return -1;
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &len) == -1 ||
	    (cr.uid != workers_uid && cr.uid != 0 && cr.uid != getuid())) {
		log_msg(LOG_WARN, "signer: refused a connection from uid %d",
		    (int)cr.uid);
		close(fd);
		return -1;
	}
	return fd;
}

static void
reload(struct signer *s)
{
	struct keyring	next;

	if (keyring_load(&next, s->cfg->keys_dir) == -1) {
		log_msg(LOG_ERROR, "signer: keys not reloaded");
		return;
	}
	keyring_free(&s->ring);
	s->ring = next;
	log_msg(LOG_INFO, "signer: %zu unit keys%s", s->ring.nunits,
	    s->ring.audit.key != NULL ? " and the audit key" : "");
}

static void
loop(struct signer *s, int lfd, const sigset_t *wait)
{
	struct pollfd	p[MAX_CLIENTS + 1];
	nfds_t		n = 1, i;
	int		fd;

	p[0].fd = lfd;
	p[0].events = POLLIN;
	while (!got_term) {
		if (got_hup) {
			got_hup = 0;
			reload(s);
		}
		if (ppoll(p, n, NULL, wait) == -1) {
			if (errno == EINTR)
				continue;
			log_msg(LOG_ERROR, "signer: poll: %s", strerror(errno));
			return;
		}
		for (i = 1; i < n; i++) {
			if (p[i].revents == 0 || ((p[i].revents & POLLIN) &&
			    serve(s, p[i].fd) == 0 &&
			    !(p[i].revents & (POLLHUP | POLLERR))))
				continue;
			close(p[i].fd);
			p[i--] = p[--n];
		}
		if ((p[0].revents & POLLIN) && (fd = admit(lfd)) != -1) {
			if (n == MAX_CLIENTS + 1) {
				log_msg(LOG_WARN, "signer: too many connections");
				close(fd);
			} else {
				p[n].fd = fd;
				p[n].events = POLLIN;
				p[n++].revents = 0;
			}
		}
	}
	for (i = 1; i < n; i++)
		close(p[i].fd);
}

int
signer_main(const struct config *cfg)
{
	struct signer		 s;
	struct sigaction	 sa;
	sigset_t		 block, wait;
	char			 path[KEYS_PATH_MAX];
	int			 lfd;

	keys_log_json = 1;
	memset(&s, 0, sizeof(s));
	s.cfg = cfg;
	s.log.fd = -1;
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &wait);
	sigdelset(&wait, SIGTERM);
	sigdelset(&wait, SIGINT);
	sigdelset(&wait, SIGHUP);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (keyring_load(&s.ring, cfg->keys_dir) == -1)
		log_msg(LOG_WARN, "signer: no keys; every request is refused");
	/* Without its log it refuses to sign, but answers. */
	if (keys_path(path, cfg->keys_dir, "signatures.log") == -1 ||
	    siglog_open(&s.log, path) == -1)
		log_msg(LOG_ERROR, "signer: no signature log; every request "
		    "is refused");
	if ((lfd = listen_on(cfg->signer_socket)) == -1) {
		keyring_free(&s.ring);
		siglog_close(&s.log);
		return 1;
	}
	log_msg(LOG_INFO, "signer: %zu unit keys%s, on %s", s.ring.nunits,
	    s.ring.audit.key != NULL ? " and the audit key" : "",
	    cfg->signer_socket);
	loop(&s, lfd, &wait);
	close(lfd);
	unlink(cfg->signer_socket);
	keyring_free(&s.ring);
	siglog_close(&s.log);
	log_msg(LOG_INFO, "signer: stopped, keys wiped");
	return 0;
}
