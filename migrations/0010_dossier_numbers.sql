-- A unit's day goes on past its 9,999th dossier (docs/dossier-codes.md).
-- The number keeps the four digits of UNITCODE-YYMMDD-NNNN up to 9999
-- and then takes as many as it needs, up to eight (99,999,999), never
-- with a leading zero: 10000, not 010000, so that one number has one
-- code.  The format and its limit are core/dossier.h's; these checks
-- say the same, so that nothing else can write a code of another shape.
--
-- The day's counter had the format's old limit, CHECK (last <= 9999):
-- the 10,000th submission of a day broke it and answered 500.  It has
-- no upper limit of its own now: a number the format cannot write is
-- refused before the dossier is stored, and the submission (the counter
-- with it) rolled back and answered 503, "no number left today".
--
-- Both checks only widen, so every row already stored satisfies them.
ALTER TABLE dossier_counters
	DROP CONSTRAINT dossier_counters_last_check,
	ADD CONSTRAINT dossier_counters_last_check CHECK (last >= 1);

ALTER TABLE dossiers
	DROP CONSTRAINT dossiers_code_check,
	ADD CONSTRAINT dossiers_code_check CHECK (code ~
	    '^[0-9A-Z]+(\.[0-9A-Z]+)*-[0-9]{6}-([0-9]{4}|[1-9][0-9]{4,7})$');
