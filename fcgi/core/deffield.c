/*
 * deffield.c - one field of a form: its type, labels, the attributes
 * that fit its type, bounds, pattern, options, prefill and messages;
 * then, once every field is read, prefill keys and required-if guards
 * (they need the whole form).  Every problem is reported.  Called by
 * defform.c; it calls only defxml.c, the lookups and guard_compile().
 */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/xml.h"
#include "core/defform_int.h"
#include "core/guard.h"
#include "core/validate_int.h"

#define FIELD_MAX_CHARS		100000	/* minlength, maxlength */
#define FIELD_MAX_FILES		20	/* max-count */

#define T(t)		(1u << (t))
#define T_TEXTS		(T(FT_TEXT) | T(FT_TEXTAREA))
#define T_ORDERED	(T(FT_INTEGER) | T(FT_DECIMAL) | T(FT_DATE))
#define T_CHOICE	(T(FT_SELECT) | T(FT_RADIO) | T(FT_CHECKBOX))

/* Attributes that fit only some field types. */
static const struct typed_attr {
	const char	*name;
	unsigned	 types;
	const char	*which;		/* for the message */
} typed_attrs[] = {
	{ "minlength",	T_TEXTS,	"text and textarea" },
	{ "maxlength",	T_TEXTS,	"text and textarea" },
	{ "pattern",	T_TEXTS,	"text and textarea" },
	{ "min",	T_ORDERED,	"integer, decimal and date" },
	{ "max",	T_ORDERED,	"integer, decimal and date" },
	{ "unit-kind",	T(FT_UNIT),	"unit" },
	{ "accept",	T(FT_FILE),	"file" },
	{ "max-size",	T(FT_FILE),	"file" },
	{ "max-count",	T(FT_FILE),	"file" },
};

/*
 * The records a server prefills fields from, so that the citizen is
 * not asked again for what the state holds (Decree 45/2020/NĐ-CP): the
 * applicant's identity account, and the school's record of a student,
 * found by a text field holding the student code.
 */
#define PREFILL_MAX_COLUMNS	4

static const struct prefill_source {
	const char	*name;
	int		 keyed;
	struct {
		const char	*name;
		enum ftype	 type;
	}		 columns[PREFILL_MAX_COLUMNS];
} prefill_sources[] = {
	{ "applicant", 0, {
		{ "full_name", FT_TEXT }, { "cccd", FT_CCCD },
		{ "phone", FT_PHONE }, { "email", FT_EMAIL } } },
	{ "student", 1, {
		{ "full_name", FT_TEXT }, { "date_of_birth", FT_DATE },
		{ "school", FT_UNIT }, { "grade", FT_INTEGER } } },
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* "true" 1, else 0 (the schema allows only true and false). */
static int
flag(xmlNodePtr n, const char *name)
{
	char	*v;
	int	 on;

	v = xml_attr(n, name);
	on = v != NULL && strcmp(v, "true") == 0;
	xmlFree(v);
	return on;
}

/* A count attribute in [lo, hi]; 0 if absent or after a diagnostic. */
static size_t
count_attr(struct fc *c, xmlNodePtr n, const char *name, size_t lo,
    size_t hi, const char *what)
{
	char	*v, *p;
	size_t	 x = 0;

	if ((v = xml_attr(n, name)) == NULL)
		return 0;
	for (p = v; *p >= '0' && *p <= '9' && x <= hi; p++)
		x = x * 10 + (size_t)(*p - '0');
	if (*p != '\0' || p == v || x < lo || x > hi) {
		diags_add(c->d, c->file, n->line, "%s: %s=\"%s\" is not a "
		    "number from %zu to %zu", what, name, v, lo, hi);
		x = 0;
	}
	xmlFree(v);
	return x;
}

/* min or max, parsed as the field's type. */
static int
bound_attr(struct fc *c, xmlNodePtr n, struct field *fl, const char *name,
    int64_t *out, const char *what)
{
	static const char *const as[FT__MAX] = {
		[FT_INTEGER] = "an integer",
		[FT_DECIMAL] = "a decimal with up to 4 places",
		[FT_DATE] = "a date YYYY-MM-DD",
	};
	char	*v;
	size_t	 len;
	int	 rc;

	if ((v = xml_attr(n, name)) == NULL)
		return 0;
	len = strlen(v);
	switch (fl->type) {
	case FT_INTEGER:
		rc = parse_int(v, len, out);
		break;
	case FT_DECIMAL:
		rc = parse_dec(v, len, out);
		break;
	case FT_DATE:
		rc = date_parse(v, len, out);
		break;
	default:
		abort();
	}
	if (rc == -1)
		diags_add(c->d, c->file, n->line, "%s: %s=\"%s\" is not %s",
		    what, name, v, as[fl->type]);
	xmlFree(v);
	return rc == 0;
}

static void
compile_pattern(struct fc *c, xmlNodePtr n, struct field *fl,
    const char *what)
{
	regex_t	*re;
	char	*src, err[256];
	int	 rc;

	if ((fl->pattern_src = def_attr(c->defs, n, "pattern")) == NULL)
		return;
	src = arena_printf(def_pool(c->defs), "^(%s)$", fl->pattern_src);
	if ((re = malloc(sizeof(*re))) == NULL)
		abort();
	if ((rc = regcomp(re, src, REG_EXTENDED | REG_NOSUB)) != 0) {
		regerror(rc, re, err, sizeof(err));
		diags_add(c->d, c->file, n->line, "%s: pattern: %s", what,
		    err);
		free(re);
		return;
	}
	fl->pattern = re;
}

static void
compile_accept(struct fc *c, xmlNodePtr n, struct field *fl,
    const char *what)
{
	char	*list, *p, *tok;
	size_t	 i, cap;

	if ((list = def_attr(c->defs, n, "accept")) == NULL) {
		diags_add(c->d, c->file, n->line, "%s: a file field needs "
		    "accept", what);
		return;
	}
	cap = strlen(list) / 2 + 1;
	fl->accept = arena_calloc(def_pool(c->defs), cap, sizeof(char *));
	for (p = list; (tok = strtok_r(p, " \t\r\n", &p)) != NULL;) {
		if (mime_short(tok) == NULL) {
			diags_add(c->d, c->file, n->line, "%s: accept: %s is "
			    "not a type recognised by content", what, tok);
			continue;
		}
		for (i = 0; i < fl->naccept; i++)
			if (strcmp(fl->accept[i], tok) == 0)
				break;
		if (i < fl->naccept)
			diags_add(c->d, c->file, n->line, "%s: accept: %s "
			    "given twice", what, tok);
		else
			fl->accept[fl->naccept++] = tok;
	}
}

static void
compile_options(struct fc *c, xmlNodePtr n, struct field *fl,
    const char *what)
{
	xmlNodePtr	 o;
	struct option	*opt;
	char		 owhat[160];
	size_t		 nopt = 0, i;

	for (o = xml_first(n); o != NULL; o = xml_next(o))
		if (xml_is(o, "option"))
			nopt++;
	if (nopt == 0) {
		if (T(fl->type) & T_CHOICE)
			diags_add(c->d, c->file, n->line, "%s: a %s field "
			    "needs options", what, ftype_names[fl->type]);
		return;
	}
	if (!(T(fl->type) & T_CHOICE)) {
		diags_add(c->d, c->file, n->line, "%s: options apply only to "
		    "select, radio and checkbox fields", what);
		return;
	}
	fl->options = arena_calloc(def_pool(c->defs), nopt, sizeof(*opt));
	for (o = xml_first(n); o != NULL; o = xml_next(o)) {
		if (!xml_is(o, "option"))
			continue;
		opt = &fl->options[fl->noptions];
		if ((opt->value = def_attr(c->defs, o, "value")) == NULL) {
			diags_add(c->d, c->file, o->line, "%s: an option "
			    "without value", what);
			continue;
		}
		snprintf(owhat, sizeof(owhat), "%s: option \"%s\"", what,
		    opt->value);
		opt->label = form_texts(c, o, "label", 0, owhat);
		for (i = 0; i < fl->noptions; i++)
			if (strcmp(fl->options[i].value, opt->value) == 0)
				break;
		if (i < fl->noptions)
			diags_add(c->d, c->file, o->line, "%s: given twice",
			    owhat);
		else
			fl->noptions++;
	}
}

static void
compile_prefill(struct fc *c, xmlNodePtr n, size_t k, const char *what)
{
	struct field	*fl = &c->f->fields[k];
	const struct prefill_source *src = NULL;
	xmlNodePtr	 p;
	struct prefill	*pf;
	const char	*key;
	size_t		 i;

	if ((p = xml_child(n, "prefill")) == NULL)
		return;
	pf = arena_calloc(def_pool(c->defs), 1, sizeof(*pf));
	pf->source = def_attr(c->defs, p, "source");
	pf->column = def_attr(c->defs, p, "column");
	pf->key = DEF_NONE;
	fl->prefill = pf;
	key = def_attr(c->defs, p, "key");
	if (pf->source == NULL || pf->column == NULL) {
		diags_add(c->d, c->file, p->line, "%s: prefill needs source "
		    "and column", what);
		return;
	}
	for (i = 0; i < NELEM(prefill_sources); i++)
		if (strcmp(prefill_sources[i].name, pf->source) == 0)
			src = &prefill_sources[i];
	if (src == NULL) {
		diags_add(c->d, c->file, p->line, "%s: prefill: no source "
		    "\"%s\"", what, pf->source);
		return;
	}
	for (i = 0; i < PREFILL_MAX_COLUMNS; i++)
		if (src->columns[i].name != NULL &&
		    strcmp(src->columns[i].name, pf->column) == 0)
			break;
	if (i == PREFILL_MAX_COLUMNS)
		diags_add(c->d, c->file, p->line, "%s: prefill: source %s "
		    "has no column \"%s\"", what, src->name, pf->column);
	else if (src->columns[i].type != fl->type)
		diags_add(c->d, c->file, p->line, "%s: prefill: %s.%s fills "
		    "a %s field, not a %s field", what, src->name,
		    pf->column, ftype_names[src->columns[i].type],
		    ftype_names[fl->type]);
	if (src->keyed && key == NULL)
		diags_add(c->d, c->file, p->line, "%s: prefill: source %s "
		    "needs a key field", what, src->name);
	else if (!src->keyed && key != NULL)
		diags_add(c->d, c->file, p->line, "%s: prefill: source %s "
		    "takes no key", what, src->name);
	c->key[k] = src->keyed ? key : NULL;
}

/* Custom messages: <message rule="…" lang="…">, each rule in both
 * languages or none. */
static void
compile_messages(struct fc *c, xmlNodePtr n, struct field *fl,
    const char *what)
{
	xmlNodePtr	 m;
	char		*rule, *lang;
	const char	**slot;
	size_t		 r;

	for (m = xml_first(n); m != NULL; m = xml_next(m)) {
		if (!xml_is(m, "message"))
			continue;
		rule = xml_attr(m, "rule");
		lang = xml_attr(m, "lang");
		for (r = 0; r < RULE__MAX; r++)
			if (rule != NULL && strcmp(rule, rule_names[r]) == 0)
				break;
		if (r == RULE__MAX || lang == NULL)
			slot = NULL;	/* the schema reports it */
		else if (strcmp(lang, "vi") == 0)
			slot = &fl->msg[r].vi;
		else if (strcmp(lang, "en") == 0)
			slot = &fl->msg[r].en;
		else
			slot = NULL;
		if (slot != NULL && *slot != NULL)
			diags_add(c->d, c->file, m->line, "%s: message for "
			    "%s in %s given twice", what, rule, lang);
		else if (slot != NULL) {
			xmlChar *txt = xmlNodeGetContent(m);

			if (txt == NULL || def_blank((const char *)txt))
				diags_add(c->d, c->file, m->line, "%s: message "
				    "for %s in %s is blank", what, rule, lang);
			else
				*slot = def_strdup(c->defs, (char *)txt);
			xmlFree(txt);
		}
		xmlFree(rule);
		xmlFree(lang);
	}
}

/* Can a value of this field break this rule? */
static int
rule_applies(const struct field *fl, enum rule r, const char *reqif)
{
	switch (r) {
	case RULE_REQUIRED:
		return fl->required || reqif != NULL;
	case RULE_TYPE:
		return 1;
	case RULE_PATTERN:
		return fl->pattern_src != NULL;
	case RULE_MINLEN:
		return fl->minlen > 0;
	case RULE_MAXLEN:
		return (T(fl->type) & T_TEXTS) != 0;
	case RULE_MIN:
		return fl->has_min;
	case RULE_MAX:
		return fl->has_max;
	case RULE_OPTION:
		return (T(fl->type) & T_CHOICE) != 0;
	case RULE_FILE_TYPE:
	case RULE_FILE_SIZE:
	case RULE_FILE_COUNT:
	case RULE_FILE_NAME:
	case RULE_FILE_EXTENSION:
		return fl->type == FT_FILE;
	case RULE_UNIT:
		return fl->type == FT_UNIT;
	default:
		abort();
	}
}

static void
check_messages(struct fc *c, const struct field *fl, const char *reqif,
    const char *what)
{
	size_t	r;

	for (r = 0; r < RULE__MAX; r++) {
		if (fl->msg[r].vi == NULL && fl->msg[r].en == NULL)
			continue;
		if (fl->msg[r].vi == NULL || fl->msg[r].en == NULL)
			diags_add(c->d, c->file, fl->line, "%s: message for "
			    "%s has no %s text", what, rule_names[r],
			    fl->msg[r].vi == NULL ? "vi" : "en");
		if (fl->readonly || !rule_applies(fl, (enum rule)r, reqif))
			diags_add(c->d, c->file, fl->line, "%s: message for "
			    "%s, a rule this field cannot break", what,
			    rule_names[r]);
	}
}

void
field_compile(struct fc *c, xmlNodePtr n, size_t sec, size_t k)
{
	struct field	*fl = &c->f->fields[k];
	char		 what[96], *type, *uk;
	size_t		 i;

	fl->section = sec;
	fl->line = n->line;
	if ((fl->id = def_attr(c->defs, n, "id")) == NULL)
		fl->id = "";
	snprintf(what, sizeof(what), "field \"%s\"", fl->id);
	for (i = 0; i < k; i++)
		if (strcmp(c->f->fields[i].id, fl->id) == 0)
			diags_add(c->d, c->file, n->line, "%s: declared twice "
			    "(first at line %d)", what, c->f->fields[i].line);
	type = xml_attr(n, "type");
	for (i = 0; i < FT__MAX; i++)
		if (type != NULL && strcmp(type, ftype_names[i]) == 0)
			break;
	xmlFree(type);
	if (i == FT__MAX) {
		diags_add(c->d, c->file, n->line, "%s: no or unknown type",
		    what);
		fl->type = FT_TEXT;
		return;
	}
	fl->type = (enum ftype)i;
	fl->label = form_texts(c, n, "label", 0, what);
	fl->hint = form_texts(c, n, "hint", 1, what);
	fl->required = flag(n, "required");
	fl->readonly = flag(n, "readonly");
	c->reqif[k] = def_attr(c->defs, n, "required-if");

	for (i = 0; i < NELEM(typed_attrs); i++)
		if (xmlHasProp(n, (const xmlChar *)typed_attrs[i].name) &&
		    !(T(fl->type) & typed_attrs[i].types))
			diags_add(c->d, c->file, n->line, "%s: %s applies only "
			    "to %s fields", what, typed_attrs[i].name,
			    typed_attrs[i].which);
	if (T(fl->type) & T_TEXTS) {
		fl->minlen = count_attr(c, n, "minlength", 0,
		    FIELD_MAX_CHARS, what);
		fl->maxlen = count_attr(c, n, "maxlength", 1,
		    FIELD_MAX_CHARS, what);
		if (fl->maxlen > 0 && fl->minlen > fl->maxlen)
			diags_add(c->d, c->file, n->line, "%s: minlength %zu "
			    "is greater than maxlength %zu", what,
			    fl->minlen, fl->maxlen);
		compile_pattern(c, n, fl, what);
	}
	if (T(fl->type) & T_ORDERED) {
		fl->has_min = bound_attr(c, n, fl, "min", &fl->min, what);
		fl->has_max = bound_attr(c, n, fl, "max", &fl->max, what);
		if (fl->has_min && fl->has_max && fl->min > fl->max)
			diags_add(c->d, c->file, n->line, "%s: min is greater "
			    "than max", what);
	}
	if (fl->type == FT_UNIT) {
		uk = xml_attr(n, "unit-kind");
		for (i = 0; i < UK__MAX; i++)
			if (uk != NULL && strcmp(uk, unit_kind_names[i]) == 0)
				break;
		if (i == UK__MAX)
			diags_add(c->d, c->file, n->line, "%s: a unit field "
			    "needs unit-kind", what);
		else
			fl->unit_kind = (enum unit_kind)i;
		xmlFree(uk);
	}
	if (fl->type == FT_FILE) {
		compile_accept(c, n, fl, what);
		if ((fl->max_size = count_attr(c, n, "max-size", 1,
		    999999999, what)) == 0 && !xmlHasProp(n,
		    (const xmlChar *)"max-size"))
			diags_add(c->d, c->file, n->line, "%s: a file field "
			    "needs max-size", what);
		if ((fl->max_count = count_attr(c, n, "max-count", 1,
		    FIELD_MAX_FILES, what)) == 0)
			fl->max_count = 1;
	}
	compile_options(c, n, fl, what);
	compile_prefill(c, n, k, what);
	compile_messages(c, n, fl, what);

	if (fl->required && c->reqif[k] != NULL)
		diags_add(c->d, c->file, n->line, "%s: required and "
		    "required-if together", what);
	if (fl->readonly && fl->prefill == NULL)
		diags_add(c->d, c->file, n->line, "%s: readonly without "
		    "prefill: nothing would fill it", what);
	if (fl->readonly && (fl->required || c->reqif[k] != NULL))
		diags_add(c->d, c->file, n->line, "%s: readonly and required: "
		    "the server fills it, the applicant cannot", what);
	check_messages(c, fl, c->reqif[k], what);
}

void
fields_finish(struct fc *c)
{
	struct form	*f = c->f;
	struct field	*fl;
	size_t		 k, key;

	for (k = 0; k < f->nfields; k++) {
		fl = &f->fields[k];
		if (c->key[k] == NULL)
			continue;
		key = form_field(f, c->key[k]);
		if (key == DEF_NONE)
			diags_add(c->d, c->file, fl->line, "field \"%s\": "
			    "prefill key \"%s\" is not a field", fl->id,
			    c->key[k]);
		else if (key == k || f->fields[key].type != FT_TEXT ||
		    f->fields[key].readonly)
			diags_add(c->d, c->file, fl->line, "field \"%s\": "
			    "prefill key \"%s\" must be another, editable "
			    "text field", fl->id, c->key[k]);
		else
			fl->prefill->key = key;
	}
	for (k = 0; k < f->nfields; k++)
		if (c->reqif[k] != NULL)
			f->fields[k].required_if = guard_compile(c->reqif[k],
			    f, c->file, f->fields[k].line, c->d);
}
