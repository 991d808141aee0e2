/*
 * msg.h - the messages between a worker (client.c) and the signer
 * (signer.c), after OpenBSD's imsg: a fixed header, then fixed fields.
 * They travel over a SOCK_SEQPACKET unix socket, one message a packet,
 * on one machine: integers are in host order.
 *
 *   request   struct sign_req, of which only offsetof(data) + dlen
 *             bytes are sent; hdr.len says the same number
 *   answer    struct sign_rep, always whole
 *
 * The signer parses nothing else: no XML, PDF or JSON.  A request names
 * a unit (its code, the grammar of units.code) and an algorithm, which
 * fixes what data may be:
 *   SIGN_ALG_ECDSA_P256_SHA256  a SHA-256 digest, exactly 32 bytes,
 *                               signed with the unit's current key
 *   SIGN_ALG_ED25519_NOTE       the text of a C2SP signed note (1 to
 *                               SIGN_DATA_MAX bytes ending in '\n'),
 *                               signed with the audit key; the unit
 *                               is empty
 * The answer's signature is DER (ECDSA) or 64 raw bytes (Ed25519).
 */
#ifndef MOTCUA_SIGN_MSG_H
#define MOTCUA_SIGN_MSG_H

#include <stddef.h>
#include <stdint.h>

#define SIGN_UNIT_MAX	32	/* a unit code, NUL-terminated and padded */
#define SIGN_REQID_MAX	40	/* a request id, the same */
#define SIGN_DATA_MAX	4096
#define SIGN_SIG_MAX	80	/* a DER ECDSA P-256 signature is <= 72 */
#define SIGN_KEYID_LEN	32	/* SHA-256 of the SubjectPublicKeyInfo */
#define SIGN_DIGEST_LEN	32

enum sign_msg {
	SMSG_NONE,
	SMSG_SIGN,		/* worker -> signer: struct sign_req */
	SMSG_ANSWER,		/* signer -> worker: struct sign_rep */
	SMSG__MAX
};

enum sign_alg {
	SIGN_ALG_NONE,
	SIGN_ALG_ECDSA_P256_SHA256,
	SIGN_ALG_ED25519_NOTE,
	SIGN_ALG__MAX
};
extern const char *const sign_alg_names[SIGN_ALG__MAX];

/* What a signing request came to; on the wire in answers, and what
 * the client returns (SIGN_UNAVAILABLE is the client's own). */
enum sign_status {
	SIGN_OK,
	SIGN_UNAVAILABLE,	/* no signer answered in time: 503 */
	SIGN_MALFORMED,		/* the message does not parse */
	SIGN_BAD_ALG,		/* no such algorithm */
	SIGN_BAD_LENGTH,	/* data of a length the algorithm refuses */
	SIGN_BAD_UNIT,		/* not a unit code */
	SIGN_NO_KEY,		/* the unit has no key */
	SIGN_FAILED,		/* signing or logging it failed */
	SIGN__MAX
};
extern const char *const sign_status_names[SIGN__MAX];

struct sign_hdr {
	uint32_t	type;		/* enum sign_msg */
	uint32_t	len;		/* of the message, header included */
	uint64_t	id;		/* the client's; its answer carries it */
};

struct sign_req {
	struct sign_hdr	hdr;
	uint32_t	alg;		/* enum sign_alg */
	uint32_t	dlen;
	char		unit[SIGN_UNIT_MAX];
	char		reqid[SIGN_REQID_MAX];
	uint8_t		data[SIGN_DATA_MAX];
};
#define SIGN_REQ_FIXED	offsetof(struct sign_req, data)

struct sign_rep {
	struct sign_hdr	hdr;
	uint32_t	status;		/* enum sign_status */
	uint32_t	siglen;
	uint8_t		key_id[SIGN_KEYID_LEN];
	uint8_t		sig[SIGN_SIG_MAX];
};

/* A received request of n bytes checked and copied into *out: SIGN_OK,
 * or why not (nothing of it is then to be trusted but hdr.id, which is
 * 0 if even the header was short). */
enum sign_status sign_req_parse(const void *buf, size_t n,
		    struct sign_req *out);
/* An answer of n bytes to the request id: 0 if well formed (its status
 * may still be a refusal), -1 if not. */
int	sign_rep_parse(const void *buf, size_t n, uint64_t id,
	    struct sign_rep *out);
/* 1 if s is a unit code as units.code allows (^[0-9A-Z]+(\.[0-9A-Z]+)*$)
 * and short enough for the message. */
int	sign_unit_ok(const char *s);
/* 1 if s is empty or a request id of [A-Za-z0-9._:-], short enough. */
int	sign_reqid_ok(const char *s);

#endif
