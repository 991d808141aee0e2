-- Units of the education sector (DOMAIN.md, "Schools"): the city's
-- Department of Education and Training, its district offices, and the
-- schools.  Upper secondary schools report to the department; primary
-- and lower secondary schools to their district office.
CREATE TABLE units (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code		text NOT NULL UNIQUE
			CHECK (code ~ '^[0-9A-Z]+(\.[0-9A-Z]+)*$'),
	parent_id	bigint REFERENCES units (id),
	kind		text NOT NULL
			CHECK (kind IN ('department', 'district_office', 'school')),
	school_level	text
			CHECK (school_level IN ('primary', 'lower_secondary',
			    'upper_secondary')),
	name_vi		text NOT NULL CHECK (name_vi <> ''),
	name_en		text NOT NULL CHECK (name_en <> ''),
	CHECK ((kind = 'school') = (school_level IS NOT NULL)),
	CHECK ((kind = 'department') = (parent_id IS NULL))
);

CREATE INDEX units_parent_idx ON units (parent_id);
