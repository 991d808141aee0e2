"""The second wall: PostgreSQL row-level security under the server's own
role (migrations/0007_web_role.sql).

The first wall is the access check in the core on every route (the
tests of t_dossiers.py).  These tests go around it: /_diag/rls (served
with MOTCUA_DIAG=1) asks the database for every dossier, event,
attachment, pupil and grade with no condition of its own, and
/_diag/rls/touch changes a dossier by its code alone, so they show what
a handler that forgot its check would reach.  The expected sets are
computed here from the tables, as their owner.  Then the role itself,
through psql: it owns nothing, cannot rewrite the audit log, switch off
its triggers or the policies, or become another role."""
import json
import os
import subprocess

from lib import (PSQL, STACK, VAR, assert_status, check, db_url, eq, psql,
                 request, stack, test)
from t_dossiers import (AN, BINH, PUPIL_11_CVA, SCHOOL_CVA, SCHOOL_NT,
                        api, partner, submit, transcript)
from t_dossiers import setup as demo_setup
from t_access import dossier_with_file

WEB_ROLE = "motcua_web"


def setup():
    demo_setup()


def probe(who=None, tok=None):
    h = {"Authorization": "Bearer " + tok} if tok else None
    r = (request("GET", "/_diag/rls", headers=h) if tok else
         api("GET", "/_diag/rls", who=who))
    assert_status(r, 200, "/_diag/rls as %s" % (who or tok or "anonymous"))
    return r.json()


def touch(code, who):
    r = api("POST", "/_diag/rls/touch", who=who, raw=b"code=" +
            code.encode(), ctype="application/x-www-form-urlencoded")
    assert_status(r, 200, "touch as %s" % who)
    return r.json()["changed"]


def codes(where):
    """Dossier codes by a condition, read as the owner (no policy)."""
    return json.loads(psql(
        "SELECT coalesce(json_agg(code ORDER BY code), '[]') FROM dossiers d "
        "WHERE " + where))


def user_id(login):
    col = "cccd" if login.isdigit() else "username"
    return psql("SELECT id FROM users WHERE %s = '%s'" % (col, login))


def unit_sees(unit):
    u = "(SELECT id FROM units WHERE code = '%s')" % unit
    return codes("d.unit_id = %s OR d.holder_unit_id = %s OR EXISTS (SELECT "
                 "1 FROM dossier_events e WHERE e.dossier_id = d.id AND "
                 "(e.holder_unit_id = %s OR e.actor_unit_id = %s))"
                 % (u, u, u, u))


def web_psql(sql):
    """Run sql as the server's role: (ok, output or error)."""
    p = subprocess.run([PSQL, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                        "-d", web_url(), "-c", sql],
                       capture_output=True, text=True, timeout=30)
    return p.returncode == 0, (p.stdout if p.returncode == 0
                               else p.stderr).strip()


_url = []


def web_url():
    if not _url:
        p = subprocess.run([STACK, VAR, "db-url", WEB_ROLE],
                           capture_output=True, text=True, timeout=30)
        check(p.returncode == 0, "stack db-url: %s" % p.stderr)
        _url.append(p.stdout.strip())
    return _url[0]


def refused(sql, why):
    ok, out = web_psql(sql)
    check(not ok, "%s: the server's role was allowed: %s" % (sql, out))
    check(why in out, "%s: want %r in the error, got %r" % (sql, why, out))


_filed = {}


def filed():
    """Dossiers of both demo citizens, at two schools (made once)."""
    if not _filed:
        _filed["an_nt"] = submit("transcript-certification", transcript(),
                                 who=AN)["code"]
        _filed["an_cva"] = submit(
            "transcript-certification",
            transcript(student=PUPIL_11_CVA, school=SCHOOL_CVA),
            who=AN)["code"]
        _filed["binh_nt"] = submit("transcript-certification", transcript(),
                                   who=BINH)["code"]
    return _filed


@test("rls: the server runs as motcua_web, which owns no table")
def _():
    eq(probe()["role"], WEB_ROLE, "current_user of the server's statements")
    eq(psql("SELECT count(*) FROM pg_class c JOIN pg_roles r ON "
            "r.oid = c.relowner WHERE r.rolname = '%s'" % WEB_ROLE), "0",
       "relations owned by %s" % WEB_ROLE)
    eq(psql("SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls "
            "FROM pg_roles WHERE rolname = '%s'" % WEB_ROLE), "f",
       "superuser, createrole, createdb or bypassrls")
    for t in ("dossiers", "dossier_events", "attachments", "students",
              "grades", "dossier_counters"):
        eq(psql("SELECT relrowsecurity FROM pg_class WHERE relname = '%s'"
                % t), "t", "row-level security on " + t)


@test("rls: without the first wall, each reaches only their own dossiers")
def _():
    f = filed()
    # Citizens: what they filed, nothing else.
    for who in (AN, BINH):
        got = probe(who)
        eq(got["dossiers"], codes("applicant_id = %s" % user_id(who)),
           "dossiers reached by citizen %s" % who)
        eq(got["students"], int(psql(
            "SELECT count(*) FROM student_guardians WHERE cccd = '%s'"
            % who)), "pupils reached by citizen %s" % who)
        check(got["events"] > 0, "their own events are visible")
    check(f["binh_nt"] not in probe(AN)["dossiers"], "An reaches Bình's")
    # Staff: what their unit received, holds or held.
    for who, unit in (("clerk.thcs-nt", SCHOOL_NT),
                      ("clerk.thpt-cva", SCHOOL_CVA),
                      ("clerk.thcs-ngt", "000.00.32.H26")):
        got = probe(who)["dossiers"]
        eq(got, unit_sees(unit), "dossiers reached by %s" % who)
    nt = probe("clerk.thcs-nt")["dossiers"]
    check(f["an_nt"] in nt and f["binh_nt"] in nt and f["an_cva"] not in nt,
          "the school's own and no other school's")
    check(not set(f.values()) & set(probe("clerk.thcs-ngt")["dossiers"]),
          "another school reaches none of them")
    # Staff reach the records of their own school's pupils (a
    # transcript certificate is built from them), no other school's.
    eq(probe("clerk.thcs-nt")["students"], int(psql(
        "SELECT count(*) FROM students s JOIN units u ON u.id = s.school_id "
        "WHERE u.code = '%s'" % SCHOOL_NT)), "pupils reached by staff")
    check(probe("clerk.thcs-nt")["students"] > 0, "the school has pupils")
    # Inspectors: everything.
    eq(probe("inspector")["dossiers"], codes("true"), "inspector's")
    # The anonymous: nothing at all.
    eq(probe(), {"role": WEB_ROLE, "dossiers": [], "events": 0,
                 "attachments": 0, "students": 0},
       "what the anonymous reach")


@test("rls: partner tokens: by scope and unit; without dossiers:read, none")
def _():
    f = filed()
    tok = partner("Cổng tra cứu RLS", "--scope", "lookup")
    got = probe(tok=tok)
    eq((got["dossiers"], got["students"]), ([], 0), "lookup-only partner")
    tok = partner("Sở Tư pháp RLS", "--scope", "dossiers:read", "--unit",
                  SCHOOL_NT)
    eq(probe(tok=tok)["dossiers"], unit_sees(SCHOOL_NT), "partner of NT")
    check(f["an_cva"] not in probe(tok=tok)["dossiers"], "not CVA's")
    # A portal (no unit): every dossier's progress, no file, no pupil.
    dossier_with_file()
    tok = partner("Cổng quốc gia RLS", "--scope", "dossiers:read")
    got = probe(tok=tok)
    eq(got["dossiers"], codes("true"), "portal's dossiers")
    eq((got["attachments"], got["students"]), (0, 0), "portal's files")
    check(int(psql("SELECT count(*) FROM attachments")) > 0,
          "there are attachments to hide")


@test("rls: without the first wall, writes reach only what one may change")
def _():
    f = filed()
    before = psql("SELECT rev FROM dossiers WHERE code = '%s'" % f["an_nt"])
    for who, want in ((BINH, 0), ("inspector", 0), ("clerk.thcs-ngt", 0),
                      ("clerk.thpt-cva", 0), (None, 0), (AN, 1),
                      ("clerk.thcs-nt", 1)):
        eq(touch(f["an_nt"], who), want,
           "rows of An's dossier changed as %s" % (who or "anonymous"))
    eq(psql("SELECT rev FROM dossiers WHERE code = '%s'" % f["an_nt"]),
       before, "the touch changes nothing")


@test("rls: the context follows every request on reused connections")
def _():
    filed()
    want = {w: probe(w)["dossiers"] for w in (AN, BINH, "clerk.thcs-nt")}
    want[None] = []
    for i in range(30):
        who = (AN, None, BINH, "clerk.thcs-nt", AN, BINH)[i % 6]
        eq(probe(who)["dossiers"], want[who], "round %d as %s" % (i, who))


@test("rls: the server's role cannot rewrite the trail or leave its role")
def _():
    refused("UPDATE audit_log SET action = 'x'", "permission denied")
    refused("DELETE FROM audit_log", "permission denied")
    refused("TRUNCATE audit_log", "permission denied")
    refused("ALTER TABLE audit_log DISABLE TRIGGER ALL", "must be owner")
    refused("ALTER TABLE dossiers DISABLE ROW LEVEL SECURITY",
            "must be owner")
    refused("DROP POLICY dossiers_see ON dossiers", "must be owner")
    refused("SET ROLE motcua", "permission denied")
    refused("CREATE TABLE x (a int)", "permission denied")
    refused("DELETE FROM dossiers", "permission denied")
    refused("SELECT count(*) FROM audit_log", "permission denied")
    n = psql("SELECT count(*) FROM audit_log WHERE action = 'test.rls'")
    ok, out = web_psql("INSERT INTO audit_log (actor_kind, action) VALUES "
                       "('system', 'test.rls')")
    check(ok, "the role may append to the trail: " + out)
    eq(psql("SELECT count(*) FROM audit_log WHERE action = 'test.rls'"),
       str(int(n) + 1), "appended")


@test("rls: with no context, or another's identity, the role gets nothing")
def _():
    f = filed()
    an, binh = user_id(AN), user_id(BINH)
    ok, out = web_psql("SELECT count(*) FROM dossiers")
    check(ok and out == "0", "no context: %s" % out)
    ok, out = web_psql("SELECT set_config('motcua.kind', 'superuser', "
                       "false); SELECT count(*) FROM dossiers")
    check(ok and out.splitlines()[-1] == "0", "unknown kind: %s" % out)
    as_an = ("SELECT set_config('motcua.kind', 'citizen', false), "
             "set_config('motcua.user_id', '%s', false);" % an)
    # A citizen cannot file in another's name, nor sign another's event.
    ok, out = web_psql(
        as_an + "INSERT INTO dossiers (code, service, version, applicant_id,"
        " unit_id, state, status, data, pin_hash, pin_salt, received_at, "
        "idempotency_key) SELECT 'X-991231-0001', service, version, %s, "
        "unit_id, state, status, data, sha256('x'), pin_salt, received_at, "
        "repeat('a', 64) FROM dossiers WHERE code = '%s'" % (binh, f["an_nt"]))
    check(not ok and "row-level security" in out, "filed as Bình: " + out)
    ok, out = web_psql(
        as_an + "INSERT INTO dossier_events (dossier_id, at, actor_id, "
        "actor_kind, action, to_state) SELECT id, now(), %s, 'citizen', "
        "'x', state FROM dossiers WHERE code = '%s'" % (binh, f["an_nt"]))
    check(not ok and "row-level security" in out, "event as Bình: " + out)
    ok, out = web_psql(
        as_an + "INSERT INTO dossier_events (dossier_id, at, actor_id, "
        "actor_kind, actor_unit_id, action, to_state) SELECT id, now(), %s, "
        "'staff', unit_id, 'approve', state FROM dossiers WHERE code = '%s'"
        % (an, f["an_nt"]))
    check(not ok and "row-level security" in out, "event as staff: " + out)


@test("rls: the public lookup answers a matching code and PIN, no more")
def _():
    rc = submit("transcript-certification", transcript(), who=AN)
    code, pin = rc["code"], rc["pin"]
    ok, out = web_psql("SELECT * FROM dossier_lookup('%s', sha256('%s%s'))"
                       % (code, code, pin))
    check(ok and out.startswith(code + "|transcript-certification|"),
          "a matching PIN: %s" % out)
    eq(len(out.split("|")), 7, "columns: code, service, state, status, times")
    wrong = "%06d" % ((int(pin) + 1) % 1000000)
    ok, out = web_psql("SELECT count(*) FROM dossier_lookup('%s', "
                       "sha256('%s%s'))" % (code, code, wrong))
    check(ok and out == "0", "a wrong PIN: %s" % out)
    r = api("GET", "/api/v1/lookup?code=%s&pin=%s" % (code, pin))
    assert_status(r, 200, "lookup through the server")
    eq(r.json()["code"], code, "code")


def as_ctx(kind, user="", unit=""):
    return ("SELECT set_config('motcua.kind', '%s', false), "
            "set_config('motcua.user_id', '%s', false), "
            "set_config('motcua.unit_id', '%s', false);" % (kind, user, unit))


def unit_id(code):
    return psql("SELECT id FROM units WHERE code = '%s'" % code)


@test("rls: an event cannot open another's dossier; identity columns stay")
def _():
    f = filed()
    an, binh = user_id(AN), user_id(BINH)
    ngt, nt = unit_id("000.00.32.H26"), unit_id(SCHOOL_NT)
    clerk_ngt = user_id("clerk.thcs-ngt")
    clerk_nt = user_id("clerk.thcs-nt")
    dossier = psql("SELECT id FROM dossiers WHERE code = '%s'" % f["an_nt"])
    # Staff of another school naming themselves holder of An's dossier.
    ok, out = web_psql(
        as_ctx("staff", clerk_ngt, ngt) + "INSERT INTO dossier_events "
        "(dossier_id, at, actor_id, actor_kind, actor_unit_id, action, "
        "to_state, holder_unit_id) SELECT %s, now(), %s, 'staff', %s, "
        "'receive', 'x', %s" % (dossier, clerk_ngt, ngt, ngt))
    check(not ok and "row-level security" in out, "staff event: " + out)
    # Bình, by a second 'submit' event naming a unit.
    ok, out = web_psql(
        as_ctx("citizen", binh) + "INSERT INTO dossier_events (dossier_id, "
        "at, actor_id, actor_kind, action, to_state, holder_unit_id) SELECT "
        "%s, now(), %s, 'citizen', 'submit', 'x', %s" % (dossier, binh, ngt))
    check(not ok and ("row-level security" in out or "duplicate key" in out),
          "citizen's submit event: " + out)
    check(f["an_nt"] not in probe("clerk.thcs-ngt")["dossiers"],
          "still not reached by Nghĩa Tân")
    # Who filed it, where, its code and PIN: never changed, even by those
    # who may change its progress.
    for ctx, col, val in ((as_ctx("staff", clerk_nt, nt), "applicant_id",
                           binh),
                          (as_ctx("staff", clerk_nt, nt), "unit_id", ngt),
                          (as_ctx("citizen", an), "code", "'X-991231-0001'"),
                          (as_ctx("citizen", an), "pin_salt",
                           "repeat('0', 32)"),
                          (as_ctx("citizen", an), "applicant_id", binh)):
        refused(ctx + "UPDATE dossiers SET %s = %s WHERE code = '%s'"
                % (col, val, f["an_nt"]), "permission denied")
    # The PIN's hash is not read back; grades only through the pupils a
    # school's staff reach (none for an inspector).
    refused(as_ctx("inspector") + "SELECT pin_hash FROM dossiers",
            "permission denied")
    ok, out = web_psql(as_ctx("inspector") + "SELECT count(*) FROM grades")
    check(ok and out.split()[-1] == "0", "grades an inspector reached: %s"
          % out)
    # The day's counters advance only with a citizen's submission.
    ok, out = web_psql(as_ctx("anonymous") + "INSERT INTO dossier_counters "
                       "(unit_id, day, last) VALUES (%s, '2099-01-01', 9999)"
                       % nt)
    check(not ok and "row-level security" in out, "counters: " + out)


@test("rls: a server connected as the owner serves nothing (503, logged)")
def _():
    from lib import get, log_lines, log_size, wait_for
    since = log_size()
    stack("serve-stop")
    os.environ["STACK_DATABASE_URL"] = db_url()      # the tables' owner
    try:
        stack("serve-start")
        r = get("/healthz")
        assert_status(r, 503, "healthz as the owner")
        wait_for(lambda: any("second wall would be down" in x
                             for x in log_lines(since)), 5,
                 "the log saying why")
    finally:
        os.environ.pop("STACK_DATABASE_URL", None)
        stack("serve-stop")
        stack("serve-start")
    assert_status(get("/healthz"), 200, "healthz as motcua_web again")
    eq(probe()["role"], WEB_ROLE, "back as the server's role")
