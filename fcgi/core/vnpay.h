/*
 * vnpay.h - the VNPay 2.1.0 messages, pure: parsing the query of a
 * return or a notification (IPN), the canonical string both sides sign,
 * HMAC-SHA512 signatures, the payment URL's query and the querydr
 * request's pipe-joined data (docs/payments.md).
 *
 * Signature: every vnp_* parameter but vnp_SecureHash and
 * vnp_SecureHashType, empty values dropped, sorted by key (bytewise),
 * joined as key=value&... with values form-URL-encoded (letters, digits
 * and "-_." as they are, space as '+', every other byte as %XX in upper
 * case), then lowercase hex of HMAC-SHA512(secret, that string).
 *
 * Parsing is bounded (VNP_PARAMS_MAX pairs, VNP_VALUE_MAX bytes a value,
 * VNP_QUERY_MAX bytes in all) and refuses what a gateway never sends: a
 * key that is not vnp_ and letters, a key given twice, a bad %XX, a NUL.
 * Everything comes from the arena; nothing here allocates otherwise.
 */
#ifndef MOTCUA_VNPAY_H
#define MOTCUA_VNPAY_H

#include <stddef.h>
#include <stdint.h>

struct arena;

#define VNP_PARAMS_MAX	40
#define VNP_VALUE_MAX	1024
#define VNP_QUERY_MAX	8192
#define VNP_KEY_MAX	40

struct vnp_param {
	const char	*key;		/* "vnp_Amount" */
	const char	*val;		/* decoded */
};

struct vnp_msg {
	struct vnp_param v[VNP_PARAMS_MAX];
	size_t		 n;
};

/* The query string s[0..len) -> m: 0, or -1 with *why a short English
 * reason ("duplicate key vnp_Amount"), in the arena. */
int		 vnp_parse(struct arena *, const char *s, size_t len,
		    struct vnp_msg *m, const char **why);
/* The value of key, or NULL. */
const char	*vnp_get(const struct vnp_msg *, const char *key);
/* Add or replace key (copied into the arena); -1 when full. */
int		 vnp_set(struct arena *, struct vnp_msg *, const char *key,
		    const char *val);
/* The string that is signed (see above), in the arena. */
char		*vnp_canonical(struct arena *, const struct vnp_msg *);
/* Lowercase hex HMAC-SHA512 of data under secret, in the arena. */
char		*vnp_hmac(struct arena *, const char *secret, const char *data);
/* 1 if m carries a vnp_SecureHash that is the signature of its other
 * parameters under secret (any case of hex digits), else 0. */
int		 vnp_verify(struct arena *, const struct vnp_msg *,
		    const char *secret);
/* The canonical string and &vnp_SecureHash=...: a payment URL's
 * query. */
char		*vnp_signed_query(struct arena *, const struct vnp_msg *,
		    const char *secret);
/* s form-URL-encoded as above, in the arena. */
char		*vnp_encode(struct arena *, const char *s);

/* Unix time -> yyyyMMddHHmmss in GMT+7 (buf of 15). */
void		 vnp_time(int64_t t, char buf[15]);
/* yyyyMMddHHmmss in GMT+7 -> Unix time, or -1. */
int64_t		 vnp_parse_time(const char *);

/* A positive amount in đồng -> vnp_Amount (× 100), and back: the
 * amount in đồng, or -1 when s is not such a number. */
char		*vnp_amount(struct arena *, int64_t dong);
int64_t		 vnp_parse_amount(const char *s);

/* The querydr request's signed data: its values joined with '|', in the
 * order DOMAIN.md gives. */
struct vnp_querydr {
	const char	*request_id, *version, *command, *tmn_code;
	const char	*txn_ref, *transaction_date, *create_date;
	const char	*ip_addr, *order_info;
};
char		*vnp_querydr_data(struct arena *, const struct vnp_querydr *);

#endif
