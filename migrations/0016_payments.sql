-- Fees paid online through a payment gateway (docs/payments.md).  A
-- payment is one attempt to pay a dossier's fee: our reference
-- (txn_ref, unique, what the gateway echoes), the amount in đồng, and
-- what the gateway said of it.  Only the gateway's server-to-server
-- notification (or reconciliation through querydr) moves it from
-- pending to paid, in one transaction with the dossier's change, its
-- event and its audit entry; a withdrawal after payment marks it
-- refund-due, for staff to refund.
CREATE TABLE payments (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	dossier_id	bigint NOT NULL REFERENCES dossiers (id),
	amount		bigint NOT NULL CHECK (amount > 0),
	txn_ref		text NOT NULL UNIQUE CHECK (txn_ref ~ '^[A-Z0-9]{8,32}$'),
	state		text NOT NULL DEFAULT 'pending' CHECK (state IN
			    ('pending', 'paid', 'failed', 'refund-due')),
	gateway		text NOT NULL DEFAULT 'vnpay',
	order_info	text NOT NULL,
	created_at	timestamptz NOT NULL,
	paid_at		timestamptz,
	refund_due_at	timestamptz,
	gw_transaction_no	text,
	gw_bank_code	text,
	gw_card_type	text,
	gw_response_code	text,
	gw_transaction_status	text,
	gw_pay_date	text,
	CHECK (state IN ('pending', 'failed') OR paid_at IS NOT NULL)
);

CREATE INDEX payments_dossier_idx ON payments (dossier_id, id);
CREATE INDEX payments_pending_idx ON payments (created_at)
	WHERE state = 'pending';

-- Does the dossier have a payment?  For the system's policies below,
-- without a policy of dossiers reading payments and one of payments
-- reading dossiers (PostgreSQL refuses such a circle).
CREATE FUNCTION dossier_has_payment(d bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$ SELECT EXISTS (SELECT 1 FROM payments WHERE dossier_id = d) $$;
REVOKE ALL ON FUNCTION dossier_has_payment(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dossier_has_payment(bigint) TO motcua_web;

-- The server's role: citizens open payments of their own dossiers;
-- the system (the gateway's notification) settles them; a citizen's
-- withdrawal marks a paid one refund-due.  Amount, reference and
-- dossier never change.
GRANT SELECT, INSERT ON payments TO motcua_web;
GRANT UPDATE (state, paid_at, refund_due_at, gw_transaction_no,
    gw_bank_code, gw_card_type, gw_response_code, gw_transaction_status,
    gw_pay_date) ON payments TO motcua_web;

ALTER TABLE payments ENABLE ROW LEVEL SECURITY;

CREATE POLICY payments_see ON payments FOR SELECT TO motcua_web
USING (CASE ctx_kind()
	WHEN 'system' THEN true
	ELSE EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_id) END);

CREATE POLICY payments_open ON payments FOR INSERT TO motcua_web
WITH CHECK (ctx_kind() = 'citizen' AND state = 'pending' AND
    EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_id AND
	d.applicant_id = ctx_user()));

CREATE POLICY payments_settle ON payments FOR UPDATE TO motcua_web
USING (ctx_kind() = 'system' AND state = 'pending')
WITH CHECK (ctx_kind() = 'system' AND state IN ('paid', 'failed',
    'refund-due'));

CREATE POLICY payments_refund ON payments FOR UPDATE TO motcua_web
USING (ctx_kind() = 'citizen' AND state = 'paid' AND
    EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_id AND
	d.applicant_id = ctx_user()))
WITH CHECK (state = 'refund-due');

-- The system's reading and moving on of dossiers, and its own events,
-- are 0015_jobs.sql's policies (dossiers_system_see, _change,
-- events_system_write): the gateway's notification acts as the same
-- system actor as the timers.
