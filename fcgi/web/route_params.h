/*
 * route_params.h - the parameter tables of the routes (route_params.c),
 * for the route table (routes.c) alone: rp_ and the table's name.
 */
#ifndef MOTCUA_WEB_ROUTE_PARAMS_H
#define MOTCUA_WEB_ROUTE_PARAMS_H

struct param;

extern const struct param rp_diag_echo_query[];
extern const struct param rp_diag_echo_body[];
extern const struct param rp_diag_rls_body[];
extern const struct param rp_diag_sign_body[];
extern const struct param rp_diag_sleep_query[];
extern const struct param rp_units_query[];
extern const struct param rp_report_query[];
extern const struct param rp_report_page_query[];
extern const struct param rp_none[];
extern const struct param rp_page_query[];
extern const struct param rp_lookup_query[];
extern const struct param rp_lookup_body[];
extern const struct param rp_citizens_body[];
extern const struct param rp_sessions_body[];
extern const struct param rp_submit_body[];
extern const struct param rp_dossiers_query[];
extern const struct param rp_action_body[];
extern const struct param rp_api_lookup_query[];
extern const struct param rp_inbox_page_query[];
extern const struct param rp_dossier_page_query[];
extern const struct param rp_staff_act_page_body[];
extern const struct param rp_signin_page_query[];
extern const struct param rp_signin_page_body[];
extern const struct param rp_register_page_body[];
extern const struct param rp_signout_page_body[];
extern const struct param rp_apply_page_body[];
extern const struct param rp_dossier_rate_page_body[];
extern const struct param rp_dossier_act_page_body[];
extern const struct param rp_rating_body[];
extern const struct param rp_audit_query[];
extern const struct param rp_inspect_page_query[];

extern const struct param rp_audit_inclusion_query[];
extern const struct param rp_audit_consistency_query[];
extern const struct param rp_contact_confirm_body[];
extern const struct param rp_lang_body[];

extern const struct param rp_vnpay_query[];
extern const struct param rp_verify_body[];

#endif
