"""Fees paid online through the VNPay 2.1.0 gateway, against its
simulator (tests/vnpay_sim.py, started by scripts/stack.sh): the copy
of a diploma from the register (a fee per copy) from application to
payment to the department's processing; a notification (IPN) that
repeats, comes twice at once or comes after the return moves the
dossier on exactly once; forged, wrong-amount and wrong-terminal
notifications get their RspCode, are audited and change nothing; the
return page changes nothing; a lost notification is found by
`motcua payments reconcile` through querydr; a withdrawal after payment
is refund-due.  The signature is checked against Python's own hmac and
urllib (docs/payments.md)."""
import hashlib
import hmac
import http.client
import json
import os
import subprocess
import time
import urllib.parse

from lib import (ROOT, VAR, assert_status, binary, check, db_url, eq, get,
                 psql, test, wait_for)
from t_citizen_actions import csrf_of, dossier_page
from t_dossiers import AN, BINH, act, api, get_dossier, submit
from t_pages_citizen import cookie_header, signin
from t_pages_staff import staff_page

import lib
import t_dossiers

SERVICE = "diploma-register-copy"
FEE = 10000                     # đồng per copy (the workflow's)


def setup():
    t_dossiers.setup()


def _env():
    env = {}
    with open(os.path.join(VAR, "stack.env")) as f:
        for ln in f:
            k, _, v = ln.strip().partition("=")
            env[k] = v
    return env


def sim_port():
    with open(os.path.join(VAR, "vnpay.port")) as f:
        return int(f.read().strip())


def secret():
    with open(os.path.join(VAR, "vnpay.secret")) as f:
        return f.read().strip()


def sim(method, path, body=None, ctype=None):
    c = http.client.HTTPConnection("127.0.0.1", sim_port(), timeout=20)
    h = {"Content-Type": ctype} if ctype else {}
    c.request(method, path, body=body, headers=h)
    r = c.getresponse()
    out = (r.status, dict(r.getheaders()), r.read().decode("utf-8"))
    c.close()
    return out


def sim_log(ref):
    st, _, body = sim("GET", "/_sim/log")
    eq(st, 200, "the simulator's log")
    return [e for e in json.loads(body) if e["ref"] == ref]


def fee_dossier(copies=3, who=AN):
    """A copy of a diploma, received by the department's clerk: it
    awaits its fee."""
    d = submit(SERVICE, {"phone": "0912345678", "graduate_name": "Nguyễn Văn An",
                         "graduate_birth_date": "1990-05-01",
                         "credential_kind": "upper-secondary-diploma",
                         "year_awarded": 2008, "copies": copies}, who=who)
    act(d["code"], "receive", "clerk.sgd")
    eq(state(d["code"]), "awaiting_fee", "after reception")
    return d["code"]


def state(code, who=AN):
    return get_dossier(code, who)["state"]["id"]


def start(code, who=AN, status=201):
    r = api("POST", "/api/v1/dossiers/%s/payments" % code, who=who)
    assert_status(r, status, "start a payment of %s" % code)
    return r.json()


def pay(url, mode="normal", choice="pay"):
    """Through the simulator's page: the return URL it redirects to."""
    st, _, _ = sim("POST", "/_sim/mode", json.dumps({"mode": mode}),
                   "application/json")
    eq(st, 200, "mode %s" % mode)
    u = urllib.parse.urlsplit(url)
    st, _, page = sim("GET", u.path + "?" + u.query)
    eq(st, 200, "the gateway's payment page (our signature)")
    ref = dict(urllib.parse.parse_qsl(u.query))["vnp_TxnRef"]
    st, h, _ = sim("POST", "/paymentv2/pay",
                   urllib.parse.urlencode({"ref": ref, "choice": choice}),
                   "application/x-www-form-urlencoded")
    eq(st, 302, "the gateway sends the citizen back")
    return h["Location"]


def paid_events(code):
    return int(psql("SELECT count(*) FROM dossier_events e JOIN dossiers d "
                    "ON d.id = e.dossier_id WHERE d.code = '%s' AND "
                    "e.action = 'paid' AND e.actor_kind = 'system'" % code))


def pay_state(ref):
    return psql("SELECT state FROM payments WHERE txn_ref = '%s'" % ref)


def refused(ref):
    return json.loads(psql(
        "SELECT coalesce(json_agg(detail ORDER BY id), '[]') FROM audit_log "
        "WHERE action = 'payment.ipn.refused' AND object = 'payment:%s'"
        % ref))


def return_page(location):
    u = urllib.parse.urlsplit(location)
    r = get(u.path + "?" + u.query)
    assert_status(r, 200, "the return page")
    return r.body.decode("utf-8")


@test("payments: the fee per copy, application to payment to processing")
def _():
    code = fee_dossier(copies=3)
    # The citizen's page shows the fee and the button.
    page = t_dossiers.api("GET", "/dossiers/" + code, who=AN,
                          headers={"Accept": "text/html"})
    body = page.body.decode("utf-8")
    check("30,000" in body and 'id="pay"' in body,
          "the dossier page shows the fee of 3 copies and a Pay button")
    j = start(code)
    eq(j["amount"], 3 * FEE, "the fee: 3 copies")
    loc = pay(j["url"])
    log = sim_log(j["txn_ref"])
    eq([e["rsp"] for e in log], ["00"], "the IPN confirmed")
    eq(pay_state(j["txn_ref"]), "paid", "payment")
    eq(state(code), "register_check", "moved on by the system")
    eq(paid_events(code), 1, "one 'paid' event")
    html = return_page(loc)
    check('data-outcome="success"' in html and 'data-state="paid"' in html,
          "the return page shows the outcome")
    act(code, "copy_from_register", "specialist.sgd")
    act(code, "return_result", "clerk.sgd")
    eq(state(code), "returned", "the result returned")
    # Nobody may take the system's action.
    r = api("POST", "/api/v1/dossiers/%s/actions/paid" % code, {}, who=AN)
    check(r.status in (403, 409), "the citizen cannot take 'paid' (%d)"
          % r.status)


@test("payments: a repeated IPN moves the dossier on once (02, audited)")
def _():
    code = fee_dossier(copies=1)
    j = start(code)
    pay(j["url"], mode="replay")
    eq([e["rsp"] for e in sim_log(j["txn_ref"])], ["00", "02"], "answers")
    eq(paid_events(code), 1, "one 'paid' event")
    eq([d["why"] for d in refused(j["txn_ref"])], ["not pending"],
       "the replay is audited")


@test("payments: two IPNs at once move the dossier on once")
def _():
    code = fee_dossier(copies=2)
    j = start(code)
    pay(j["url"], mode="concurrent")
    eq(sorted(e["rsp"] for e in sim_log(j["txn_ref"])), ["00", "02"],
       "one confirmed, one already confirmed")
    eq(paid_events(code), 1, "one 'paid' event")
    eq(state(code), "register_check", "moved on")


@test("payments: the return before the IPN changes nothing; the IPN does")
def _():
    code = fee_dossier(copies=1)
    j = start(code)
    loc = pay(j["url"], mode="return-first")
    html = return_page(loc)
    check('data-state="pending"' in html, "the return shows it pending")
    eq(state(code), "awaiting_fee", "the return moved nothing")
    wait_for(lambda: pay_state(j["txn_ref"]) == "paid", 10, "the late IPN")
    eq(paid_events(code), 1, "one 'paid' event")
    # The same return again, and a forged one: nothing changes.
    return_page(loc)
    forged = loc.replace("vnp_ResponseCode=00", "vnp_ResponseCode=24")
    check('data-outcome="invalid"' in return_page(forged),
          "a changed return is not verified")
    eq(paid_events(code), 1, "still one 'paid' event")


@test("payments: forged, wrong-amount and wrong-terminal IPNs are refused")
def _():
    for mode, rsp, why in (("bad-signature", "97", "bad signature"),
                           ("wrong-amount", "04", "amount"),
                           ("wrong-terminal", "01", "another terminal")):
        code = fee_dossier(copies=1)
        j = start(code)
        pay(j["url"], mode=mode)
        eq([e["rsp"] for e in sim_log(j["txn_ref"])], [rsp], mode)
        eq(pay_state(j["txn_ref"]), "pending", "%s: still pending" % mode)
        eq(state(code), "awaiting_fee", "%s: the dossier waits" % mode)
        eq([d["why"] for d in refused(j["txn_ref"])], [why],
           "%s: audited" % mode)
    # An unknown reference, and no parameters at all.
    r = get("/api/v1/payments/vnpay/ipn?vnp_TxnRef=NOSUCHREF0000001")
    eq(r.json()["RspCode"], "97", "unsigned")
    p = {"vnp_Amount": "1000000", "vnp_TmnCode": _env().get(
        "VNPAY_TMN", "MOTCUA01"), "vnp_TxnRef": "NOSUCHREF0000001",
        "vnp_ResponseCode": "00", "vnp_TransactionStatus": "00"}
    c = "&".join("%s=%s" % (k, urllib.parse.quote_plus(p[k]))
                 for k in sorted(p))
    h = hmac.new(secret().encode(), c.encode(), hashlib.sha512).hexdigest()
    r = get("/api/v1/payments/vnpay/ipn?%s&vnp_SecureHash=%s" % (c, h))
    eq(r.json(), {"RspCode": "01", "Message": "Order not found"},
       "an unknown reference")


@test("payments: a lost IPN is found by motcua payments reconcile (querydr)")
def _():
    code = fee_dossier(copies=1)
    j = start(code)
    pay(j["url"], mode="missing")
    eq(sim_log(j["txn_ref"]), [], "no IPN was sent")
    eq(pay_state(j["txn_ref"]), "pending", "pending without its IPN")
    env = dict(os.environ, MOTCUA_ROOT=ROOT, MOTCUA_DATABASE_URL=db_url(),
               MOTCUA_VNPAY_URL="http://127.0.0.1:%d/paymentv2/vpcpay.html"
               % sim_port(),
               MOTCUA_VNPAY_API_URL="http://127.0.0.1:%d/merchant_webapi/"
               "api/transaction" % sim_port(),
               MOTCUA_VNPAY_TMN_CODE="MOTCUA01",
               MOTCUA_VNPAY_SECRET_FILE=os.path.join(VAR, "vnpay.secret"),
               ASAN_OPTIONS="detect_leaks=0")
    for _ in (0, 1):
        p = subprocess.run([binary(), "payments", "reconcile",
                            "--older-than", "0"], env=env,
                           capture_output=True, text=True, timeout=60)
        eq(p.returncode, 0, "reconcile: %s" % p.stderr[-300:])
    eq(pay_state(j["txn_ref"]), "paid", "found through querydr")
    eq(state(code), "register_check", "moved on")
    eq(paid_events(code), 1, "once, though reconcile ran twice")


@test("payments: the payment URL is signed as Python's hmac and urllib say")
def _():
    code = fee_dossier(copies=2)
    j = start(code)
    u = urllib.parse.urlsplit(j["url"])
    q = dict(urllib.parse.parse_qsl(u.query))
    check("vnp_SecureHashType" not in q, "no vnp_SecureHashType (2.1.0)")
    given = q.pop("vnp_SecureHash")
    data = urllib.parse.urlencode(sorted(q.items()),
                                  quote_via=urllib.parse.quote_plus)
    eq(given, hmac.new(secret().encode(), data.encode(),
                       hashlib.sha512).hexdigest(), "vnp_SecureHash")
    eq(q["vnp_Amount"], str(2 * FEE * 100), "VND x 100")
    eq(q["vnp_Version"], "2.1.0", "version")
    check(q["vnp_ReturnUrl"].endswith("/payments/vnpay/return"), "return")
    check(q["vnp_TxnRef"].isalnum(), "reference")


@test("payments: only the applicant of a dossier awaiting its fee pays")
def _():
    code = fee_dossier(copies=1)
    r = api("POST", "/api/v1/dossiers/%s/payments" % code, who=BINH)
    check(r.status in (403, 404), "another citizen (%d)" % r.status)
    j = start(code)
    pay(j["url"])
    start(code, status=409)     # paid: no longer awaiting its fee


@test("payments: the Pay button of the dossier page leads to the gateway")
def _():
    code = fee_dossier(copies=2)
    jar, _ = signin(AN)
    _, _, text = dossier_page(jar, code)
    check('action="/dossiers/%s/pay"' % code in text, "the Pay form")
    r = lib.post("/dossiers/%s/pay" % code, urllib.parse.urlencode(
        {"csrf": csrf_of(jar)}), "application/x-www-form-urlencoded",
        headers={"Cookie": cookie_header(jar), "Accept": "text/html"})
    assert_status(r, 303, "Pay")
    loc = r.header("location", "")
    check(loc.startswith("http://127.0.0.1:%d/paymentv2/vpcpay.html?"
                         % sim_port()), "to the gateway: %r" % loc[:80])
    pay(loc)
    eq(state(code), "register_check", "paid through the page")
    # Without the form's token: refused, no payment opened.
    n = psql("SELECT count(*) FROM payments p JOIN dossiers d ON "
             "d.id = p.dossier_id WHERE d.code = '%s'" % code)
    r = lib.post("/dossiers/%s/pay" % code, "csrf=x",
                 "application/x-www-form-urlencoded",
                 headers={"Cookie": cookie_header(jar), "Accept": "text/html"})
    check(r.status in (400, 403), "no CSRF token (%d)" % r.status)
    eq(psql("SELECT count(*) FROM payments p JOIN dossiers d ON "
            "d.id = p.dossier_id WHERE d.code = '%s'" % code), n, "no payment")


@test("payments: a withdrawal after payment is refund-due, shown to staff")
def _():
    code = fee_dossier(copies=1)
    j = start(code)
    pay(j["url"])
    eq(state(code), "register_check", "paid")
    act(code, "withdraw", AN)
    eq(pay_state(j["txn_ref"]), "refund-due", "the fee is to be refunded")
    p = get_dossier(code, "specialist.sgd")["payments"]
    eq([(x["txn_ref"], x["state"]) for x in p],
       [(j["txn_ref"], "refund-due")], "the API shows it to staff")
    jar, _ = signin("specialist.sgd")
    _, _, text = staff_page("/inbox/" + code, jar)
    check('data-state="refund-due"' in text, "the staff page shows it")
