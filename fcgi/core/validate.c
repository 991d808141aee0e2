/*
 * validate.c - validate_form(): submitted inputs -> a typed record and
 * its normalised JSON, or field errors.
 *
 * Three passes, all memory from the arena: inputs are matched to fields
 * by name (unknown names are errors); each field's values are checked
 * by the checker of its type (a table) into the record; then
 * required-if guards are evaluated over the whole record.  Errors are
 * listed in form order, one per field (the first rule it breaks), after
 * unknown names.  Readonly fields are filled by the server from
 * records: whatever is submitted for them is ignored.
 */
#include <regex.h>
#include <string.h>

#include "base/arena.h"
#include "base/hash.h"
#include "base/utf8.h"
#include "core/guard.h"
#include "core/validate.h"
#include "core/validate_int.h"

#define OK	RULE__MAX	/* no rule broken */

struct vctx {
	struct arena	*a;
	const struct form *f;
	const struct input *in;
	size_t		*first;		/* per field: first input, or n */
	size_t		*count;		/* per field: how many inputs */
	size_t		*next;		/* per input: next of its field */
	struct value	*rec;
	struct vfile	**files;	/* per field: attachments */
	int		(*unit_ok)(void *, enum unit_kind, const char *);
	void		*arg;
};

typedef enum rule (*checker)(struct vctx *, const struct field *,
    const char *s, size_t len, struct value *);

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void
trim(const char **s, size_t *len)
{
	while (*len > 0 && is_space(**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && is_space((*s)[*len - 1]))
		(*len)--;
}

static void
set_str(struct value *v, const char *s, size_t len)
{
	v->type = V_STR;
	v->s = s;
	v->len = len;
}

static enum rule
bounds(const struct field *fl, int64_t x)
{
	if (fl->has_min && x < fl->min)
		return RULE_MIN;
	if (fl->has_max && x > fl->max)
		return RULE_MAX;
	return OK;
}

/*
 * text and textarea: in NFC (base/utf8.h), lengths in characters (code
 * points) of that.  A text field is one line that people read as it is
 * shown (a full name, a purpose): utf8_name(), which also refuses the
 * invisible and direction-changing characters.  A textarea keeps its
 * tabs and line breaks.
 */
static enum rule
check_text(struct vctx *c, const struct field *fl, const char *s,
    size_t len, struct value *v)
{
	size_t	 max, chars = 0, i, n = 0;
	char	*buf;

	max = fl->maxlen ? fl->maxlen : fl->type == FT_TEXT ?
	    TEXT_MAX_CHARS : TEXTAREA_MAX_CHARS;
	/* Absurd input, refused before reading it: decomposed, a
	 * character may take 9 bytes (a Hangul syllable as 3 jamo). */
	if (len / 9 > max)
		return RULE_MAXLEN;
	if (fl->type == FT_TEXT ? !utf8_name(s, len) : !utf8_text(s, len))
		return RULE_TYPE;
	buf = arena_alloc(c->a, len + 1);
	for (i = 0; i < len; i++) {
		if (s[i] == '\r' || s[i] == '\n') {
			if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
				i++;
			buf[n++] = '\n';	/* CRLF and CR -> LF */
		} else
			buf[n++] = s[i];
	}
	buf[n] = '\0';
	buf = utf8_nfc(c->a, buf, n, &n);
	for (i = 0, chars = 0; i < n; i++)
		chars += ((unsigned char)buf[i] & 0xC0) != 0x80;
	if (chars < fl->minlen)
		return RULE_MINLEN;
	if (chars > max)
		return RULE_MAXLEN;
	if (fl->pattern != NULL && regexec(fl->pattern, buf, 0, NULL, 0) != 0)
		return RULE_PATTERN;
	set_str(v, buf, n);
	return OK;
}

static enum rule
check_integer(struct vctx *c, const struct field *fl, const char *s,
    size_t len, struct value *v)
{
	(void)c;
	if (parse_int(s, len, &v->i) == -1)
		return RULE_TYPE;
	v->type = V_INT;
	return bounds(fl, v->i);
}

static enum rule
check_decimal(struct vctx *c, const struct field *fl, const char *s,
    size_t len, struct value *v)
{
	(void)c;
	if (parse_dec(s, len, &v->i) == -1)
		return RULE_TYPE;
	v->type = V_DEC;
	return bounds(fl, v->i);
}

static enum rule
check_date(struct vctx *c, const struct field *fl, const char *s,
    size_t len, struct value *v)
{
	(void)c;
	if (date_parse(s, len, &v->i) == -1)
		return RULE_TYPE;
	v->type = V_DATE;
	return bounds(fl, v->i);
}

static size_t
option_index(const struct field *fl, const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < fl->noptions; i++)
		if (strlen(fl->options[i].value) == len &&
		    memcmp(fl->options[i].value, s, len) == 0)
			return i;
	return DEF_NONE;
}

/* select and radio: the option's own string, from the definitions. */
static enum rule
check_choice(struct vctx *c, const struct field *fl, const char *s,
    size_t len, struct value *v)
{
	size_t	o;

	(void)c;
	if ((o = option_index(fl, s, len)) == DEF_NONE)
		return RULE_OPTION;
	set_str(v, fl->options[o].value, len);
	return OK;
}

static enum rule
check_boolean(struct vctx *c, const struct field *fl, const char *s,
    size_t len, struct value *v)
{
	static const struct {
		const char	*s;
		int		 on;
	} spellings[] = {
		{ "true", 1 }, { "false", 0 }, { "on", 1 }, { "1", 1 },
		{ "0", 0 },
	};
	size_t	i;

	(void)c;
	(void)fl;
	for (i = 0; i < sizeof(spellings) / sizeof(spellings[0]); i++)
		if (strlen(spellings[i].s) == len &&
		    memcmp(spellings[i].s, s, len) == 0) {
			v->type = V_BOOL;
			v->i = spellings[i].on;
			return OK;
		}
	return RULE_TYPE;
}

static enum rule
check_cccd_field(struct vctx *c, const struct field *fl, const char *s,
    size_t len, struct value *v)
{
	(void)fl;
	if (check_cccd(s, len) == -1)
		return RULE_TYPE;
	set_str(v, arena_strndup(c->a, s, len), len);
	return OK;
}

static enum rule
check_phone(struct vctx *c, const struct field *fl, const char *s,
    size_t len, struct value *v)
{
	char	*out;

	(void)fl;
	out = arena_alloc(c->a, 13);
	if (normalize_phone(s, len, out) == -1)
		return RULE_TYPE;
	set_str(v, out, 12);
	return OK;
}

static enum rule
check_email(struct vctx *c, const struct field *fl, const char *s,
    size_t len, struct value *v)
{
	char	*out;

	(void)fl;
	if (len > EMAIL_MAX)
		return RULE_TYPE;
	out = arena_alloc(c->a, len + 1);
	if (email_normalize(s, len, out) == -1)
		return RULE_TYPE;
	set_str(v, out, len);
	return OK;
}

static enum rule
check_unit(struct vctx *c, const struct field *fl, const char *s,
    size_t len, struct value *v)
{
	char	*code;

	if (unit_shape(s, len) == -1)
		return RULE_TYPE;
	code = arena_strndup(c->a, s, len);
	if (c->unit_ok != NULL && c->unit_ok(c->arg, fl->unit_kind, code) <= 0)
		return RULE_UNIT;
	set_str(v, code, len);
	return OK;
}

/* Fields of one value; checkbox and file are handled apart. */
static const checker checkers[FT__MAX] = {
	[FT_TEXT] = check_text,
	[FT_TEXTAREA] = check_text,
	[FT_INTEGER] = check_integer,
	[FT_DECIMAL] = check_decimal,
	[FT_DATE] = check_date,
	[FT_SELECT] = check_choice,
	[FT_RADIO] = check_choice,
	[FT_BOOLEAN] = check_boolean,
	[FT_CCCD] = check_cccd_field,
	[FT_PHONE] = check_phone,
	[FT_EMAIL] = check_email,
	[FT_UNIT] = check_unit,
};

static enum rule
check_one(struct vctx *c, size_t k)
{
	const struct field *fl = &c->f->fields[k];
	const struct input *in;
	const char	*s;
	size_t		 len;

	if (c->count[k] > 1)
		return RULE_TYPE;	/* one value expected */
	if (c->count[k] == 1) {
		in = &c->in[c->first[k]];
		if (in->filename != NULL || in->val == NULL)
			return RULE_TYPE;
		s = in->val;
		len = in->len;
		trim(&s, &len);
		if (len > 0)
			return checkers[fl->type](c, fl, s, len, &c->rec[k]);
	}
	if (fl->type == FT_BOOLEAN) {
		/* An unticked box sends nothing: false. */
		c->rec[k].type = V_BOOL;
		c->rec[k].i = 0;
	}
	return OK;
}

/* Checkbox: each value an option, once; listed in option order. */
static enum rule
check_checkbox(struct vctx *c, size_t k)
{
	const struct field *fl = &c->f->fields[k];
	const struct input *in;
	const char	**list, *s;
	unsigned char	*on;
	size_t		 i, o, len, n = 0;

	if (c->count[k] == 0)
		return OK;
	on = arena_calloc(c->a, fl->noptions, 1);
	for (i = c->first[k]; i != DEF_NONE; i = c->next[i]) {
		in = &c->in[i];
		if (in->filename != NULL || in->val == NULL)
			return RULE_TYPE;
		s = in->val;
		len = in->len;
		trim(&s, &len);
		if (len == 0)
			continue;
		if ((o = option_index(fl, s, len)) == DEF_NONE)
			return RULE_OPTION;
		if (on[o])
			return RULE_TYPE;	/* twice */
		on[o] = 1;
		n++;
	}
	if (n == 0)
		return OK;
	list = arena_alloc(c->a, n * sizeof(*list));
	for (o = 0, n = 0; o < fl->noptions; o++)
		if (on[o])
			list[n++] = fl->options[o].value;
	c->rec[k].type = V_LIST;
	c->rec[k].list = list;
	c->rec[k].len = n;
	return OK;
}

/* A file's name without any directory a browser may send. */
static const char *
base_name(const char *name)
{
	const char	*p;

	for (p = name; *p != '\0'; p++)
		if (*p == '/' || *p == '\\')
			name = p + 1;
	return name;
}

/*
 * One file.  Its name is shown to staff and given back with the file
 * on download, where the system that saves it goes by the extension:
 * a PDF kept as "x.html" would open as a web page.  So the name is
 * text a person reads (utf8_name()) and its extension is one of the
 * type found in the content.  Refused, not renamed: the name is the
 * citizen's, and API clients name their files in "data" by it.
 */
static enum rule
check_file(const struct field *fl, const struct input *in, struct vfile *vf)
{
	size_t	 i;

	vf->name = base_name(in->filename);
	vf->namelen = strlen(vf->name);
	if (vf->namelen == 0 || vf->namelen > FILENAME_MAX_BYTES ||
	    !utf8_name(vf->name, vf->namelen))
		return RULE_FILE_NAME;
	if (in->len > fl->max_size)
		return RULE_FILE_SIZE;
	vf->size = in->len;
	if ((vf->mime = sniff_mime(in->val, in->len)) == NULL)
		return RULE_FILE_TYPE;
	for (i = 0; i < fl->naccept; i++)
		if (strcmp(fl->accept[i], vf->mime) == 0)
			break;
	if (i == fl->naccept)
		return RULE_FILE_TYPE;
	if (!mime_ext_ok(vf->mime, vf->name, vf->namelen))
		return RULE_FILE_EXTENSION;
	sha256_hex(in->val, in->len, vf->sha256);
	return OK;
}

/* Files: by content type, size and count. */
static enum rule
check_files(struct vctx *c, size_t k)
{
	const struct field *fl = &c->f->fields[k];
	const struct input *in;
	struct vfile	*vf;
	enum rule	 r;
	size_t		 i, n = 0;

	for (i = c->first[k]; i != DEF_NONE; i = c->next[i]) {
		in = &c->in[i];
		if (in->filename == NULL) {
			if (in->len > 0)
				return RULE_TYPE;	/* text, not a file */
		} else if (in->filename[0] != '\0' || in->len > 0)
			n++;	/* else: a file input left empty */
	}
	if (n == 0)
		return OK;
	if (n > fl->max_count)
		return RULE_FILE_COUNT;
	vf = arena_calloc(c->a, n, sizeof(*vf));
	for (i = c->first[k], n = 0; i != DEF_NONE; i = c->next[i]) {
		in = &c->in[i];
		if (in->filename == NULL ||
		    (in->filename[0] == '\0' && in->len == 0))
			continue;
		if (in->val == NULL ||
		    (r = check_file(fl, in, &vf[n++])) != OK)
			return in->val == NULL ? RULE_TYPE : r;
	}
	c->files[k] = vf;
	c->rec[k].type = V_FILES;
	c->rec[k].i = (int64_t)n;
	return OK;
}

static int
empty(const struct value *v)
{
	return v->type == V_NONE || (v->type == V_BOOL && v->i == 0);
}

/* The field named name, searching from *from on (inputs tend to come in
 * form order). */
static size_t
field_of(const struct form *f, const char *name, size_t *from)
{
	size_t	 j, k;

	if (name == NULL || f->nfields == 0)
		return DEF_NONE;
	for (j = 0, k = *from; j < f->nfields; j++, k++) {
		if (k == f->nfields)
			k = 0;
		if (f->fields[k].id[0] == name[0] &&
		    strcmp(f->fields[k].id, name) == 0) {
			*from = k + 1 == f->nfields ? 0 : k + 1;
			return k;
		}
	}
	return DEF_NONE;
}

static void
add_error(struct arena *a, struct vresult *r, size_t *cap,
    const char *field, enum rule rule, const char *vi, const char *en)
{
	if (r->nerrors == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		r->errors = arena_grow(a, r->errors,
		    r->nerrors * sizeof(*r->errors), *cap * sizeof(*r->errors));
	}
	r->errors[r->nerrors].field = field;
	r->errors[r->nerrors].rule = rule;
	r->errors[r->nerrors].msg_vi = vi;
	r->errors[r->nerrors].msg_en = en;
	r->nerrors++;
}

/* An unknown name, once each; a name that is not clean text is "?". */
static void
unknown(struct arena *a, struct vresult *r, size_t *cap, const char *name)
{
	size_t	i, len;

	len = name != NULL ? strlen(name) : 0;
	if (len == 0 || len > 64 || !utf8_text(name, len))
		name = "?";
	for (i = 0; i < r->nerrors; i++)
		if (strcmp(r->errors[i].field, name) == 0)
			return;
	add_error(a, r, cap, arena_strdup(a, name), RULE_TYPE,
	    "Biểu mẫu không có trường này.", "This form has no such field.");
}

int
validate_form(struct arena *a, const struct form *f, const struct input *in,
    size_t n, int (*unit_ok)(void *, enum unit_kind, const char *),
    void *arg, struct vresult *res)
{
	struct vctx	 c;
	unsigned char	*bad;
	const char	*vi, *en;
	size_t		 nf = f->nfields, i, k, from = 0, cap = 0, *last;
	int		 nbad = 0;

	memset(res, 0, sizeof(*res));
	memset(&c, 0, sizeof(c));
	c.a = a;
	c.f = f;
	c.in = in;
	c.unit_ok = unit_ok;
	c.arg = arg;
	c.rec = arena_calloc(a, nf ? nf : 1, sizeof(*c.rec));
	c.files = arena_calloc(a, nf ? nf : 1, sizeof(*c.files));
	c.count = arena_calloc(a, nf ? nf : 1, 3 * sizeof(size_t));
	c.first = c.count + nf;
	last = c.first + nf;
	c.next = arena_alloc(a, (n ? n : 1) * sizeof(size_t));
	bad = arena_alloc(a, nf ? nf : 1);

	/* 1. Inputs to fields. */
	for (i = 0; i < n; i++) {
		c.next[i] = DEF_NONE;
		if ((k = field_of(f, in[i].name, &from)) == DEF_NONE) {
			unknown(a, res, &cap, in[i].name);
			continue;
		}
		if (c.count[k]++ == 0)
			c.first[k] = i;
		else
			c.next[last[k]] = i;
		last[k] = i;
	}
	for (k = 0; k < nf; k++)
		if (c.count[k] == 0)
			c.first[k] = DEF_NONE;

	/* 2. Values, by type. */
	for (k = 0; k < nf; k++) {
		const struct field *fl = &f->fields[k];

		bad[k] = OK;
		if (fl->readonly)
			continue;	/* the server fills it */
		if (fl->type == FT_CHECKBOX)
			bad[k] = (unsigned char)check_checkbox(&c, k);
		else if (fl->type == FT_FILE)
			bad[k] = (unsigned char)check_files(&c, k);
		else
			bad[k] = (unsigned char)check_one(&c, k);
		if (bad[k] == OK && fl->required && empty(&c.rec[k]))
			bad[k] = RULE_REQUIRED;
		if (bad[k] != OK) {
			memset(&c.rec[k], 0, sizeof(c.rec[k]));
			nbad++;
		}
	}

	/* 3. Conditional rules, over the whole record. */
	for (k = 0; k < nf; k++)
		if (f->fields[k].required_if != NULL && bad[k] == OK &&
		    !f->fields[k].readonly && empty(&c.rec[k]) &&
		    guard_eval(f->fields[k].required_if, c.rec) == 1) {
			bad[k] = RULE_REQUIRED;
			nbad++;
		}

	res->rec = c.rec;
	if (nbad == 0 && res->nerrors == 0) {
		res->json = json_record(a, f, c.rec, c.files, &res->jsonlen);
		return 0;
	}
	for (k = 0; k < nf; k++)
		if (bad[k] != OK) {
			rule_message(a, &f->fields[k], (enum rule)bad[k], &vi,
			    &en);
			add_error(a, res, &cap, f->fields[k].id,
			    (enum rule)bad[k], vi, en);
		}
	return -1;
}
