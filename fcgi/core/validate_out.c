/*
 * validate_out.c - what validation hands back: the normalised JSON of a
 * valid record, and bilingual messages for broken rules.
 *
 * The JSON is written by hand (no library, no printf), into one arena
 * block sized beforehand: every string is already valid UTF-8 text, so
 * escaping only concerns quotes, backslashes and control characters.
 */
#include <string.h>

#include "base/arena.h"
#include "core/validate_int.h"

/* ---- JSON ------------------------------------------------------------ */

/* Bytes a JSON string of len bytes may need, quotes included. */
#define STR_MAX(len)	(6 * (len) + 2)
/* Digits of an int64 or a scaled decimal, with sign and point. */
#define NUM_MAX		24

static char *
put(char *p, const char *s, size_t len)
{
	memcpy(p, s, len);
	return p + len;
}

static char *
put_str(char *p, const char *s, size_t len)
{
	static const char	 hex[] = "0123456789abcdef";
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i;

	*p++ = '"';
	for (i = 0; i < len; i++) {
		if (u[i] >= 0x20 && u[i] != '"' && u[i] != '\\') {
			*p++ = (char)u[i];
			continue;
		}
		*p++ = '\\';
		switch (u[i]) {
		case '"':
		case '\\':
			*p++ = (char)u[i];
			break;
		case '\n':
			*p++ = 'n';
			break;
		case '\r':
			*p++ = 'r';
			break;
		case '\t':
			*p++ = 't';
			break;
		default:
			p = put(p, "u00", 3);
			*p++ = hex[u[i] >> 4];
			*p++ = hex[u[i] & 0xf];
			break;
		}
	}
	*p++ = '"';
	return p;
}

static size_t
value_max(const struct value *v, const struct vfile *files)
{
	size_t	n = 2, i;

	switch (v->type) {
	case V_STR:
		return STR_MAX(v->len);
	case V_INT:
	case V_DEC:
		return NUM_MAX;
	case V_BOOL:
		return 5;
	case V_DATE:
		return 12;
	case V_LIST:
		for (i = 0; i < v->len; i++)
			n += STR_MAX(strlen(v->list[i])) + 1;
		return n;
	case V_FILES:
		for (i = 0; i < (size_t)v->i; i++)
			n += STR_MAX(files[i].namelen) + STR_MAX(strlen(
			    files[i].mime)) + NUM_MAX + SHA256_HEX_LEN + 48;
		return n;
	default:
		return 0;
	}
}

static char *
put_value(char *p, const struct value *v, const struct vfile *files)
{
	char	 date[11];
	size_t	 i;

	switch (v->type) {
	case V_STR:
		return put_str(p, v->s, v->len);
	case V_INT:
		return p + fmt_int(v->i, p);
	case V_DEC:
		return p + fmt_dec(v->i, p);
	case V_BOOL:
		return v->i ? put(p, "true", 4) : put(p, "false", 5);
	case V_DATE:
		date_format(v->i, date);
		return put_str(p, date, 10);
	case V_LIST:
		*p++ = '[';
		for (i = 0; i < v->len; i++) {
			if (i > 0)
				*p++ = ',';
			p = put_str(p, v->list[i], strlen(v->list[i]));
		}
		*p++ = ']';
		return p;
	case V_FILES:
		*p++ = '[';
		for (i = 0; i < (size_t)v->i; i++) {
			if (i > 0)
				*p++ = ',';
			p = put(p, "{\"name\":", 8);
			p = put_str(p, files[i].name, files[i].namelen);
			p = put(p, ",\"type\":", 8);
			p = put_str(p, files[i].mime, strlen(files[i].mime));
			p = put(p, ",\"size\":", 8);
			p += fmt_int((int64_t)files[i].size, p);
			p = put(p, ",\"sha256\":\"", 11);
			p = put(p, files[i].sha256, SHA256_HEX_LEN);
			p = put(p, "\"}", 2);
		}
		*p++ = ']';
		return p;
	default:
		return p;
	}
}

char *
json_record(struct arena *a, const struct form *f, const struct value *rec,
    struct vfile *const *files, size_t *len)
{
	char	*buf, *p;
	size_t	 max = 3, k;
	int	 first = 1;

	for (k = 0; k < f->nfields; k++)
		if (rec[k].type != V_NONE)
			max += strlen(f->fields[k].id) + 4 +
			    value_max(&rec[k], files[k]);
	p = buf = arena_alloc(a, max);
	*p++ = '{';
	for (k = 0; k < f->nfields; k++) {
		if (rec[k].type == V_NONE)
			continue;
		if (!first)
			*p++ = ',';
		first = 0;
		/* Ids are [a-z][a-z0-9_-]*: nothing to escape. */
		*p++ = '"';
		p = put(p, f->fields[k].id, strlen(f->fields[k].id));
		p = put(p, "\":", 2);
		p = put_value(p, &rec[k], files[k]);
	}
	*p++ = '}';
	*p = '\0';
	*len = (size_t)(p - buf);
	return buf;
}

/* ---- messages -------------------------------------------------------- */

struct tmpl {
	const char	*vi;
	const char	*en;
};

/* %1 is the field's label, %2 the rule's parameter. */
static const struct tmpl generic[RULE__MAX] = {
	[RULE_REQUIRED] = { "Vui lòng nhập %1.", "Please enter %1." },
	[RULE_TYPE] = { "%1 không hợp lệ.", "%1 is not valid." },
	[RULE_PATTERN] = { "%1 không đúng định dạng.",
	    "%1 is not in the expected format." },
	[RULE_MINLEN] = { "%1 phải có ít nhất %2 ký tự.",
	    "%1 must have at least %2 characters." },
	[RULE_MAXLEN] = { "%1 không được dài quá %2 ký tự.",
	    "%1 must have at most %2 characters." },
	[RULE_MIN] = { "%1 phải từ %2 trở lên.", "%1 must be at least %2." },
	[RULE_MAX] = { "%1 không được lớn hơn %2.", "%1 must be at most %2." },
	[RULE_OPTION] = { "%1: giá trị không có trong danh sách lựa chọn.",
	    "%1: not one of the choices." },
	[RULE_FILE_TYPE] = { "%1: chỉ nhận tệp %2.",
	    "%1: only %2 files are accepted." },
	[RULE_FILE_SIZE] = { "%1: mỗi tệp không được lớn hơn %2.",
	    "%1: each file must be at most %2." },
	[RULE_FILE_COUNT] = { "%1: tối đa %2 tệp.", "%1: at most %2 files." },
	[RULE_UNIT] = { "%1: không tìm thấy đơn vị này.",
	    "%1: no such unit." },
	[RULE_FILE_NAME] = { "%1: tên tệp trống, dài quá 255 byte, hoặc "
	    "chứa ký tự điều khiển, ký tự ẩn hay ký tự đổi chiều văn bản.",
	    "%1: the file name is empty, longer than 255 bytes, or holds "
	    "control, invisible or text-direction characters." },
	[RULE_FILE_EXTENSION] = { "%1: phần mở rộng của tên tệp phải đúng "
	    "với loại tệp: %2.", "%1: the file name must end in the extension "
	    "of the file's type: %2." },
};

/* What "required" and "type" say, by field type. */
static const struct tmpl required_by_type[FT__MAX] = {
	[FT_SELECT] = { "Vui lòng chọn %1.", "Please choose %1." },
	[FT_RADIO] = { "Vui lòng chọn %1.", "Please choose %1." },
	[FT_CHECKBOX] = { "Vui lòng chọn %1.", "Please choose %1." },
	[FT_BOOLEAN] = { "Vui lòng xác nhận %1.", "Please confirm %1." },
	[FT_FILE] = { "Vui lòng đính kèm %1.", "Please attach %1." },
};

static const struct tmpl type_by_type[FT__MAX] = {
	[FT_TEXT] = { "%1 chứa ký tự không được phép: xuống dòng, ký tự "
	    "điều khiển, ký tự ẩn hoặc ký tự đổi chiều văn bản.",
	    "%1 contains characters that are not allowed: line breaks, "
	    "control, invisible or text-direction characters." },
	[FT_TEXTAREA] = { "%1 chứa ký tự không được phép.",
	    "%1 contains characters that are not allowed." },
	[FT_INTEGER] = { "%1 phải là số nguyên.",
	    "%1 must be a whole number." },
	[FT_DECIMAL] = { "%1 phải là số, tối đa 4 chữ số thập phân.",
	    "%1 must be a number with at most 4 decimal places." },
	[FT_DATE] = { "%1 phải là ngày hợp lệ.", "%1 must be a valid date." },
	[FT_CCCD] = { "%1 phải là số căn cước công dân hợp lệ gồm 12 chữ số.",
	    "%1 must be a valid 12-digit citizen ID number." },
	[FT_PHONE] = { "%1 phải là số điện thoại di động Việt Nam gồm 10 "
	    "chữ số.", "%1 must be a Vietnamese mobile number of 10 digits." },
	[FT_EMAIL] = { "%1 không phải là địa chỉ thư điện tử hợp lệ.",
	    "%1 is not a valid email address." },
	[FT_UNIT] = { "%1: mã đơn vị không hợp lệ.",
	    "%1: not a valid unit code." },
	[FT_FILE] = { "%1: tệp hoặc tên tệp không hợp lệ.",
	    "%1: the file or its name is not valid." },
};

static const struct tmpl date_bounds[2] = {
	{ "%1 không được trước ngày %2.", "%1 must not be before %2." },
	{ "%1 không được sau ngày %2.", "%1 must not be after %2." },
};

/* tmpl with %1 and %2 replaced. */
static const char *
fill(struct arena *a, const char *tmpl, const char *a1, const char *a2)
{
	const char	*arg, *t;
	size_t		 len = 0, n;
	char		*buf, *p;

	for (t = tmpl; *t != '\0'; t++)
		if (t[0] == '%' && (t[1] == '1' || t[1] == '2'))
			len += strlen(*++t == '1' ? a1 : a2);
		else
			len++;
	p = buf = arena_alloc(a, len + 1);
	for (t = tmpl; *t != '\0'; t++)
		if (t[0] == '%' && (t[1] == '1' || t[1] == '2')) {
			arg = *++t == '1' ? a1 : a2;
			n = strlen(arg);
			memcpy(p, arg, n);
			p += n;
		} else
			*p++ = *t;
	*p = '\0';
	return buf;
}

/* A bound as people write it: dates 31/12/2025 in Vietnamese and
 * 2025-12-31 in English, decimals with a comma in Vietnamese. */
static void
bound_text(const struct field *fl, int64_t v, char vi[32], char en[32])
{
	size_t	i;

	switch (fl->type) {
	case FT_DATE:
		date_format(v, en);
		memcpy(vi, en + 8, 2);
		vi[2] = '/';
		memcpy(vi + 3, en + 5, 2);
		vi[5] = '/';
		memcpy(vi + 6, en, 4);
		vi[10] = '\0';
		return;
	case FT_DECIMAL:
		fmt_dec(v, en);
		break;
	default:
		fmt_int(v, en);
		break;
	}
	memcpy(vi, en, 32);
	for (i = 0; vi[i] != '\0'; i++)
		if (vi[i] == '.')
			vi[i] = ',';
}

/* 5242880 -> "5 MB"; sizes that are no whole unit in bytes. */
static void
size_text(size_t n, char *vi, char *en)
{
	const char	*uvi = " byte", *uen = " bytes";
	size_t		 len;

	if (n >= 1024 * 1024 && n % (1024 * 1024) == 0) {
		n /= 1024 * 1024;
		uvi = uen = " MB";
	} else if (n >= 1024 && n % 1024 == 0) {
		n /= 1024;
		uvi = uen = " KB";
	} else if (n == 1)
		uen = " byte";
	len = fmt_int((int64_t)n, vi);
	memcpy(en, vi, len);
	strcpy(vi + len, uvi);
	strcpy(en + len, uen);
}

static void
accept_text(const struct field *fl, char *buf, size_t sz)
{
	const char	*s;
	size_t		 i, len = 0, n;

	buf[0] = '\0';
	for (i = 0; i < fl->naccept; i++) {
		if ((s = mime_short(fl->accept[i])) == NULL)
			s = fl->accept[i];
		n = strlen(s);
		if (len + n + 3 > sz)
			break;
		if (i > 0) {
			memcpy(buf + len, ", ", 2);
			len += 2;
		}
		memcpy(buf + len, s, n + 1);
		len += n;
	}
}

/* Append s to buf[0..*len) if it fits in sz with its NUL; 0 or -1. */
static int
cat(char *buf, size_t *len, size_t sz, const char *s)
{
	size_t	n = strlen(s);

	if (*len + n + 1 > sz)
		return -1;
	memcpy(buf + *len, s, n + 1);
	*len += n;
	return 0;
}

/* ".pdf for PDF, .jpg, .jpeg or .jfif for JPEG": the extensions of the
 * accepted types, in both languages (the accepted list, if too long). */
static void
ext_text(const struct field *fl, char *vi, char *en, size_t sz)
{
	const char *const *x;
	const char	 *name;
	size_t		  i, k, n, lv = 0, le = 0;
	int		  rc = 0;

	vi[0] = en[0] = '\0';
	for (i = 0; i < fl->naccept && rc == 0; i++) {
		if ((x = mime_exts(fl->accept[i])) == NULL ||
		    (name = mime_short(fl->accept[i])) == NULL)
			continue;
		for (n = 0; x[n] != NULL; n++)
			continue;
		if (lv > 0)
			rc |= cat(vi, &lv, sz, ", ") | cat(en, &le, sz, ", ");
		for (k = 0; k < n; k++) {
			if (k > 0 && k + 1 == n)
				rc |= cat(vi, &lv, sz, " hoặc ") |
				    cat(en, &le, sz, " or ");
			else if (k > 0)
				rc |= cat(vi, &lv, sz, ", ") |
				    cat(en, &le, sz, ", ");
			rc |= cat(vi, &lv, sz, ".") | cat(vi, &lv, sz, x[k]) |
			    cat(en, &le, sz, ".") | cat(en, &le, sz, x[k]);
		}
		rc |= cat(vi, &lv, sz, " cho ") | cat(vi, &lv, sz, name) |
		    cat(en, &le, sz, " for ") | cat(en, &le, sz, name);
	}
	if (rc != 0) {
		accept_text(fl, vi, sz);
		memcpy(en, vi, sz);
	}
}

void
rule_message(struct arena *a, const struct field *fl, enum rule r,
    const char **vi, const char **en)
{
	const struct tmpl *t = &generic[r];
	char		 pvi[192], pen[192];

	if (fl->msg[r].vi != NULL && fl->msg[r].en != NULL) {
		*vi = fl->msg[r].vi;
		*en = fl->msg[r].en;
		return;
	}
	pvi[0] = '\0';
	switch (r) {
	case RULE_REQUIRED:
		if (required_by_type[fl->type].vi != NULL)
			t = &required_by_type[fl->type];
		break;
	case RULE_TYPE:
		if (type_by_type[fl->type].vi != NULL)
			t = &type_by_type[fl->type];
		break;
	case RULE_MINLEN:
	case RULE_MAXLEN:
		fmt_int((int64_t)(r == RULE_MINLEN ? fl->minlen :
		    fl->maxlen ? fl->maxlen : fl->type == FT_TEXT ?
		    TEXT_MAX_CHARS : TEXTAREA_MAX_CHARS), pvi);
		break;
	case RULE_MIN:
	case RULE_MAX:
		bound_text(fl, r == RULE_MIN ? fl->min : fl->max, pvi, pen);
		if (fl->type == FT_DATE)
			t = &date_bounds[r == RULE_MAX];
		break;
	case RULE_FILE_TYPE:
		accept_text(fl, pvi, sizeof(pvi));
		break;
	case RULE_FILE_SIZE:
		size_text(fl->max_size, pvi, pen);
		break;
	case RULE_FILE_COUNT:
		fmt_int((int64_t)fl->max_count, pvi);
		break;
	case RULE_FILE_EXTENSION:
		ext_text(fl, pvi, pen, sizeof(pvi));
		break;
	default:
		break;
	}
	if (r != RULE_MIN && r != RULE_MAX && r != RULE_FILE_SIZE &&
	    r != RULE_FILE_EXTENSION)
		memcpy(pen, pvi, sizeof(pen));
	*vi = fill(a, t->vi, fl->label.vi ? fl->label.vi : fl->id, pvi);
	*en = fill(a, t->en, fl->label.en ? fl->label.en : fl->id, pen);
}
