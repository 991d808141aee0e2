/*
 * dossier.c - see dossier.h.
 */
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "core/calendar.h"
#include "core/dossier.h"
#include "core/validate.h"
#include "core/validate_int.h"
#include "core/wf.h"

/* ---- time -------------------------------------------------------- */

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t	q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int64_t
dossier_minutes(int64_t t)
{
	return floor_div(t + VN_OFFSET_S, 60);
}

int64_t
dossier_time_of_minutes(int64_t m)
{
	return m * 60 - VN_OFFSET_S;
}

int64_t
dossier_vn_day(int64_t t)
{
	return floor_div(t + VN_OFFSET_S, 86400);
}

void
dossier_time_format(int64_t t, char out[DOSSIER_TIME_LEN + 1])
{
	int64_t	local = t + VN_OFFSET_S, day, sec;
	int	f[3], i;

	day = floor_div(local, 86400);
	sec = local - day * 86400;
	f[0] = (int)(sec / 3600);
	f[1] = (int)(sec / 60 % 60);
	f[2] = (int)(sec % 60);
	date_format(day, out);
	out[10] = 'T';
	for (i = 0; i < 3; i++) {
		out[11 + 3 * i] = (char)('0' + f[i] / 10);
		out[12 + 3 * i] = (char)('0' + f[i] % 10);
		out[13 + 3 * i] = i < 2 ? ':' : '+';
	}
	memcpy(out + 20, "07:00", 6);
}

static int
two(const char *s, int max, int *out)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	*out = (s[0] - '0') * 10 + (s[1] - '0');
	return *out <= max ? 0 : -1;
}

int
dossier_time_parse(const char *s, int64_t *t)
{
	int64_t	day;
	int	hh, mm, ss = 0, off = VN_OFFSET_S;
	size_t	i = 16;

	if (strlen(s) < 16 || date_parse(s, 10, &day) == -1 ||
	    s[10] != 'T' || two(s + 11, 23, &hh) == -1 || s[13] != ':' ||
	    two(s + 14, 59, &mm) == -1)
		return -1;
	if (s[i] == ':') {
		if (two(s + i + 1, 59, &ss) == -1)
			return -1;
		i += 3;
	}
	if (strcmp(s + i, "Z") == 0)
		off = 0;
	else if (strcmp(s + i, "+07:00") != 0 && s[i] != '\0')
		return -1;
	*t = day * 86400 + hh * 3600 + mm * 60 + ss - off;
	return 0;
}

int
dossier_open_at(const struct workflow *wf, int64_t t)
{
	int	y, m, d;

	date_to_ymd(dossier_vn_day(t), &y, &m, &d);
	return wf_open_on(wf, m, d);
}

/* ---- codes and PINs ---------------------------------------------- */

int
dossier_code_format(char *out, size_t sz, const char *unit_code,
    int64_t received, int seq)
{
	int	y, m, d, n;

	if (unit_code == NULL || unit_shape(unit_code, strlen(unit_code)) ||
	    seq < 1 || seq > DOSSIER_SEQ_MAX)
		return -1;
	date_to_ymd(dossier_vn_day(received), &y, &m, &d);
	if (y < 2000 || y > 2099)
		return -1;
	n = snprintf(out, sz, "%s-%02d%02d%02d-%04d", unit_code, y % 100, m,
	    d, seq);
	return n < 0 || (size_t)n >= sz ? -1 : 0;
}

static int
digits(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int
dossier_code_shape(const char *s)
{
	size_t		 n = strlen(s), w;
	const char	*num;

	/* UNIT "-" 6 digits "-" 4 to 8 digits.  A unit code has no '-',
	 * so the last one starts the number. */
	if (n > DOSSIER_CODE_MAX || (num = strrchr(s, '-')) == NULL)
		return 0;
	num++;
	w = n - (size_t)(num - s);
	if (w < 4 || w > DOSSIER_SEQ_DIGITS || (w > 4 && num[0] == '0') ||
	    !digits(num, w) || (size_t)(num - s) < 9 || num[-8] != '-' ||
	    !digits(num - 7, 6))
		return 0;
	return unit_shape(s, (size_t)(num - s) - 8) == 0;
}

int
dossier_idem_key_shape(const char *s)
{
	size_t	i;

	for (i = 0; s[i] != '\0'; i++)
		if (i == IDEM_KEY_MAX || (unsigned char)s[i] <= 0x20 ||
		    (unsigned char)s[i] >= 0x7f)
			return 0;
	return i > 0;
}

void
dossier_pin(const char *key, const char *code, const char *salt,
    char out[PIN_LEN + 1])
{
	unsigned char	 mac[EVP_MAX_MD_SIZE];
	unsigned int	 maclen = 0;
	char		 msg[DOSSIER_CODE_MAX + PIN_SALT_LEN + 8];
	uint64_t	 v = 0;
	int		 i, n;

	n = snprintf(msg, sizeof(msg), "%s:%s", code, salt);
	if (n < 0 || (size_t)n >= sizeof(msg) ||
	    HMAC(EVP_sha256(), key, (int)strlen(key),
	    (const unsigned char *)msg, (size_t)n, mac, &maclen) == NULL ||
	    maclen < 8)
		abort();
	for (i = 0; i < 8; i++)
		v = v << 8 | mac[i];
	/* The bias of 2^64 mod 10^6 is below 10^-13. */
	v %= 1000000;
	snprintf(out, PIN_LEN + 1, "%06u", (unsigned)v);
}

int
dossier_pin_shape(const char *s)
{
	size_t	i;

	for (i = 0; i < PIN_LEN; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return s[PIN_LEN] == '\0';
}

void
dossier_pin_hash(const char *code, const char *pin, unsigned char out[32])
{
	char		buf[DOSSIER_CODE_MAX + PIN_LEN + 2];
	unsigned int	n = 32;
	int		len;

	len = snprintf(buf, sizeof(buf), "%s%s", code, pin);
	if (len < 0 || (size_t)len >= sizeof(buf) ||
	    EVP_Digest(buf, (size_t)len, out, &n, EVP_sha256(), NULL) != 1 ||
	    n != 32)
		abort();
}

int
dossier_pin_check(const char *code, const char *pin,
    const unsigned char stored[32])
{
	unsigned char	h[32];

	dossier_pin_hash(code, pin, h);
	return CRYPTO_memcmp(h, stored, 32) == 0;
}

/* ---- who holds it ------------------------------------------------ */

enum hold_need
dossier_holder_need(const struct holder *h, const struct form *f,
    const struct value *rec, const char **code, enum unit_kind *kind)
{
	*code = NULL;
	switch (h->kind) {
	case HOLD_APPLICANT:
		return HN_APPLICANT;
	case HOLD_KIND:
		*kind = h->unit_kind;
		return HN_KIND;
	case HOLD_FIELD:
	case HOLD_PARENT_OF_FIELD:
		if (h->field >= f->nfields || f->fields[h->field].type !=
		    FT_UNIT || rec[h->field].type != V_STR ||
		    unit_shape(rec[h->field].s, rec[h->field].len) != 0)
			return HN_ERROR;
		*code = rec[h->field].s;
		return h->kind == HOLD_FIELD ? HN_UNIT : HN_PARENT;
	default:
		abort();
	}
}

/* ---- the clock ---------------------------------------------------- */

int
dossier_paused(const struct pauses *p)
{
	return p->n > 0 && p->v[p->n - 1].to == PAUSE_OPEN;
}

int
dossier_clock(struct pauses *p, int change, int64_t now)
{
	int64_t	last = p->n > 0 ? (dossier_paused(p) ? p->v[p->n - 1].from :
		    p->v[p->n - 1].to) : INT64_MIN;

	switch (change) {
	case CLK_PAUSE:
		if (dossier_paused(p) || p->n == PAUSES_MAX || now < last)
			return -1;
		p->v[p->n].from = now;
		p->v[p->n].to = PAUSE_OPEN;
		p->n++;
		return 0;
	case CLK_RESUME:
		if (!dossier_paused(p) || now < last)
			return -1;
		p->v[p->n - 1].to = now;
		return 0;
	case CLK_STOP:
		if (dossier_paused(p)) {
			if (now < last)
				return -1;
			p->v[p->n - 1].to = now;
		}
		return 0;
	case CLK_KEEP:
	case CLK_START:
		return 0;
	default:
		return -1;
	}
}

/* The closed intervals in calendar minutes, merged where rounding to
 * minutes makes them touch or overlap. */
static size_t
minutes_of(const struct pauses *p, struct interval *out)
{
	size_t	i, n = 0;

	for (i = 0; i < p->n; i++) {
		int64_t from, to;

		if (p->v[i].to == PAUSE_OPEN)
			continue;
		from = dossier_minutes(p->v[i].from);
		to = dossier_minutes(p->v[i].to);
		if (to <= from)
			continue;
		if (n > 0 && from <= out[n - 1].to) {
			if (to > out[n - 1].to)
				out[n - 1].to = to;
			continue;
		}
		out[n].from = from;
		out[n].to = to;
		n++;
	}
	return n;
}

int64_t
dossier_due(const struct calendar *cal, const struct workflow *wf,
    int64_t received, const struct pauses *p)
{
	struct interval	iv[PAUSES_MAX];
	size_t		n = minutes_of(p, iv);
	int64_t		m;

	m = cal_due(cal, dossier_minutes(received), wf->deadline_days,
	    wf->deadline_days > 0 ? 0 : wf->deadline_hours, iv, n);
	return m < 0 ? -1 : dossier_time_of_minutes(m);
}

int64_t
dossier_remaining(const struct calendar *cal, int64_t now, int64_t due,
    const struct pauses *p)
{
	if (dossier_paused(p))
		now = p->v[p->n - 1].from;
	/* Closed pauses all lie before now: nothing to skip. */
	return cal_working_minutes(cal, dossier_minutes(now),
	    dossier_minutes(due), NULL, 0);
}

size_t
dossier_pauses_json(const struct pauses *p, char *out)
{
	size_t	i, n = 0;

	out[n++] = '[';
	for (i = 0; i < p->n; i++) {
		if (p->v[i].to == PAUSE_OPEN)
			n += (size_t)sprintf(out + n, "%s[%lld,null]",
			    i ? "," : "", (long long)p->v[i].from);
		else
			n += (size_t)sprintf(out + n, "%s[%lld,%lld]",
			    i ? "," : "", (long long)p->v[i].from,
			    (long long)p->v[i].to);
	}
	out[n++] = ']';
	out[n] = '\0';
	return n;
}

/* ---- who may see and act ----------------------------------------- */

enum access
dossier_access(const struct access_facts *a)
{
	enum access	granted;

	switch (a->viewer) {
	case VIEW_CITIZEN:
		return a->user_id != 0 && a->user_id == a->applicant_id ?
		    ACC_ACT : ACC_NONE;
	case VIEW_STAFF:
	case VIEW_PARTNER:
		granted = a->viewer == VIEW_STAFF ? ACC_ACT : ACC_READ;
		if (a->viewer == VIEW_PARTNER && !a->may_read)
			return ACC_NONE;
		if (a->unit_id == 0)
			return a->viewer == VIEW_PARTNER ? ACC_STATUS :
			    ACC_NONE;
		if (a->unit_id == a->holder_unit_id ||
		    a->unit_id == a->receiving_unit_id)
			return granted;
		if (a->held_before < 0)
			return ACC_HISTORY;
		return a->held_before ? granted : ACC_NONE;
	case VIEW_INSPECTOR:
		return ACC_READ;
	default:
		abort();
	}
}

/* ---- national status codes ---------------------------------------- */

static const struct i18n status_names[11] = {
	[1] = { "Mới đăng ký", "Newly submitted" },
	[2] = { "Được tiếp nhận", "Accepted for processing" },
	[3] = { "Không được tiếp nhận", "Refused at reception" },
	[4] = { "Đang xử lý", "In processing" },
	[5] = { "Yêu cầu bổ sung giấy tờ", "Supplement requested" },
	[6] = { "Yêu cầu thực hiện nghĩa vụ tài chính", "Fee requested" },
	[7] = { "Công dân yêu cầu rút hồ sơ", "Withdrawn by the citizen" },
	[8] = { "Dừng xử lý", "Processing stopped" },
	[9] = { "Đã xử lý xong", "Processed" },
	[10] = { "Đã trả kết quả", "Result returned" },
};

const struct i18n *
dossier_status_name(int status)
{
	return status >= 1 && status <= 10 ? &status_names[status] : NULL;
}

/* ---- the stored data as a record ---------------------------------- */

static void
one_value(const struct field *fl, const char *s, size_t len,
    struct value *v)
{
	switch (fl->type) {
	case FT_INTEGER:
		if (parse_int(s, len, &v->i) == 0)
			v->type = V_INT;
		return;
	case FT_DECIMAL:
		if (parse_dec(s, len, &v->i) == 0)
			v->type = V_DEC;
		return;
	case FT_DATE:
		if (date_parse(s, len, &v->i) == 0)
			v->type = V_DATE;
		return;
	case FT_BOOLEAN:
		v->type = V_BOOL;
		v->i = len == 4 && memcmp(s, "true", 4) == 0;
		return;
	case FT_SELECT:
	case FT_RADIO: {
		size_t	o;

		/* The option's own string, as validation gives it. */
		for (o = 0; o < fl->noptions; o++)
			if (strlen(fl->options[o].value) == len &&
			    memcmp(fl->options[o].value, s, len) == 0) {
				v->type = V_STR;
				v->s = fl->options[o].value;
				v->len = len;
			}
		return;
	}
	default:
		v->type = V_STR;
		v->s = s;
		v->len = len;
		return;
	}
}

void
dossier_record(struct arena *a, const struct form *f,
    const struct input *in, size_t n, struct value *rec)
{
	size_t	 i, k, o, cnt;
	const char **list;

	memset(rec, 0, f->nfields * sizeof(*rec));
	for (k = 0; k < f->nfields; k++) {
		const struct field *fl = &f->fields[k];

		if (fl->type == FT_FILE) {
			for (i = 0, cnt = 0; i < n; i++)
				if (strcmp(in[i].name, fl->id) == 0 &&
				    in[i].filename != NULL)
					cnt++;
			if (cnt > 0) {
				rec[k].type = V_FILES;
				rec[k].i = (int64_t)cnt;
			}
			continue;
		}
		if (fl->type == FT_CHECKBOX) {
			list = arena_alloc(a, (fl->noptions ? fl->noptions :
			    1) * sizeof(*list));
			cnt = 0;
			/* In option order, each once. */
			for (o = 0; o < fl->noptions; o++)
				for (i = 0; i < n; i++)
					if (in[i].filename == NULL &&
					    in[i].val != NULL &&
					    strcmp(in[i].name, fl->id) == 0 &&
					    strcmp(in[i].val,
					    fl->options[o].value) == 0) {
						list[cnt++] =
						    fl->options[o].value;
						break;
					}
			if (cnt > 0) {
				rec[k].type = V_LIST;
				rec[k].list = list;
				rec[k].len = cnt;
			}
			continue;
		}
		for (i = 0; i < n; i++)
			if (in[i].filename == NULL && in[i].val != NULL &&
			    strcmp(in[i].name, fl->id) == 0) {
				one_value(fl, in[i].val, in[i].len, &rec[k]);
				break;
			}
	}
}
