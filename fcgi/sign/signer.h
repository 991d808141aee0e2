/*
 * signer.h - the signer: the one process that holds private keys.
 *
 * `motcua serve` runs it as a helper process (http/server.h): the
 * master forks its keeper before dropping root; the keeper calls
 * signer_prepare (as root, if the master was: it makes the socket's
 * directory, MOTCUA_SIGNER_SOCKET's, mode 0710 for the signer's user
 * and the workers' group, and switches to MOTCUA_SIGNER_USER), then
 * runs signer_main in a child, again a second after it dies.
 *
 * The signer loads the keys of MOTCUA_KEYS_DIR (keys.h), listens on
 * its SOCK_SEQPACKET socket, takes connections only from the workers'
 * user (and root, and its own), and answers each request (msg.h) with
 * a signature or a refusal.  Every signature is first written to its
 * log (siglog.h, DIR/signatures.log).  SIGHUP: the keys are read again
 * (after `motcua keys rotate`).  SIGTERM: the keys are freed and wiped,
 * and it exits.
 */
#ifndef MOTCUA_SIGN_SIGNER_H
#define MOTCUA_SIGN_SIGNER_H

struct config;

/* 0, or -1 after logging why. */
int	signer_prepare(const struct config *);
/* An exit status. */
int	signer_main(const struct config *);

#endif
