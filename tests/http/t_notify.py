"""Notifications (docs/notifications.md): the outbox written with the
event that causes it, delivered by `motcua notify send-due` to the SMTP
sink (tests/smtp_sink.py, a real aiosmtpd server) and the SMS gateway
simulator (tests/sms_sim.py), retried while they fail; and the
confirmation of a citizen's contact, without which no pupil is linked."""
import email
import email.policy
import glob
import json
import os
import random
import subprocess
import urllib.request

from lib import (ROOT, STACK, VAR, assert_problem, assert_status, binary,
                 check, db_url, eq, psql, stack, test, wait_for)
import t_dossiers as D

T0 = "2026-12-01T09:00:00+07:00"


def send_due(now=None, ok=True):
    e = dict(os.environ)
    for line in stack("notify-env").splitlines():
        k, v = line.split("=", 1)
        e[k] = v
    e.update({"MOTCUA_ROOT": ROOT, "MOTCUA_DATABASE_URL": db_url(),
              "ASAN_OPTIONS": "detect_leaks=0"})
    cmd = [binary(), "notify", "send-due"]
    if now is not None:
        cmd += ["--now", str(now)]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                       env=e)
    if ok:
        check(p.returncode == 0, "notify send-due exited %d: %s %s"
              % (p.returncode, p.stdout, p.stderr[-300:]))
    return p


def notes(code):
    return json.loads(psql(
        "SELECT coalesce(json_agg(json_build_object('id', n.id, 'channel', "
        "n.channel, 'state', n.state, 'kind', n.kind, 'lang', n.lang, "
        "'body', n.body, 'subject', n.subject, 'message_id', "
        "n.message_id, 'attempts', n.attempts, 'last_error', "
        "n.last_error, 'event', n.event_id) ORDER BY "
        "n.id), '[]') FROM notifications n JOIN dossiers d ON "
        "d.id = n.dossier_id WHERE d.code = '%s'" % code))


def mails():
    out = []
    for f in sorted(glob.glob(os.path.join(VAR, "mail", "new", "*"))):
        with open(f, "rb") as fh:
            out.append(email.message_from_binary_file(
                fh, policy=email.policy.default))
    return out


def sms_log():
    try:
        with open(os.path.join(VAR, "sms.log"), encoding="utf-8") as f:
            return [json.loads(l) for l in f if l.strip()]
    except FileNotFoundError:
        return []


def sms_fail(status, count):
    port = [l.split("=")[1] for l in open(os.path.join(VAR, "stack.env"))
            if l.startswith("SMS_PORT=")][0].strip()
    urllib.request.urlopen(urllib.request.Request(
        "http://127.0.0.1:%s/fail" % port,
        json.dumps({"status": status, "count": count}).encode(),
        {"Content-Type": "application/json"}), timeout=5).read()


@test("notify: a submission and a staff action write their messages in "
      "their transaction; a refused transition writes none")
def _():
    D.setup()
    rc = D.submit("transcript-certification", D.transcript(), now=T0)
    code = rc["code"]
    n = notes(code)
    # An has a phone only: one SMS, in Vietnamese, of the submission.
    eq([(x["channel"], x["kind"], x["lang"], x["state"]) for x in n],
       [("sms", "submitted", "vi", "pending")], "submission's messages")
    ev = psql("SELECT e.id FROM dossier_events e JOIN dossiers d ON "
              "d.id = e.dossier_id WHERE d.code = '%s' AND "
              "e.action = 'submit'" % code)
    eq(str(n[0]["event"]), ev, "the message names the submission's event")
    check(n[0]["message_id"].startswith("<notification-%d." % n[0]["id"]),
          "Message-ID %r" % n[0]["message_id"])
    # A refused transition (no reason) writes nothing.
    D.act(code, "refuse", "clerk.thcs-nt", 422,
          now="2026-12-01T09:10:00+07:00")
    eq(len(notes(code)), 1, "no message for a refused transition")
    D.act(code, "receive", "clerk.thcs-nt", now="2026-12-01T09:30:00+07:00")
    n = notes(code)
    eq([(x["channel"], x["kind"]) for x in n],
       [("sms", "submitted"), ("sms", "received")], "receive's message")
    check(code in n[1]["body"] and "tiep nhan" in n[1]["body"] and
          len(n[1]["body"]) <= 160 and n[1]["body"].isascii(),
          "SMS text %r" % n[1]["body"])


@test("notify: email and SMS reach the SMTP server and the gateway, in the "
      "citizen's language; SMTP down: retrying, then the same message")
def _():
    D.setup()
    # Bình has a phone and an email; she prefers English.
    r = D.api("POST", "/api/v1/me/lang", {"lang": "en"}, who=D.BINH)
    assert_status(r, 200, "language")
    r = D.api("POST", "/api/v1/me/lang", {"lang": "fr"}, who=D.BINH)
    assert_problem(r, 422, "invalid-field", field="lang")
    send_due()                          # what earlier tests left
    rc = D.submit("transcript-certification",
                  D.transcript(student=D.PUPIL_11_CVA, school=D.SCHOOL_CVA),
                  who=D.BINH, now=T0)
    code = rc["code"]
    n = notes(code)
    eq(sorted((x["channel"], x["lang"]) for x in n),
       [("email", "en"), ("sms", "en")], "two messages in English")
    em = [x for x in n if x["channel"] == "email"][0]
    # SMTP down: the sink stopped.
    stack("mail-stop")
    p = send_due(ok=False)
    eq(p.returncode, 3, "send-due says one was not delivered")
    row = [x for x in notes(code) if x["id"] == em["id"]][0]
    eq((row["state"], row["attempts"]), ("retrying", 1), "email retrying")
    check(row["last_error"] and "smtp" in row["last_error"],
          "error kept: %r" % row["last_error"])
    sms = [m for m in sms_log() if code in m["text"]]
    eq(len(sms), 1, "the SMS went through")
    eq(sms[0]["to"], "+84987654321", "SMS to")
    check(sms[0]["text"].startswith("Dossier %s submitted" % code),
          "SMS in English: %r" % sms[0]["text"])
    # Back up: retried once due (later), delivered with its Message-ID.
    stack("mail-start")
    send_due(now=int(psql("SELECT extract(epoch FROM next_at)::bigint FROM "
                          "notifications WHERE id = %d" % em["id"])) + 1)
    # By its code, not by position: maildir names do not sort in order.
    got = [m for m in mails() if code in str(m["Subject"])]
    eq(len(got), 1, "one email in the sink")
    m = got[0]
    eq(m["Message-ID"], em["message_id"], "the same Message-ID")
    eq(str(m["Subject"]), "Dossier %s submitted" % code, "subject")
    eq(m["To"], "binh.tran@example.vn", "To")
    check(m["Date"] is not None, "Date header")
    body = m.get_content()
    check("Trần Thị Bình" in body and "/lookup?code=" + code in body and
          "03/12/2026" in body, "body: %r" % body[:300])
    eq([x["state"] for x in notes(code)], ["sent", "sent"], "both sent")
    # The staff API shows the states; the applicant sees what was sent.
    r = D.api("GET", "/api/v1/dossiers/%s/notifications" % code,
              who="clerk.thpt-cva")
    assert_status(r, 200, "staff's notifications")
    eq(sorted(x["state"] for x in r.json()["notifications"]),
       ["sent", "sent"], "staff sees the states")
    r = D.api("GET", "/api/v1/dossiers/%s/notifications" % code,
              who=D.AN)
    check(r.status in (403, 404), "another citizen sees nothing: %d"
          % r.status)


def fresh_dossier():
    """An's new transcript dossier, with nothing else waiting."""
    D.setup()
    send_due()
    return D.submit("transcript-certification", D.transcript(),
                    now=T0)["code"]


@test("notify: an SMS gateway answering 500 is retried, then delivered "
      "once")
def _():
    code = fresh_dossier()
    sms_fail(500, 1)
    send_due(ok=False)
    n = notes(code)
    eq((n[0]["state"], n[0]["attempts"]), ("retrying", 1), "retrying")
    check("500" in n[0]["last_error"], "error: %r" % n[0]["last_error"])
    eq([m for m in sms_log() if code in m["text"]], [], "nothing sent yet")
    send_due(now=int(psql("SELECT extract(epoch FROM next_at)::bigint FROM "
                          "notifications WHERE id = %d" % n[0]["id"])) + 1)
    eq(len([m for m in sms_log() if code in m["text"]]), 1, "sent once")
    eq(notes(code)[0]["state"], "sent", "sent")


def new_citizen():
    cccd = "0010900%05d" % random.randrange(100000)
    r = D.api("POST", "/api/v1/citizens", {
        "cccd": cccd, "full_name": "Lê Văn Cường",
        "phone": "+8491%07d" % random.randrange(10000000),
        "email": "cuong%s@example.vn" % cccd,
        "password": D.DEMO_PASSWORD})
    assert_status(r, 201, "register")
    return cccd


def last_code(cccd):
    """The code as the citizen reads it: the body of the last message."""
    body = psql("SELECT body FROM notifications n JOIN users u ON "
                "u.id = n.account_id WHERE u.cccd = '%s' AND "
                "n.kind = 'contact-code' ORDER BY n.id DESC LIMIT 1" % cccd)
    import re
    return re.search(r"\b([0-9]{6})\b", body).group(1)


@test("notify: contact confirmation: wrong and expired codes refused, the "
      "right one confirms; until then no pupil is linked")
def _():
    D.setup()
    cccd = new_citizen()
    psql("INSERT INTO student_guardians (student_code, cccd, relation) "
         "VALUES ('%s', '%s', 'parent')" % (D.PUPIL_7_NT, cccd))
    # Unconfirmed: the pupil is not theirs to file for.
    r = D.api("POST", "/api/v1/services/transcript-certification/dossiers",
              {"data": D.transcript()}, who=cccd, now=T0,
              headers={"Idempotency-Key": "k-" + cccd})
    assert_problem(r, 422, "invalid-field", field="student_code")
    path = "/api/v1/me/contacts/email/"
    r = D.api("POST", path + "code", who=cccd, now=T0)
    assert_status(r, 202, "code sent")
    r = D.api("POST", path + "code", who=cccd, now=T0)
    eq(r.status, 429, "a second code within a minute")
    code = last_code(cccd)
    wrong = "%06d" % ((int(code) + 1) % 1000000)
    r = D.api("POST", path + "confirm", {"code": wrong}, who=cccd, now=T0)
    assert_problem(r, 422, "invalid-field", field="code")
    r = D.api("POST", path + "confirm", {"code": code}, who=cccd,
              now="2026-12-01T09:11:00+07:00")
    assert_problem(r, 422, "invalid-field", field="code")
    check("expired" in r.text(), "expired: %s" % r.text()[:200])
    # A new code, the right answer.
    r = D.api("POST", path + "code", who=cccd,
              now="2026-12-01T09:12:00+07:00")
    assert_status(r, 202, "new code")
    code = last_code(cccd)
    r = D.api("POST", path + "confirm", {"code": code}, who=cccd,
              now="2026-12-01T09:13:00+07:00")
    assert_status(r, 200, "confirmed")
    check(psql("SELECT email_confirmed_at IS NOT NULL FROM users WHERE "
               "cccd = '%s'" % cccd) == "t", "confirmed in the database")
    check(psql("SELECT count(*) FROM contact_codes c JOIN users u ON "
               "u.id = c.user_id WHERE u.cccd = '%s' AND c.code_hash = "
               "convert_to('%s', 'UTF8')" % (cccd, code)) == "0",
          "the code is not stored in clear")
    rc = D.submit("transcript-certification", D.transcript(), who=cccd,
                  now="2026-12-01T09:14:00+07:00")
    check(rc["code"], "filed once confirmed")


@test("notify: the staff's dossier page shows each message's state; the "
      "citizen's page shows what was sent")
def _():
    import lib
    from t_pages_citizen import cookie_header, signin
    code = fresh_dossier()
    D.act(code, "receive", "clerk.thcs-nt", now="2026-12-01T09:30:00+07:00")
    sms_fail(500, 1)            # the first fails, the second goes
    send_due(ok=False)
    eq(sorted(x["state"] for x in notes(code)), ["retrying", "sent"],
       "one sent, one retrying")
    jar, _ = signin("clerk.thcs-nt")
    r = lib.get("/inbox/" + code, headers={"Cookie": cookie_header(jar),
                                           "Accept": "text/html"})
    assert_status(r, 200, "staff page")
    t = r.text()
    check('class="message-sent"' in t and 'class="message-retrying"' in t,
          "staff page shows sent and retrying: %s" % t[t.find("messages-h"):
                                                      ][:600])
    check("500" in t, "the staff page shows the error")
    jar, _ = signin(D.AN)
    r = lib.get("/dossiers/" + code, headers={"Cookie": cookie_header(jar),
                                              "Accept": "text/html"})
    assert_status(r, 200, "citizen page")
    t = r.text()
    eq(t.count('class="message-sent"'), 1, "the citizen sees what was sent")
    check('class="message-retrying"' not in t, "and not the retrying one")


@test("notify: the citizen's language is the sign-in page's, remembered")
def _():
    import urllib.parse
    import lib
    from t_pages import FORM, HTML
    cccd = new_citizen()
    lang = "SELECT lang FROM users WHERE cccd = '%s'" % cccd
    eq(psql(lang), "vi", "Vietnamese by default")
    for want in ("en", "vi"):
        r = lib.post("/signin?lang=" + want, urllib.parse.urlencode(
            {"login": cccd, "password": D.DEMO_PASSWORD}), FORM,
            headers=HTML)
        assert_status(r, 303, "sign in on the %s page" % want)
        eq(psql(lang), want, "remembered")
