/*
 * def.h - compiled definitions: forms, workflows and the catalogue of
 * roles and document kinds, as plain C structs.
 *
 * defs_load() reads the XML of forms/, workflows/ and the catalogue,
 * validates each against its RELAX NG schema (schemas/), checks what a
 * schema cannot (defs_check), and compiles them.  Requests only read
 * these structs; nothing here touches XML after loading.  Everything a
 * struct defs points to is owned by it and freed by defs_free().
 *
 * Indices, not pointers, link things (state and field indices), so that
 * a dossier can store them and tests can build definitions by hand.
 */
#ifndef MOTCUA_DEF_H
#define MOTCUA_DEF_H

#include <stddef.h>
#include <stdint.h>

#include "core/value.h"

#define DEF_NONE	((size_t)-1)
#define DIGEST_LEN	64		/* SHA-256, hex */

struct i18n {
	const char	*vi;
	const char	*en;
};

/* ---- catalogue ---------------------------------------------------- */

enum unit_kind {
	UK_DEPARTMENT,		/* Sở GD&ĐT */
	UK_DISTRICT_OFFICE,	/* Phòng GD&ĐT */
	UK_SCHOOL,
	UK__MAX
};
extern const char *const unit_kind_names[UK__MAX];

#define ROLE_APPLICANT	0	/* built in: the citizen who filed */
#define ROLE_MAX	64	/* roles fit a uint64_t mask */

struct role {
	const char	*id;		/* "clerk", "principal" ... */
	struct i18n	 name;
	unsigned	 unit_kinds;	/* 1 << enum unit_kind where it exists */
};

struct doc_kind {
	const char	*id;		/* "transcript-certificate" ... */
	struct i18n	 name;
	int		 result;	/* a result (-KQn), else a notice */
	const char	*records;	/* records its template needs, or NULL */
	const char	*records_key;	/* the form field keying them */
};

/* ---- forms -------------------------------------------------------- */

enum ftype {
	FT_TEXT, FT_TEXTAREA, FT_INTEGER, FT_DECIMAL, FT_DATE, FT_SELECT,
	FT_RADIO, FT_CHECKBOX, FT_BOOLEAN, FT_CCCD, FT_PHONE, FT_EMAIL,
	FT_UNIT, FT_FILE,
	FT__MAX
};
extern const char *const ftype_names[FT__MAX];

/* Rules a value can break; each may carry its own message.  Files:
 * a name people can read (file-name), a type known by content
 * (file-type) that the name's extension agrees with (file-extension). */
enum rule {
	RULE_REQUIRED, RULE_TYPE, RULE_PATTERN, RULE_MINLEN, RULE_MAXLEN,
	RULE_MIN, RULE_MAX, RULE_OPTION, RULE_FILE_TYPE, RULE_FILE_SIZE,
	RULE_FILE_COUNT, RULE_UNIT, RULE_FILE_NAME, RULE_FILE_EXTENSION,
	RULE__MAX
};
extern const char *const rule_names[RULE__MAX];

struct option {
	const char	*value;
	struct i18n	 label;
};

struct prefill {
	const char	*source;	/* a record source: "student" ... */
	const char	*column;	/* what of it: "full_name" ... */
	size_t		 key;		/* field whose value finds the record */
};

struct guard;				/* core/guard.h */

struct field {
	const char	*id;
	enum ftype	 type;
	size_t		 section;
	struct i18n	 label;
	struct i18n	 hint;
	int		 required;
	struct guard	*required_if;	/* or NULL */
	void		*pattern;	/* compiled regex_t, or NULL */
	const char	*pattern_src;
	size_t		 minlen, maxlen;	/* characters; 0 = none */
	int		 has_min, has_max;
	int64_t		 min, max;	/* integer, DEC_SCALE decimal, date */
	struct option	*options;	/* select, radio, checkbox */
	size_t		 noptions;
	enum unit_kind	 unit_kind;	/* FT_UNIT */
	const char	**accept;	/* FT_FILE: MIME types by content */
	size_t		 naccept;
	size_t		 max_size;	/* FT_FILE: bytes per file */
	size_t		 max_count;	/* FT_FILE: files */
	struct prefill	*prefill;	/* or NULL */
	int		 readonly;	/* prefilled, not editable */
	struct i18n	 msg[RULE__MAX];	/* custom messages or NULLs */
	int		 line;
};

struct section {
	const char	*id;
	struct i18n	 title;
};

struct form {
	const char	*id;
	const char	*file;
	struct i18n	 title;
	struct section	*sections;
	size_t		 nsections;
	struct field	*fields;
	size_t		 nfields;
	char		 digest[DIGEST_LEN + 1];
};

/* ---- workflows ---------------------------------------------------- */

enum clock {
	CLOCK_RUNNING,
	CLOCK_PAUSED,		/* the citizen must act: 5, 6, 8 */
	CLOCK_STOPPED,		/* final */
	CLOCK__MAX
};
extern const char *const clock_names[CLOCK__MAX];

/* Who holds a dossier in a state: a role in some unit. */
enum holder_kind {
	HOLD_APPLICANT,		/* the citizen (supplement, fee) */
	HOLD_KIND,		/* the one unit of a kind: the department */
	HOLD_FIELD,		/* the unit named by a form field */
	HOLD_PARENT_OF_FIELD,	/* the unit above it: its district office */
	HOLD__MAX
};

struct holder {
	enum holder_kind kind;
	size_t		 role;		/* index in catalogue roles */
	enum unit_kind	 unit_kind;	/* HOLD_KIND */
	size_t		 field;		/* HOLD_FIELD, HOLD_PARENT_OF_FIELD */
};

struct state {
	const char	*id;
	struct i18n	 name;
	int		 status;	/* national dossier status 1..10 */
	struct holder	 holder;
	enum clock	 clock;
	int		 initial;
	int		 final;
	int		 line;
};

enum effect_kind {
	EFF_ISSUE_DOCUMENT,	/* arg: document kind */
	EFF_NOTIFY_APPLICANT,	/* arg: message id */
	EFF_REQUEST_FEE,
	EFF__MAX
};
extern const char *const effect_names[EFF__MAX];

struct effect {
	enum effect_kind kind;
	const char	*arg;
	size_t		 doc;		/* EFF_ISSUE_DOCUMENT: catalogue index */
};

#define INPUT_COMMENT	0x01
#define INPUT_REASON	0x02
#define INPUT_FIELDS	0x04	/* supplement: reopens fields */

struct action {
	const char	*id;
	struct i18n	 label;
	size_t		*from;		/* state indices */
	size_t		 nfrom;
	size_t		 to;
	uint64_t	 roles;		/* 1 << role index */
	unsigned	 inputs;	/* INPUT_* required */
	struct guard	*guard;		/* or NULL */
	struct effect	*effects;
	size_t		 neffects;
	int		 system;	/* roles="system": the fee's paid
					 * action, nobody's to take */
	int		 line;
};

enum timer_kind {
	TIMER_REMIND,		/* tell the holder */
	TIMER_ESCALATE,		/* tell the holder's head; mark overdue */
	TIMER__MAX
};

struct timer {
	size_t		 state;
	enum timer_kind	 kind;
	int		 before_due_hours;	/* remind: hours before due */
	int		 after_due_hours;	/* escalate: hours after due */
	size_t		 role;		/* whom it tells in the holding unit:
					 * a catalogue role index; DEF_NONE:
					 * the state's holder role */
};

struct window {			/* inclusive, each year */
	int		 from_month, from_day;
	int		 to_month, to_day;
};

struct workflow {
	const char	*code;		/* "transcript-certification" */
	const char	*catalogue;	/* national catalogue code */
	const char	*file;
	struct i18n	 name;
	struct i18n	 legal_basis;
	const struct form *form;
	int64_t		 fee;		/* đồng, or đồng a unit of fee_per */
	size_t		 fee_per;	/* an integer field, or DEF_NONE */
	size_t		 fee_paid;	/* the action the system takes once
					 * the fee is paid, or DEF_NONE */
	int		 deadline_days;	/* working days, or */
	int		 deadline_hours;	/* working hours */
	struct window	*windows;	/* none: all year */
	size_t		 nwindows;
	struct state	*states;
	size_t		 nstates;
	size_t		 initial;
	struct action	*actions;
	size_t		 nactions;
	struct timer	*timers;
	size_t		 ntimers;
	char		 digest[DIGEST_LEN + 1];	/* with its form's */
	char		*content;	/* the XML of both as JSON (what a
					 * dossier's version is stored with),
					 * kept by the loader of the running
					 * definitions (web/world.c); or NULL */
};

struct defs {
	struct role	 roles[ROLE_MAX];
	size_t		 nroles;
	struct doc_kind	*docs;
	size_t		 ndocs;
	struct form	*forms;
	size_t		 nforms;
	struct workflow	*workflows;
	size_t		 nworkflows;
	void		*pool;		/* owns every string above */
};

/* ---- loading and checking ----------------------------------------- */

/* One diagnostic: file:line: message. */
struct diag {
	const char	*file;
	int		 line;
	char		*msg;
};

struct diags {
	struct diag	*v;
	size_t		 n;
	size_t		 cap;
};

void	diags_add(struct diags *, const char *file, int line,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void	diags_print(const struct diags *, void *FILE_stream);
void	diags_free(struct diags *);

/*
 * Load every definition under the given files and directories
 * (directories: their *.xml), with schemas from schema_dir.  Returns
 * the definitions, or NULL with every diagnostic in *d (not only the
 * first).  Loading never touches the network, expands no entity and
 * loads no DTD.
 */
struct defs	*defs_load(const char *const *paths, size_t npaths,
		    const char *schema_dir, struct diags *d);
void		 defs_free(struct defs *);

const struct workflow *defs_workflow(const struct defs *, const char *code);
const struct form *defs_form(const struct defs *, const char *id);
size_t		 form_field(const struct form *, const char *id);
size_t		 wf_state(const struct workflow *, const char *id);
size_t		 wf_action(const struct workflow *, const char *id);
size_t		 defs_role(const struct defs *, const char *id);

#endif
