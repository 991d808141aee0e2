-- Records the state already holds about pupils (DOMAIN.md, "Schools"):
-- who they are, where they study, and their grades.  Forms prefill
-- from them (the once-only principle, Decree 45/2020/NĐ-CP): a
-- transcript certification never asks for a name or a grade the
-- school already has.
CREATE TABLE students (
	code		text PRIMARY KEY CHECK (code ~ '^[0-9]{10}$'),
	full_name	text NOT NULL
			CHECK (full_name <> '' AND length(full_name) <= 200),
	date_of_birth	date NOT NULL,
	school_id	bigint REFERENCES units (id),
	grade		int CHECK (grade BETWEEN 1 AND 12)
);

CREATE INDEX students_school_idx ON students (school_id);

-- Scores on the 0-10 scale by school year ("2024-2025") and semester
-- (1, 2; 0 = the whole year).
CREATE TABLE grades (
	student_code	text NOT NULL REFERENCES students (code),
	school_year	text NOT NULL CHECK (school_year ~ '^[0-9]{4}-[0-9]{4}$'
			AND substr(school_year, 6, 4)::int =
			    substr(school_year, 1, 4)::int + 1),
	semester	int NOT NULL CHECK (semester IN (0, 1, 2)),
	subject		text NOT NULL
			CHECK (subject <> '' AND length(subject) <= 100),
	score		numeric(4,2) NOT NULL CHECK (score BETWEEN 0 AND 10),
	PRIMARY KEY (student_code, school_year, semester, subject)
);
