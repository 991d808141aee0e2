/*
 * fuzz_signmsg.c - the signer's message parser, sign_req_parse(), on
 * arbitrary packets, with checks that what it accepts keeps to what
 * msg.h promises: the exact length, strings ended inside their fields,
 * a unit code and 32 bytes for ECDSA, a note ending in a newline for
 * Ed25519.  The answer parser, sign_rep_parse(), gets the same bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sign/msg.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sign_req		rq;
	struct sign_rep		rp;
	enum sign_status	st;

	st = sign_req_parse(data, size, &rq);
	if (st >= SIGN__MAX || st == SIGN_UNAVAILABLE)
		abort();
	if (st == SIGN_OK) {
		if (size != SIGN_REQ_FIXED + rq.dlen || rq.hdr.len != size ||
		    rq.hdr.type != SMSG_SIGN || rq.dlen > SIGN_DATA_MAX ||
		    memchr(rq.unit, '\0', sizeof(rq.unit)) == NULL ||
		    !sign_reqid_ok(rq.reqid))
			abort();
		if (rq.alg == SIGN_ALG_ECDSA_P256_SHA256) {
			if (rq.dlen != SIGN_DIGEST_LEN || !sign_unit_ok(rq.unit))
				abort();
		} else if (rq.alg == SIGN_ALG_ED25519_NOTE) {
			if (rq.dlen == 0 || rq.data[rq.dlen - 1] != '\n' ||
			    rq.unit[0] != '\0')
				abort();
		} else
			abort();
	}
	if (sign_rep_parse(data, size, size >= 16 ? rq.hdr.id : 0, &rp) == 0 &&
	    (size != sizeof(rp) || rp.siglen > SIGN_SIG_MAX ||
	    rp.status >= SIGN__MAX))
		abort();
	return 0;
}
