"""Dossiers through nginx: filing applications (prefill, validation,
filing windows, attachments, the Idempotency-Key, gapless codes), both
services walked to their result by the staff of each unit, inboxes at
every step, the paused clock and due dates, the public lookup, and the
access rules of every route with their audit entries.

Staff and citizens are those of `motcua demo` (README), pupils its
records (codes 79SSKK0000: school SS in code order, pupil KK).  Times
are set with X-Motcua-Now (the server runs with MOTCUA_DIAG=1), so that
school transfers fall inside their filing windows and due dates are
exact."""
import hashlib
import json
import os
import random
import re
import subprocess
import uuid

from lib import (ROOT, Async, assert_problem, assert_status, binary, check,
                 db_url, eq, multipart, psql, request, test)

DEMO_PASSWORD = "demo-motcua-2025"
AN, BINH = "001090012345", "001195006789"     # the demo citizens
SCHOOL_NT, SCHOOL_NGT = "000.00.31.H26", "000.00.32.H26"  # lower sec.
SCHOOL_CVA, SCHOOL_PDP = "000.00.41.H26", "000.00.42.H26"  # upper sec.
OFFICE_BD, OFFICE_CG = "000.00.11.H26", "000.00.12.H26"
DEPARTMENT = "000.00.01.H26"
PUPIL_7_NT = "7901020000"      # grade 7 at Nguyễn Trãi (district Ba Đình)
PUPIL_11_CVA = "7903020000"    # grade 11 at Chu Văn An
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
CODE_RE = re.compile(r"^[0-9A-Z]+(\.[0-9A-Z]+)*-[0-9]{6}-[0-9]{4}$")

_tokens = {}


# --- helpers -----------------------------------------------------------------

def token(login):
    if login not in _tokens:
        key = "cccd" if login.isdigit() else "username"
        r = request("POST", "/api/v1/sessions",
                    json.dumps({key: login, "password": DEMO_PASSWORD}),
                    {"Content-Type": "application/json"})
        assert_status(r, 201, "sign in as %s" % login)
        _tokens[login] = r.json()["token"]
    return _tokens[login]


def api(method, path, body=None, who=None, now=None, headers=None,
        raw=None, ctype=None):
    """A request as `who` (a login, or None: anonymous), at time `now`."""
    for attempt in (0, 1):
        h = {"Accept": "application/json"}
        data = raw
        if body is not None:
            h["Content-Type"] = "application/json"
            data = json.dumps(body).encode("utf-8")
        if ctype is not None:
            h["Content-Type"] = ctype
        if who is not None:
            h["Authorization"] = "Bearer " + token(who)
        if now is not None:
            h["X-Motcua-Now"] = now
        h.update(headers or {})
        r = request(method, path, body=data, headers=h)
        if r.status == 401 and who is not None and attempt == 0:
            _tokens.pop(who, None)      # the session ended: sign in again
            continue
        return r


def transcript(student=PUPIL_7_NT, school=SCHOOL_NT, **extra):
    d = {"applicant_relation": "parent", "school": school,
         "student_code": student, "school_years": ["2023-2024",
                                                   "2024-2025"],
         "copies": 2, "purpose": "further-study", "delivery": "electronic"}
    d.update(extra)
    return d


def transfer(pupil, sending, receiving, grade, scope, **extra):
    d = {"pupil_code": pupil, "grade": grade, "sending_school": sending,
         "receiving_school": receiving, "scope": scope,
         "reason": "Gia đình chuyển nơi cư trú.",
         "start_date": "2026-09-05"}
    d.update(extra)
    return d


def submit(service, data, who=AN, key=None, now=None, status=201):
    r = api("POST", "/api/v1/services/%s/dossiers" % service,
            {"data": data}, who=who, now=now,
            headers={"Idempotency-Key": key or str(uuid.uuid4())})
    assert_status(r, status, "submit %s" % service)
    return r.json()


def act(code, action, who, status=200, now=None, **body):
    r = api("POST", "/api/v1/dossiers/%s/actions/%s" % (code, action), body,
            who=who, now=now)
    assert_status(r, status, "%s by %s" % (action, who))
    return r


def get_dossier(code, who, now=None):
    r = api("GET", "/api/v1/dossiers/" + code, who=who, now=now)
    assert_status(r, 200, "GET %s as %s" % (code, who))
    return r.json()


def inbox(who, query=""):
    r = api("GET", "/api/v1/dossiers" + query, who=who)
    assert_status(r, 200, "inbox of %s" % who)
    return [d["code"] for d in r.json()["dossiers"]]


def check_inboxes(code, holders, others):
    """Searched by the code: a busy inbox has more than one page."""
    q = "?code=" + code
    for who in holders:
        check(code in inbox(who, q), "%s is in the inbox of %s"
              % (code, who))
    for who in others:
        check(code not in inbox(who, q), "%s is not in the inbox of %s"
              % (code, who))


def audit_rows(where):
    return json.loads(psql(
        "SELECT coalesce(json_agg(t ORDER BY id), '[]') FROM (SELECT id, "
        "actor_id, actor_kind, action, object, detail, request_id, ip "
        "FROM audit_log WHERE %s) t" % where))


def audited(r, action=None):
    """The audit entries of a response's request (at least one)."""
    rid = r.header("x-request-id")
    rows = audit_rows("request_id = '%s'" % rid)
    check(rows, "no audit entry for request %s (%d)" % (rid, r.status))
    if action is not None:
        check(any(x["action"] == action for x in rows),
              "audit of %s: want %s, got %s"
              % (rid, action, [x["action"] for x in rows]))
    return rows


def sql_str(s):
    return "'" + s.replace("'", "''") + "'"


def setup():
    e = dict(os.environ)
    e.update({"MOTCUA_ROOT": ROOT, "MOTCUA_DATABASE_URL": db_url(),
              "ASAN_OPTIONS": "detect_leaks=0"})
    p = subprocess.run([binary(), "demo"], capture_output=True, text=True,
                       timeout=120, env=e)
    check(p.returncode == 0, "motcua demo exited %d: %s"
          % (p.returncode, p.stderr[-400:]))


# --- transcript certification ------------------------------------------------

@test("dossiers: transcript certification, with a supplement, to its result")
def _():
    # Tuesday 1 December 2026, 09:00: two working days end on Thursday
    # at 09:00.
    t0 = "2026-12-01T09:00:00+07:00"
    rc = submit("transcript-certification", transcript(), now=t0)
    code = rc["code"]
    check(CODE_RE.match(code) and code.startswith(SCHOOL_NT + "-261201-"),
          "dossier code %r" % code)
    eq((rc["status"], rc["state"], rc["service"]),
       (1, "submitted", "transcript-certification"), "receipt")
    eq(rc["received_at"], t0, "received_at")
    eq(rc["due_at"], "2026-12-03T09:00:00+07:00", "due_at")
    check(re.match(r"^[0-9]{6}$", rc["pin"]), "PIN %r" % rc["pin"])
    eq(rc["lookup_url"], "/lookup?code=%s" % code,
       "lookup_url")
    # Once-only: names and the date of birth come from the records.
    d = get_dossier(code, AN, now=t0)
    name, dob = psql("SELECT full_name || '|' || date_of_birth FROM "
                     "students WHERE code = '%s'" % PUPIL_7_NT).split("|")
    eq((d["data"]["student_name"], d["data"]["date_of_birth"],
        d["data"]["applicant_name"], d["data"]["applicant_cccd"],
        d["data"]["phone"]), (name, dob, "Nguyễn Văn An", AN,
                              "+84912345678"), "prefilled data")
    eq(d["holder"], {"unit": SCHOOL_NT, "applicant": False}, "holder")
    eq([a["id"] for a in d["actions"]], ["withdraw"], "citizen's actions")
    eq(d["remaining_minutes"], 960, "two working days left")
    check_inboxes(code, ["clerk.thcs-nt", "academic-officer.thcs-nt"],
                  ["clerk.thcs-ngt", "clerk.thpt-cva"])
    eq([a["id"] for a in get_dossier(code, "clerk.thcs-nt")["actions"]],
       ["receive", "refuse"], "clerk's actions")

    act(code, "receive", "clerk.thcs-nt", now="2026-12-01T09:30:00+07:00")
    # A supplement needs a reason; it pauses the clock (status 5) and
    # leaves the school's inbox for the applicant.
    r = act(code, "request_supplement", "academic-officer.thcs-nt", 422,
            now="2026-12-01T10:00:00+07:00")
    assert_problem(r, 422, "invalid-field", field="reason")
    j = act(code, "request_supplement", "academic-officer.thcs-nt",
            now="2026-12-01T10:00:00+07:00",
            reason="Thiếu giấy tờ chứng minh quan hệ.").json()
    eq((j["state"]["id"], j["status"]["code"], j["paused"], j["holder"]),
       ("supplement", 5, True, {"unit": None, "applicant": True}),
       "supplement requested")
    check(code not in inbox("academic-officer.thcs-nt", "?code=" + code),
          "left the inbox")
    mine = api("GET", "/api/v1/dossiers", who=AN).json()["dossiers"]
    eq([x["status"]["code"] for x in mine if x["code"] == code], [5],
       "the citizen sees status 5")
    # The citizen answers a day later, as a guardian with the proof of
    # it (multipart: the file named in data), and 3 copies.  The clock
    # resumes; the due date moves by the working time paused (exactly
    # one working day).
    path = "/api/v1/dossiers/%s/actions/supplement" % code
    ctype, body = multipart_body(
        {"data": {"applicant_relation": "guardian"},
         "comment": "Đã bổ sung."}, [])
    r = api("POST", path, raw=body, ctype=ctype, who=AN,
            now="2026-12-02T10:00:00+07:00")
    assert_problem(r, 422, "invalid-field", field="authorization")
    ctype, body = multipart_body(
        {"data": {"applicant_relation": "guardian", "copies": 3,
                  "authorization": ["giam-ho.pdf"]},
         "comment": "Đã bổ sung."},
        [("giam-ho.pdf", "application/pdf", PDF)])
    r = api("POST", path, raw=body, ctype=ctype, who=AN,
            now="2026-12-02T10:00:00+07:00")
    assert_status(r, 200, "supplement")
    j = r.json()
    eq((j["state"]["id"], j["status"]["code"], j["paused"]),
       ("checking", 4, False), "supplemented")
    eq((j["data"]["applicant_relation"], j["data"]["copies"],
        j["data"]["student_name"], j["data"]["school_years"]),
       ("guardian", 3, name, ["2023-2024", "2024-2025"]),
       "changed fields replace theirs, the rest is kept")
    eq([(a["field"], a["name"]) for a in j["attachments"]],
       [("authorization", "giam-ho.pdf")], "the file is added")
    eq(j["events"][-1]["comment"], "Đã bổ sung.", "comment")
    eq(j["due_at"], "2026-12-04T09:00:00+07:00", "due date after the pause")
    eq(json.loads(psql("SELECT paused FROM dossiers WHERE code = '%s'"
                       % code)), [[1796094000, 1796180400]],
       "the paused interval")
    # Only a supplement changes the application.
    r = api("POST", "/api/v1/dossiers/%s/actions/verify" % code,
            {"data": {"copies": 9}}, who="academic-officer.thcs-nt")
    assert_problem(r, 422, "invalid-field", field="data")
    act(code, "verify", "academic-officer.thcs-nt",
        now="2026-12-02T14:00:00+07:00")
    # Only the principal approves.
    assert_problem(act(code, "approve", "academic-officer.thcs-nt", 403),
                   403, "forbidden")
    j = act(code, "approve", "principal.thcs-nt",
            now="2026-12-03T08:00:00+07:00").json()
    eq((j["state"]["id"], j["status"]["code"]), ("result_ready", 9),
       "approved")
    j = act(code, "return_result", "clerk.thcs-nt",
            now="2026-12-03T09:00:00+07:00").json()
    eq((j["state"]["id"], j["status"]["code"], j["completed_at"],
        j["actions"], j["holder"]),
       ("returned", 10, "2026-12-03T09:00:00+07:00", [],
        {"unit": None, "applicant": False}), "returned")
    eq([(e["action"], e["to"]) for e in j["events"]],
       [("submit", "submitted"), ("receive", "checking"),
        ("request_supplement", "supplement"), ("supplement", "checking"),
        ("verify", "approving"), ("approve", "result_ready"),
        ("return_result", "returned")], "history")
    eq(j["events"][2]["reason"], "Thiếu giấy tờ chứng minh quan hệ.",
       "the reason is kept")
    check(all("name" in e["actor"] for e in j["events"]),
          "staff see who acted")
    check(not any("name" in e["actor"] for e in
                  get_dossier(code, AN)["events"]),
          "citizens do not see staff names")
    # A closed dossier takes no more actions.
    assert_problem(act(code, "return_result", "clerk.thcs-nt", 409), 409,
                   "conflict", field="action")
    rows = audit_rows("object = 'dossier:%s' AND action IN "
                      "('dossier.submit', 'dossier.act')" % code)
    eq([(x["action"], (x["detail"] or {}).get("action")) for x in rows],
       [("dossier.submit", None)] + [("dossier.act", a) for a in (
           "receive", "request_supplement", "supplement", "verify",
           "approve", "return_result")], "one audit entry per change")
    eq(psql("SELECT count(*) FROM dossier_events e JOIN dossiers d ON "
            "d.id = e.dossier_id WHERE d.code = '%s'" % code), "7",
       "seven events")
    # The public lookup: status only, no personal data.
    r = api("GET", "/api/v1/lookup?code=%s&pin=%s" % (code, rc["pin"]))
    assert_status(r, 200, "lookup")
    j = r.json()
    eq(sorted(j), ["code", "due_at", "received_at", "results_issued",
                   "service", "status"], "lookup keys")
    eq((j["status"]["code"], j["service"]["code"], j["received_at"],
        j["results_issued"]), (10, "transcript-certification", t0, 1),
       "lookup answer: one result issued (the supplement request is a "
       "notice)")
    body = r.text()
    for secret in (name, AN, "Nguyễn Văn An", dob, "+8491"):
        check(secret not in body, "lookup reveals %r" % secret)


@test("dossiers: validation names every field; records decide readonly")
def _():
    r = api("POST", "/api/v1/services/transcript-certification/dossiers",
            {"data": {}}, who=AN, headers={"Idempotency-Key": "v-1"})
    j = assert_problem(r, 422, "invalid-field")
    fields = {e["field"] for e in j["errors"]}
    check({"applicant_relation", "school", "student_code", "school_years",
           "copies", "purpose", "delivery"} <= fields,
          "every missing field: %s" % sorted(fields))
    check("phone" not in fields, "phone prefilled from the account")
    check(all(e["detail"] and e["detail_vi"] for e in j["errors"]),
          "bilingual messages")
    # No pupil with this code; a unit that is no school; unknown names.
    r = api("POST", "/api/v1/services/transcript-certification/dossiers",
            {"data": transcript(student="7999990000")}, who=AN,
            headers={"Idempotency-Key": "v-2"})
    assert_problem(r, 422, "invalid-field", field="student_code")
    r = api("POST", "/api/v1/services/transcript-certification/dossiers",
            {"data": transcript(school=OFFICE_BD)}, who=AN,
            headers={"Idempotency-Key": "v-3"})
    j = assert_problem(r, 422, "invalid-field", field="school")
    eq(j["errors"][0]["rule"], "unit", "rule")
    r = api("POST", "/api/v1/services/transcript-certification/dossiers",
            {"data": transcript(nickname="x")}, who=AN,
            headers={"Idempotency-Key": "v-4"})
    assert_problem(r, 422, "invalid-field", field="nickname")
    r = api("POST", "/api/v1/services/transcript-certification/dossiers",
            {"data": [1]}, who=AN, headers={"Idempotency-Key": "v-5"})
    assert_problem(r, 422, "invalid-field", field="data")
    r = api("POST", "/api/v1/services/transcript-certification/dossiers",
            {"other": 1}, who=AN, headers={"Idempotency-Key": "v-6"})
    assert_problem(r, 400, "unknown-parameter", field="other")
    r = api("POST", "/api/v1/services/no-such/dossiers", {"data": {}},
            who=AN, headers={"Idempotency-Key": "v-7"})
    assert_problem(r, 404, "not-found", field="code")
    eq(psql("SELECT count(*) FROM dossiers d JOIN users u ON u.id = "
            "d.applicant_id WHERE u.cccd = '%s' AND d.idempotency_key IN "
            "(%s)" % (AN, ",".join(
                sql_str(hashlib.sha256(k.encode())
                        .hexdigest()) for k in
                ("v-1", "v-2", "v-3", "v-4", "v-5", "v-6", "v-7")))), "0",
       "nothing was filed")
    # What is sent for a readonly field is ignored: the records win.
    rc = submit("transcript-certification",
                transcript(student_name="Someone Else",
                           applicant_name="X", phone="0987 654 321"))
    d = get_dossier(rc["code"], AN)
    check(d["data"]["student_name"] != "Someone Else", "readonly kept")
    eq((d["data"]["applicant_name"], d["data"]["phone"]),
       ("Nguyễn Văn An", "+84987654321"), "editable prefill may change")


# --- school transfer ---------------------------------------------------------

SUMMER = "2026-07-01T09:00:00+07:00"       # inside 06-01..08-15


@test("dossiers: school transfer, grade 7 to another district, via the office")
def _():
    data = transfer(PUPIL_7_NT, SCHOOL_NT, SCHOOL_NGT, 7, "other-district")
    # Outside the filing windows (the clock of 29 November), refused.
    r = api("POST", "/api/v1/services/school-transfer/dossiers",
            {"data": data}, who=BINH, now="2026-11-29T09:00:00+07:00",
            headers={"Idempotency-Key": str(uuid.uuid4())})
    assert_problem(r, 409, "conflict")
    # Another district: proof of residence required.
    r = api("POST", "/api/v1/services/school-transfer/dossiers",
            {"data": data}, who=BINH, now=SUMMER,
            headers={"Idempotency-Key": str(uuid.uuid4())})
    assert_problem(r, 422, "invalid-field", field="residence_proof")
    # Multipart: the JSON body in payload_json, the file named in data.
    data["residence_proof"] = ["cu-tru.pdf"]
    ctype, body = multipart_body({"data": data},
                                 [("cu-tru.pdf", "application/pdf", PDF)])
    r = api("POST", "/api/v1/services/school-transfer/dossiers", raw=body,
            ctype=ctype, who=BINH, now=SUMMER,
            headers={"Idempotency-Key": str(uuid.uuid4())})
    assert_status(r, 201, "multipart submission")
    code = r.json()["code"]
    check(code.startswith(SCHOOL_NT + "-260701-"), "sending school's code")
    d = get_dossier(code, BINH)
    eq([(a["field"], a["name"], a["type"], a["size"], a["sha256"])
        for a in d["attachments"]],
       [("residence_proof", "cu-tru.pdf", "application/pdf", len(PDF),
         hashlib.sha256(PDF).hexdigest())], "attachment")
    eq(d["data"]["residence_proof"][0]["name"], "cu-tru.pdf", "in data")
    eq(psql("SELECT encode(content, 'escape') = %s FROM attachments a "
            "JOIN dossiers d ON d.id = a.dossier_id WHERE d.code = '%s'"
            % (sql_str(PDF.decode()), code)), "t", "content stored")

    everyone = ["clerk.thcs-nt", "principal.thcs-nt", "clerk.thcs-ngt",
                "principal.thcs-ngt", "specialist.pgd-bd",
                "specialist.pgd-cg", "specialist.sgd"]

    def at(*holders):
        check_inboxes(code, holders, [x for x in everyone
                                      if x not in holders])

    at("clerk.thcs-nt", "principal.thcs-nt")
    act(code, "receive", "clerk.thcs-nt")
    at("clerk.thcs-nt", "principal.thcs-nt")
    j = act(code, "confirm_record", "principal.thcs-nt").json()
    eq((j["state"]["id"], j["holder"]["unit"]),
       ("receiving_review", SCHOOL_NGT), "to the receiving school")
    at("clerk.thcs-ngt", "principal.thcs-ngt")
    # The sending school handed it on: it may see it, not decide on it.
    r = act(code, "decline", "principal.thcs-nt", 403, reason="Không.")
    assert_problem(r, 403, "forbidden")
    audited(r, "dossier.denied")
    # The guards pick the way: grade 7 to another district goes to the
    # receiving school's district office.
    acts = [a["id"] for a in get_dossier(code, "principal.thcs-ngt")
            ["actions"]]
    eq(acts, ["request_supplement_receiving", "decline",
              "accept_to_district"], "the receiving principal's actions")
    assert_problem(act(code, "accept_local", "principal.thcs-ngt", 409),
                   409, "conflict", field="action")
    j = act(code, "accept_to_district", "principal.thcs-ngt").json()
    eq((j["state"]["id"], j["holder"]["unit"]),
       ("district_review", OFFICE_CG), "to the district office")
    at("specialist.pgd-cg")
    r = api("GET", "/api/v1/dossiers/" + code, who="specialist.pgd-bd")
    assert_problem(r, 404, "not-found")
    audited(r, "dossier.denied")
    j = act(code, "confirm_district", "specialist.pgd-cg").json()
    eq((j["state"]["id"], j["status"]["code"], j["holder"]["unit"]),
       ("decided", 9, SCHOOL_NGT), "decided")
    at("clerk.thcs-ngt", "principal.thcs-ngt")
    j = act(code, "return_result", "clerk.thcs-ngt").json()
    eq((j["state"]["id"], j["status"]["code"]), ("returned", 10), "returned")
    at()
    # Each unit that handled it still finds it.
    for who in ("clerk.thcs-nt", "specialist.pgd-cg", "clerk.thcs-ngt"):
        check(code in inbox(who, "?box=all&code=" + code), "handled list")
        get_dossier(code, who)


@test("dossiers: school transfer, grade 11, decided by the department")
def _():
    code = submit("school-transfer", transfer(
        PUPIL_11_CVA, SCHOOL_CVA, SCHOOL_PDP, 11, "same-district"),
        who=BINH, now=SUMMER)["code"]
    check(code.startswith(SCHOOL_CVA + "-260701-"), "code %r" % code)
    everyone = ["clerk.thpt-cva", "principal.thpt-cva", "clerk.thpt-pdp",
                "principal.thpt-pdp", "specialist.sgd", "specialist.pgd-bd"]

    def at(*holders):
        check_inboxes(code, holders, [x for x in everyone
                                      if x not in holders])

    at("clerk.thpt-cva", "principal.thpt-cva")
    act(code, "receive", "clerk.thpt-cva")
    act(code, "confirm_record", "principal.thpt-cva")
    at("clerk.thpt-pdp", "principal.thpt-pdp")
    j = act(code, "accept_to_department", "principal.thpt-pdp").json()
    eq((j["state"]["id"], j["holder"]["unit"]),
       ("department_review", DEPARTMENT), "to the department")
    at("specialist.sgd")
    act(code, "confirm_department", "specialist.sgd")
    at("clerk.thpt-pdp", "principal.thpt-pdp")
    j = act(code, "return_result", "clerk.thpt-pdp").json()
    eq((j["state"]["id"], j["status"]["code"]), ("returned", 10), "returned")
    at()


def multipart_body(payload, files):
    parts = [("payload_json", json.dumps(payload))]
    parts += [("file", name, ctype, content)
              for name, ctype, content in files]
    return multipart(parts)


@test("dossiers: multipart files must be named in data, and sent")
def _():
    data = transfer(PUPIL_7_NT, SCHOOL_NT, SCHOOL_NGT, 7, "other-district",
                    residence_proof=["a.pdf"])
    ctype, body = multipart_body({"data": data},
                                 [("b.pdf", "application/pdf", PDF)])
    r = api("POST", "/api/v1/services/school-transfer/dossiers", raw=body,
            ctype=ctype, who=BINH, now=SUMMER,
            headers={"Idempotency-Key": str(uuid.uuid4())})
    assert_problem(r, 422, "invalid-field", field="file")
    ctype, body = multipart_body({"data": data}, [])
    r = api("POST", "/api/v1/services/school-transfer/dossiers", raw=body,
            ctype=ctype, who=BINH, now=SUMMER,
            headers={"Idempotency-Key": str(uuid.uuid4())})
    assert_problem(r, 422, "invalid-field", field="residence_proof")
    data["residence_proof"] = ["a.txt"]
    ctype, body = multipart_body({"data": data},
                                 [("a.txt", "text/plain", b"hello")])
    r = api("POST", "/api/v1/services/school-transfer/dossiers", raw=body,
            ctype=ctype, who=BINH, now=SUMMER,
            headers={"Idempotency-Key": str(uuid.uuid4())})
    j = assert_problem(r, 422, "invalid-field", field="residence_proof")
    eq(j["errors"][0]["rule"], "file-type", "by content")
    ctype, body = multipart_body({"data": data, "x": 1}, [])
    r = api("POST", "/api/v1/services/school-transfer/dossiers", raw=body,
            ctype=ctype, who=BINH, now=SUMMER,
            headers={"Idempotency-Key": str(uuid.uuid4())})
    assert_problem(r, 400, "unknown-parameter", field="x")


def transfer_in_supplement(reason="Giấy tờ cư trú không rõ."):
    """A school transfer of BINH's (grade 7, to another district) with a
    file a.pdf, received, and the sending principal asking for a
    supplement with this reason: its code."""
    data = transfer(PUPIL_7_NT, SCHOOL_NT, SCHOOL_NGT, 7, "other-district",
                    residence_proof=["a.pdf"])
    ctype, body = multipart_body({"data": data},
                                 [("a.pdf", "application/pdf", PDF)])
    r = api("POST", "/api/v1/services/school-transfer/dossiers", raw=body,
            ctype=ctype, who=BINH, now=SUMMER,
            headers={"Idempotency-Key": str(uuid.uuid4())})
    assert_status(r, 201, "submit")
    code = r.json()["code"]
    act(code, "receive", "clerk.thcs-nt")
    act(code, "request_supplement_sending", "principal.thcs-nt",
        reason=reason)
    return code


@test("dossiers: a supplement adds files to those attached, within limits")
def _():
    code = transfer_in_supplement()
    path = "/api/v1/dossiers/%s/actions/supplement_sending" % code
    pdf2 = PDF + b"% second\n"
    # Three more would make four: more than the form allows.
    ctype, body = multipart_body(
        {"data": {"residence_proof": ["b.pdf", "c.pdf", "d.pdf"]}},
        [(n, "application/pdf", pdf2) for n in ("b.pdf", "c.pdf",
                                                 "d.pdf")])
    r = api("POST", path, raw=body, ctype=ctype, who=BINH)
    j = assert_problem(r, 422, "invalid-field", field="residence_proof")
    eq(j["errors"][0]["rule"], "file-count", "rule")
    ctype, body = multipart_body(
        {"data": {"residence_proof": ["b.pdf"], "reason": "Chuyển nhà."}},
        [("b.pdf", "application/pdf", pdf2)])
    r = api("POST", path, raw=body, ctype=ctype, who=BINH)
    assert_status(r, 200, "supplement")
    j = r.json()
    eq([x["name"] for x in j["data"]["residence_proof"]], ["a.pdf", "b.pdf"],
       "files in data")
    eq([x["name"] for x in j["attachments"]], ["a.pdf", "b.pdf"],
       "attachments")
    eq((j["data"]["reason"], j["data"]["grade"], j["holder"]["unit"]),
       ("Chuyển nhà.", 7, SCHOOL_NT), "the rest kept; back to the school")
    eq(psql("SELECT count(*) FROM attachments a JOIN dossiers d ON d.id = "
            "a.dossier_id JOIN dossier_events e ON e.id = a.event_id "
            "WHERE d.code = '%s' AND e.action = 'supplement_sending'"
            % code), "1", "the new file belongs to the supplement's event")


# --- idempotency and numbering -----------------------------------------------

@test("dossiers: a retried submission makes one dossier (Idempotency-Key)")
def _():
    key = str(uuid.uuid4())
    path = "/api/v1/services/transcript-certification/dossiers"
    r1 = api("POST", path, {"data": transcript()}, who=AN,
             headers={"Idempotency-Key": key})
    assert_status(r1, 201, "first")
    # The same values, in another order: the same request.
    again = dict(reversed(list(transcript().items())))
    r2 = api("POST", path, {"data": again}, who=AN,
             headers={"Idempotency-Key": key})
    assert_status(r2, 200, "retry")
    eq(r2.body, r1.body, "the same receipt")
    # Other values with the key: refused, not the earlier receipt.
    r = api("POST", path, {"data": transcript(copies=5)}, who=AN,
            headers={"Idempotency-Key": key})
    j = assert_problem(r, 422, "invalid-field", field="Idempotency-Key")
    check(j["detail"] and j["detail_vi"], "bilingual")
    check("code" not in j and "pin" not in j, "no receipt")
    eq(api("POST", path, {"data": transcript()}, who=AN,
           headers={"Idempotency-Key": key}).body, r1.body,
       "the same request still has its receipt")
    eq(psql("SELECT count(*) FROM dossiers WHERE idempotency_key = '%s'"
            % hashlib.sha256(key.encode()).hexdigest()), "1",
       "one dossier")
    # Another citizen's key space is their own.
    r3 = api("POST", path, {"data": transcript()}, who=BINH,
             headers={"Idempotency-Key": key})
    assert_status(r3, 201, "another citizen, same key")
    check(r3.json()["code"] != r1.json()["code"], "another dossier")
    # The key names one application: not another service's.
    r = api("POST", "/api/v1/services/school-transfer/dossiers",
            {"data": {}}, who=AN, now=SUMMER,
            headers={"Idempotency-Key": key})
    assert_problem(r, 409, "conflict", field="Idempotency-Key")
    # Eight at once with one new key: one dossier, one 201.
    key = str(uuid.uuid4())
    runs = [Async(api, "POST", path, {"data": transcript()}, who=AN,
                  headers={"Idempotency-Key": key}) for _ in range(8)]
    got = [a.result() for a in runs]
    eq(sorted(x.status for x in got), [200] * 7 + [201], "statuses")
    eq(len({x.json()["code"] for x in got}), 1, "one code")
    # The header is required, and bounded.
    r = api("POST", path, {"data": transcript()}, who=AN)
    assert_problem(r, 400, "bad-request", field="Idempotency-Key")
    r = api("POST", path, {"data": transcript()}, who=AN,
            headers={"Idempotency-Key": "k" * 65})
    assert_problem(r, 400, "bad-request", field="Idempotency-Key")


@test("dossiers: codes are numbered per unit and day without gaps")
def _():
    day = "2027-03-02T09:00:00+07:00"
    codes = []
    for i in range(3):
        codes.append(submit("transcript-certification", transcript(),
                            now=day)["code"])
        # A refused application takes no number.
        api("POST", "/api/v1/services/transcript-certification/dossiers",
            {"data": {}}, who=AN, now=day,
            headers={"Idempotency-Key": str(uuid.uuid4())})
    other = submit("transcript-certification",
                   transcript(student=PUPIL_11_CVA, school=SCHOOL_CVA),
                   now=day)["code"]
    nums = [int(c.rsplit("-", 1)[1]) for c in codes]
    check(all(c.startswith(SCHOOL_NT + "-270302-") for c in codes),
          "unit and date: %s" % codes)
    eq(nums, list(range(nums[0], nums[0] + 3)), "consecutive")
    check(other.startswith(SCHOOL_CVA + "-270302-"), "other unit")
    eq(psql("SELECT last FROM dossier_counters c JOIN units u ON "
            "u.id = c.unit_id WHERE u.code = '%s' AND day = '2027-03-02'"
            % SCHOOL_NT), str(nums[-1]), "the counter")


# --- concurrency -------------------------------------------------------------

@test("dossiers: concurrent actions: one wins, the others are told 409")
def _():
    code = submit("transcript-certification", transcript())["code"]
    runs = [Async(api, "POST", "/api/v1/dossiers/%s/actions/receive" % code,
                  {}, who="clerk.thcs-nt") for _ in range(6)]
    got = sorted(a.result().status for a in runs)
    eq(got, [200] + [409] * 5, "statuses")
    eq(psql("SELECT count(*) FROM dossier_events e JOIN dossiers d ON "
            "d.id = e.dossier_id WHERE d.code = '%s' AND e.action = "
            "'receive'" % code), "1", "one event")
    eq(rev(code), 1, "one change, one revision")


def rev(code):
    return int(psql("SELECT rev FROM dossiers WHERE code = '%s'" % code))


@test("dossiers: a change applies to the revision it was decided on")
def _():
    # The state alone comes back (send_back); the revision does not.
    code = submit("transcript-certification", transcript())["code"]
    eq(rev(code), 0, "filed")
    act(code, "receive", "clerk.thcs-nt")
    act(code, "verify", "academic-officer.thcs-nt")
    act(code, "send_back", "principal.thcs-nt", comment="Kiểm tra lại.")
    eq(get_dossier(code, "clerk.thcs-nt")["state"]["id"], "checking",
       "back in checking")
    eq(rev(code), 3, "three changes")
    eq(psql("SELECT count(*) FROM dossier_events e JOIN dossiers d ON "
            "d.id = e.dossier_id WHERE d.code = '%s'" % code), "4",
       "the submission and three events")
    # Verifying again, at once from several requests: one change.
    runs = [Async(api, "POST", "/api/v1/dossiers/%s/actions/verify" % code,
                  {}, who="academic-officer.thcs-nt") for _ in range(4)]
    eq(sorted(a.result().status for a in runs), [200] + [409] * 3,
       "statuses")
    eq(rev(code), 4, "one more")


# --- lists -------------------------------------------------------------------

@test("dossiers: lists filter by service, state and overdue; by due date")
def _():
    a = submit("transcript-certification", transcript(),
               now="2026-12-07T09:00:00+07:00")["code"]
    b = submit("transcript-certification", transcript(),
               now="2026-12-04T09:00:00+07:00")["code"]
    r = api("GET", "/api/v1/dossiers?service=transcript-certification&"
            "state=submitted&limit=200", who="clerk.thcs-nt")
    assert_status(r, 200)
    items = r.json()["dossiers"]
    codes = [x["code"] for x in items]
    check(a in codes and b in codes, "both listed")
    check(codes.index(b) < codes.index(a), "earlier due date first")
    check(all(x["state"]["id"] == "submitted" for x in items), "state")
    dues = [x["due_at"] for x in items if x["due_at"]]
    eq(dues, sorted(dues), "sorted by due date")
    late = api("GET", "/api/v1/dossiers?overdue=true&limit=200",
               who="clerk.thcs-nt", now="2027-06-01T09:00:00+07:00").json()
    check(a in [x["code"] for x in late["dossiers"]], "overdue later")
    check(all(x["overdue"] for x in late["dossiers"]), "flags")
    ins = api("GET", "/api/v1/dossiers?limit=200", who="inspector").json()
    check(len(ins["dossiers"]) >= 2, "inspectors see every unit's")
    for q, field in (("service=nope", "service"), ("overdue=maybe",
                     "overdue"), ("limit=0", "limit"), ("box=x", "box"),
                     ("offset=-1", "offset")):
        assert_problem(api("GET", "/api/v1/dossiers?" + q, who=AN), 422,
                       "invalid-field", field=field)
    assert_problem(api("GET", "/api/v1/dossiers?x=1", who=AN), 400,
                   "unknown-parameter", field="x")


# --- access ------------------------------------------------------------------

@test("dossiers: access on every route: anonymous 401, audited")
def _():
    code = submit("transcript-certification", transcript())["code"]
    for method, path, body in (
            ("POST", "/api/v1/services/transcript-certification/dossiers",
             {"data": transcript()}),
            ("GET", "/api/v1/dossiers", None),
            ("GET", "/api/v1/dossiers/" + code, None),
            ("POST", "/api/v1/dossiers/%s/actions/receive" % code, {})):
        r = api(method, path, body, headers={"Idempotency-Key": "anon"})
        assert_problem(r, 401, "unauthenticated")
        audited(r)


@test("dossiers: another citizen's dossier is 404, and the refusal audited")
def _():
    code = submit("transcript-certification", transcript())["code"]
    r = api("GET", "/api/v1/dossiers/" + code, who=BINH)
    assert_problem(r, 404, "not-found")
    rows = audited(r, "dossier.denied")
    eq([(x["object"], x["actor_kind"]) for x in rows
        if x["action"] == "dossier.denied"],
       [("dossier:" + code, "citizen")], "audit")
    r = api("POST", "/api/v1/dossiers/%s/actions/withdraw" % code, {},
            who=BINH)
    assert_problem(r, 404, "not-found")
    audited(r, "dossier.denied")
    check(code not in inbox(BINH, "?code=" + code),
          "not in the other's list")
    # A code that does not exist looks the same.
    r = api("GET", "/api/v1/dossiers/%s-991231-9999" % SCHOOL_NT, who=BINH)
    assert_problem(r, 404, "not-found")
    audited(r, "dossier.denied")


@test("dossiers: another unit's dossier is 404, and the refusal audited")
def _():
    code = submit("transcript-certification", transcript())["code"]
    for who in ("clerk.thcs-ngt", "specialist.pgd-bd", "specialist.sgd"):
        r = api("GET", "/api/v1/dossiers/" + code, who=who)
        assert_problem(r, 404, "not-found")
        audited(r, "dossier.denied")
        r = api("POST", "/api/v1/dossiers/%s/actions/receive" % code, {},
                who=who)
        assert_problem(r, 404, "not-found")
        audited(r, "dossier.denied")
        check(code not in inbox(who, "?box=all&code=" + code), "not listed")


@test("dossiers: inspectors read everything and act on nothing (403)")
def _():
    code = submit("transcript-certification", transcript())["code"]
    r = api("GET", "/api/v1/dossiers/" + code, who="inspector")
    assert_status(r, 200)
    eq(r.json()["actions"], [], "no actions offered")
    audited(r, "dossier.view")
    r = api("POST", "/api/v1/dossiers/%s/actions/receive" % code, {},
            who="inspector")
    assert_problem(r, 403, "forbidden")
    audited(r)
    eq(get_dossier(code, AN)["state"]["id"], "submitted", "unchanged")
    # Nor do staff file applications, or citizens take staff actions.
    r = api("POST", "/api/v1/services/transcript-certification/dossiers",
            {"data": transcript()}, who="clerk.thcs-nt",
            headers={"Idempotency-Key": "staff"})
    assert_problem(r, 403, "forbidden")
    audited(r)
    r = api("POST", "/api/v1/dossiers/%s/actions/receive" % code, {},
            who=AN)
    assert_problem(r, 403, "forbidden")
    audited(r, "dossier.denied")
    r = api("POST", "/api/v1/dossiers/%s/actions/no_such" % code, {},
            who="clerk.thcs-nt")
    assert_problem(r, 404, "not-found", field="action")
    audited(r, "dossier.denied")


def partner(*args):
    e = dict(os.environ)
    e.update({"MOTCUA_ROOT": ROOT, "MOTCUA_DATABASE_URL": db_url(),
              "ASAN_OPTIONS": "detect_leaks=0"})
    p = subprocess.run([binary(), "users", "add-partner"] + list(args),
                       capture_output=True, text=True, timeout=60, env=e)
    check(p.returncode == 0, "add-partner: %s" % p.stderr[-300:])
    return p.stdout.strip()


def as_partner(tok, method, path):
    return request(method, path, body=b"{}" if method == "POST" else None,
                   headers={"Authorization": "Bearer " + tok,
                            "Content-Type": "application/json"})


@test("dossiers: partner tokens read by scope and unit; never act")
def _():
    mine = submit("transcript-certification", transcript())["code"]
    other = submit("transcript-certification",
                   transcript(student=PUPIL_11_CVA, school=SCHOOL_CVA))["code"]
    # Outside its scope: 403 on every route, recorded.
    tok = partner("Cổng tra cứu", "--scope", "lookup")
    for method, path in (("GET", "/api/v1/dossiers"),
                         ("GET", "/api/v1/dossiers/" + mine),
                         ("POST", "/api/v1/dossiers/%s/actions/receive"
                          % mine)):
        r = as_partner(tok, method, path)
        assert_problem(r, 403, "forbidden")
        audited(r)
    # dossiers:read for one school: what that school handled, read-only.
    tok = partner("Sở Tư pháp", "--scope", "dossiers:read", "--unit",
                  SCHOOL_NT)
    r = as_partner(tok, "GET", "/api/v1/dossiers?limit=200")
    assert_status(r, 200, "partner list")
    codes = [x["code"] for x in r.json()["dossiers"]]
    check(mine in codes and other not in codes, "the unit's dossiers")
    r = as_partner(tok, "GET", "/api/v1/dossiers/" + mine)
    assert_status(r, 200, "partner GET")
    eq(r.json()["actions"], [], "no actions")
    check(not any("name" in e["actor"] for e in r.json()["events"]),
          "no staff names")
    audited(r, "dossier.view")
    r = as_partner(tok, "GET", "/api/v1/dossiers/" + other)
    assert_problem(r, 404, "not-found")
    audited(r, "dossier.denied")
    r = as_partner(tok, "POST", "/api/v1/dossiers/%s/actions/receive"
                   % mine)
    assert_problem(r, 403, "forbidden")
    audited(r)


# --- lookup ------------------------------------------------------------------

@test("dossiers: lookup needs code and PIN; failures audited and throttled")
def _():
    rc = submit("transcript-certification", transcript())
    code, pin = rc["code"], rc["pin"]
    wrong = "%06d" % ((int(pin) + 1) % 1000000)
    r = api("GET", "/api/v1/lookup?code=%s&pin=%s" % (code, wrong))
    j1 = assert_problem(r, 404, "not-found")
    rows = audited(r, "lookup.failed")
    eq(rows[0]["object"], "dossier:" + code, "object")
    r = api("GET", "/api/v1/lookup?code=%s-991231-9999&pin=%s"
            % (SCHOOL_NT, pin))
    j2 = assert_problem(r, 404, "not-found")
    eq((j1["detail"], j1["detail_vi"]), (j2["detail"], j2["detail_vi"]),
       "unknown code and wrong PIN look alike")
    assert_problem(api("GET", "/api/v1/lookup?code=%s" % code), 422,
                   "invalid-field", field="pin")
    assert_problem(api("GET", "/api/v1/lookup?pin=%s" % pin), 422,
                   "invalid-field", field="code")
    assert_problem(api("GET", "/api/v1/lookup?code=x&pin=1"), 422,
                   "invalid-field", field="code")
    # Ten failures on one code close it for a while, even to its PIN;
    # other dossiers are not affected.
    for _ in range(9):
        api("GET", "/api/v1/lookup?code=%s&pin=%s" % (code, wrong))
    r = api("GET", "/api/v1/lookup?code=%s&pin=%s" % (code, pin))
    assert_problem(r, 429, "too-many-requests")
    ra = r.header("retry-after")
    check(ra is not None and 0 < int(ra) <= 900, "Retry-After %r" % ra)
    other = submit("transcript-certification", transcript())
    assert_status(api("GET", "/api/v1/lookup?code=%s&pin=%s"
                      % (other["code"], other["pin"])), 200, "another")


@test("dossiers: only pupils linked to the applicant; unknown looks the same")
def _():
    # A citizen with no link to any pupil (a fresh account) learns
    # nothing by guessing codes: a real pupil and a made-up code get the
    # same answer, and no name or date of birth comes back.
    cccd = "001%d0%d%06d" % (random.choice((2, 3)), random.randrange(10),
                             random.randrange(10 ** 6))
    r = request("POST", "/api/v1/citizens", json.dumps(
        {"cccd": cccd, "full_name": "Lê Thị Hoa", "phone": "0912 345 678",
         "password": DEMO_PASSWORD}).encode(),
        {"Content-Type": "application/json"})
    assert_status(r, 201, "register a stranger")
    answers = []
    for pupil in (PUPIL_7_NT, "7999990000"):
        r = api("POST",
                "/api/v1/services/transcript-certification/dossiers",
                {"data": transcript(student=pupil)}, who=cccd,
                headers={"Idempotency-Key": str(uuid.uuid4())})
        j = assert_problem(r, 422, "invalid-field", field="student_code")
        errs = [e for e in j["errors"] if e["field"] == "student_code"]
        answers.append((errs[0]["detail"], errs[0]["detail_vi"]))
        check("date_of_birth" not in r.text() and
              "student_name" not in r.text(), "no pupil data in the answer")
    eq(answers[0], answers[1], "a linked-to-nobody pupil looks unknown")
    n = psql("SELECT count(*) FROM dossiers d JOIN users u ON u.id = "
             "d.applicant_id WHERE u.cccd = '%s'" % cccd)
    eq(n, "0", "no dossier filed")


@test("dossiers: a supplement cannot change the pupil or the school")
def _():
    code = submit("transcript-certification", transcript())["code"]
    act(code, "receive", "clerk.thcs-nt")
    act(code, "request_supplement", "academic-officer.thcs-nt",
        reason="Bổ sung giấy tờ.")
    path = "/api/v1/dossiers/%s/actions/supplement" % code
    for field, value in (("school", SCHOOL_NGT),
                         ("student_code", PUPIL_11_CVA)):
        r = api("POST", path, {"data": {field: value}}, who=AN)
        assert_problem(r, 422, "invalid-field", field=field)
    d = get_dossier(code, AN)
    eq((d["state"]["id"], d["data"]["school"], d["data"]["student_code"]),
       ("supplement", SCHOOL_NT, PUPIL_7_NT), "unchanged")
    check(code not in inbox("clerk.thcs-ngt", "?code=" + code),
          "not in another school")
    # What may change still does.
    act(code, "supplement", AN, data={"copies": 3})
    eq(get_dossier(code, AN)["data"]["copies"], 3, "copies changed")
