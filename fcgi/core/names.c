/*
 * names.c - the names of the definitions' enums, as written in XML and
 * in messages; indexed by the enums of def.h, wf.h.
 */
#include "core/def.h"
#include "core/wf.h"

const char *const unit_kind_names[UK__MAX] = {
	"department",		/* UK_DEPARTMENT */
	"district-office",	/* UK_DISTRICT_OFFICE */
	"school",		/* UK_SCHOOL */
};

const char *const ftype_names[FT__MAX] = {
	"text", "textarea", "integer", "decimal", "date", "select",
	"radio", "checkbox", "boolean", "cccd", "phone", "email",
	"unit", "file",
};

const char *const rule_names[RULE__MAX] = {
	"required", "type", "pattern", "minlength", "maxlength",
	"min", "max", "option", "file-type", "file-size",
	"file-count", "unit", "file-name", "file-extension",
};

const char *const clock_names[CLOCK__MAX] = {
	"running", "paused", "stopped",
};

const char *const effect_names[EFF__MAX] = {
	"issue-document", "notify-applicant", "request-fee",
};

const char *const wf_refusal_names[WF__MAX] = {
	"ok", "no-such-action", "wrong-state", "final", "role",
	"not-holder", "comment-required", "reason-required", "guard",
};
