/*
 * report.h - the periodic report on one-stop processing: the columns of
 * form 06 of Circular 01/2020/TT-VPCP ("tình hình, kết quả giải quyết
 * TTHC") and the Decision 766/QĐ-TTg indicators they determine.  Pure:
 * docs/statistics.md defines every figure and the period boundary rule.
 *
 * The input is facts about dossiers, as seen at the end of the period
 * [from, to): a struct report_fact describes n dossiers that share
 * them (the store groups a year of rows into a few hundred facts; a
 * test gives one dossier at a time with n = 1).  report_add counts
 * them into a row's columns; report_rates computes the indicators.
 */
#ifndef MOTCUA_CORE_REPORT_H
#define MOTCUA_CORE_REPORT_H

#include <stdint.h>

/* Channel codes of the national portal. */
enum report_channel {
	CHANNEL_IN_PERSON = 1,
	CHANNEL_ONLINE = 2,
	CHANNEL_POST = 3
};

/* National dossier status codes an outcome is read from. */
#define STATUS_REFUSED		3
#define STATUS_WITHDRAWN	7

/* What n dossiers share, at the end of the period. */
struct report_fact {
	int		 channel;	/* enum report_channel */
	int		 carried;	/* received before the period */
	int		 done;		/* completed before its end */
	int		 status;	/* done: the final status */
	int		 has_due;	/* done: it had a due time */
	int		 day_cmp;	/* done, has_due: the local day it was
					 * completed against the due day:
					 * -1 before, 0 same, 1 after */
	int		 after_due;	/* done: completed after the due time */
	int		 overdue;	/* not done: due before the period's end */
	int		 paused;	/* not done: the clock was paused then */
	int		 supplements;	/* supplement requests before the end,
					 * 2 meaning 2 or more */
	int		 e_result;	/* an electronic result was issued */
	int		 has_fee;	/* a fee was asked (status 6) */
	int		 paid_online;
	int		 files;		/* application files attached */
	int		 rating;	/* enum rating, or -1: not rated */
	int64_t		 work_seconds;	/* done in the period: the sum over the
					 * n of completed - received - closed
					 * pauses */
};

enum report_col {
	RC_RECEIVED,		/* tổng số hồ sơ nhận giải quyết */
	RC_CARRIED,		/* từ kỳ trước chuyển sang */
	RC_NEW,			/* tiếp nhận trong kỳ */
	RC_ONLINE,		/* trực tuyến */
	RC_IN_PERSON,		/* trực tiếp */
	RC_POST,		/* qua dịch vụ bưu chính công ích */
	RC_RESOLVED,		/* đã giải quyết */
	RC_EARLY,		/* trước hạn */
	RC_ON_TIME,		/* đúng hạn */
	RC_LATE,		/* quá hạn */
	RC_IN_PROGRESS,		/* đang giải quyết */
	RC_WITHIN,		/* trong hạn */
	RC_OVERDUE,		/* quá hạn */
	RC_PAUSED,		/* tạm dừng (chờ công dân) */
	RC_WITHDRAWN,		/* công dân rút hồ sơ */
	RC_REFUSED,		/* không được tiếp nhận */
	RC_APOLOGIES,		/* thư xin lỗi phải gửi (Mẫu 04) */
	RC_ONLINE_E_RESULT,	/* new online with an electronic result */
	RC_E_RESULT,		/* resolved with an electronic result */
	RC_WITH_FEE,		/* new with a fee */
	RC_PAID_ONLINE,		/* of those, paid online */
	RC_DIGITISED,		/* resolved with files and the result */
	RC_RATED,		/* resolved and rated */
	RC_DISSATISFIED,	/* of those, not satisfied */
	RC__MAX
};
/* "received", "carried_over", ... (JSON keys and CSV columns). */
extern const char *const report_col_names[RC__MAX];

struct report_row {
	int64_t		 v[RC__MAX];
	int64_t		 work_seconds;	/* of the resolved */
};

enum report_rate {
	RR_ON_TIME,		/* tỷ lệ đúng hạn (766) */
	RR_ONLINE,		/* tỷ lệ hồ sơ trực tuyến */
	RR_E_RESULT,		/* tỷ lệ có kết quả điện tử */
	RR_PAID_ONLINE,		/* tỷ lệ thanh toán trực tuyến */
	RR_DIGITISED,		/* tỷ lệ số hoá */
	RR_SATISFACTION,	/* mức độ hài lòng */
	RR__MAX
};
extern const char *const report_rate_names[RR__MAX];

/* A rate as num / den, and in hundredths of a percent rounded half up
 * (8333 is 83.33%); den 0: no rate (bp -1). */
struct rate {
	int64_t		 num;
	int64_t		 den;
	int64_t		 bp;
};

struct report_rates {
	struct rate	 r[RR__MAX];
	/* Average processing time of the resolved, in hundredths of a
	 * day (pauses not counted); -1 when none was resolved. */
	int64_t		 avg_days_x100;
};

/* Count n dossiers with these facts into row. */
void	report_add(struct report_row *, const struct report_fact *, int64_t n);
/* row += other (a total of rows). */
void	report_sum(struct report_row *, const struct report_row *);
void	report_rates(const struct report_row *, struct report_rates *);
/* Hundredths (a rate's bp, avg_days_x100) as "83.33" in buf (at least
 * REPORT_NUM_MAX bytes): buf, or NULL when x is negative (none). */
#define REPORT_NUM_MAX	24
const char *report_hundredths(int64_t x, char *buf);

#endif
