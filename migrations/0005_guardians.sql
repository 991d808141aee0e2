-- Who may ask for a pupil's records: the pupil (an adult former pupil,
-- by their own citizen ID) or a parent or guardian.  A dossier's
-- prefill of a pupil's name and date of birth needs such a link to the
-- applicant's citizen ID: a citizen must not learn, or file for, any
-- pupil by guessing a code.
CREATE TABLE student_guardians (
	student_code	text NOT NULL REFERENCES students (code),
	cccd		text NOT NULL CHECK (cccd ~ '^[0-9]{12}$'),
	relation	text NOT NULL
			CHECK (relation IN ('self', 'parent', 'guardian')),
	PRIMARY KEY (student_code, cccd)
);

CREATE INDEX student_guardians_cccd_idx ON student_guardians (cccd);
