"""Access on every route, read from the route table (fcgi/web/routes.c),
so that a route added tomorrow is held to the same rules without anyone
remembering to write its test:

  - every route that needs sign-in refuses each kind of account it does
    not list (401 for the anonymous, or a redirect to /signin for a
    browser's page; 403 for the others), and records the refusal;
  - every route that names a dossier (/dossiers/{code}, /inbox/{code})
    refuses, with 404 or 403,
    another citizen, the staff of another unit, a partner token of
    another unit, and, on the routes that change something, an inspector;
    each refusal is recorded in the audit log with the request's id, and
    the dossier is unchanged afterwards.

The first wall is what is tested here: the dossier routes are asked with
X-Motcua-Wall2: off (MOTCUA_DIAG only), which lets the database show
every row, so that a refusal must come from the core's own check;
tests/http/t_rls.py tests the second wall."""
import json
import re
import urllib.parse
import uuid

from lib import check, eq, psql, request, test
from t_dossiers import (AN, BINH, PDF, SCHOOL_NGT, SCHOOL_NT, SUMMER, api,
                        multipart_body, partner, submit, token, transcript,
                        transfer)
from t_dossiers import setup as demo_setup
from t_openapi import routes_c

KINDS = ("anonymous", "citizen", "staff", "inspector", "partner")


def setup():
    demo_setup()


def who_kinds(body, who):
    """The kinds of account a route's row lets in (None: anyone)."""
    if who.strip() == "WHO_ANYONE":
        return None
    who = who.replace("SIGNED_IN", "WHO(ACTOR_CITIZEN) | WHO(ACTOR_STAFF) | "
                      "WHO(ACTOR_INSPECTOR)")
    kinds = set(k.lower() for k in re.findall(r"WHO\(ACTOR_([A-Z]+)\)", who))
    check(kinds and kinds <= set(KINDS), "routes.c: cannot read who %r" % who)
    return kinds


def routes():
    """[(method, pattern, body flags, kinds)] but the diagnostic ones."""
    out = []
    for meth, pat, body, who in routes_c():
        if re.search(r"\bRF_DIAG\b", body):
            continue
        out.append((meth.upper(), pat, body, who_kinds(body, who)))
    return out


_creds = {}


def bearer(kind):
    """A bearer token of an account of `kind` that is an outsider to An's
    dossiers at Nguyễn Trãi (SCHOOL_NT): Bình, the clerk of Nghĩa Tân, the
    inspector (who may read), a partner of Nghĩa Tân."""
    if kind not in _creds:
        if kind == "citizen":
            _creds[kind] = token(BINH)
        elif kind == "staff":
            _creds[kind] = token("clerk.thcs-ngt")
        elif kind == "inspector":
            _creds[kind] = token("inspector")
        elif kind == "partner":
            _creds[kind] = partner("Hệ thống trường Nghĩa Tân", "--scope",
                                   "dossiers:read", "--scope",
                                   "dossiers:write", "--unit", SCHOOL_NGT)
        else:
            raise AssertionError(kind)
    return _creds[kind]


def ask(method, path, body_flags, kind, wall2=True):
    """The request as `kind`, with a minimal body of the route's kind;
    wall2=False: the database lets it read every row (X-Motcua-Wall2,
    served with MOTCUA_DIAG only), so that the first wall alone is
    tried."""
    h = {"Accept": "application/json"}
    if not wall2:
        h["X-Motcua-Wall2"] = "off"
    if kind != "anonymous":
        h["Authorization"] = "Bearer " + bearer(kind)
    data = None
    if method != "GET":
        if "BODY_JSON" in body_flags:
            h["Content-Type"] = "application/json"
            data = b"{}"
        elif "BODY_FORM" in body_flags or "BODY_MULTIPART" in body_flags:
            h["Content-Type"] = "application/x-www-form-urlencoded"
            data = b""
        h["Idempotency-Key"] = "access-test"
    return request(method, path, body=data, headers=h)


def audited(r, what):
    """The request's audit entries' reasons (at least one entry)."""
    rid = r.header("x-request-id")
    check(rid, "%s: no X-Request-Id" % what)
    rows = json.loads(psql(
        "SELECT coalesce(json_agg(coalesce(detail->>'reason', action)), "
        "'[]') FROM audit_log WHERE request_id = '%s'" % rid))
    check(rows, "%s: refused with %d but not recorded" % (what, r.status))
    return rows


def fill(pattern, values):
    def one(m):
        check(m.group(1) in values, "route %s: this test does not know what "
              "to put in {%s}; teach it" % (pattern, m.group(1)))
        return urllib.parse.quote(values[m.group(1)], safe="")
    return re.sub(r"\{([a-z_]+)\}", one, pattern)


@test("access: every route for the signed-in refuses the kinds it does "
      "not list, recorded")
def _():
    n = 0
    for method, pat, body, kinds in routes():
        if kinds is None:
            continue
        path = fill(pat, {"code": SCHOOL_NT + "-991231-9999",
                          "action": "receive", "id": "1",
                          "channel": "email"})
        for kind in KINDS:
            if kind in kinds:
                continue
            what = "%s %s as %s" % (method, pat, kind)
            r = ask(method, path, body, kind)
            n += 1
            if kind == "anonymous" and r.status == 303:
                check(r.header("location", "").startswith("/signin"),
                      "%s: redirected to %s" % (what,
                                                r.header("location")))
                continue
            eq(r.status, 401 if kind == "anonymous" else 403, what)
            audited(r, what)
    check(n > 20, "only %d refusals tried: is the route table read?" % n)


def dossier_with_file():
    """An's school transfer at Nguyễn Trãi, with an attachment."""
    data = transfer("7901020000", SCHOOL_NT, SCHOOL_NGT, 7,
                    "other-district")
    data["residence_proof"] = ["cu-tru.pdf"]
    ctype, body = multipart_body({"data": data},
                                 [("cu-tru.pdf", "application/pdf", PDF)])
    r = api("POST", "/api/v1/services/school-transfer/dossiers", raw=body,
            ctype=ctype, who=AN, now=SUMMER,
            headers={"Idempotency-Key": str(uuid.uuid4())})
    check(r.status in (200, 201), "school transfer: %d %s"
          % (r.status, r.body[:200]))
    return r.json()["code"]


def state_of(code):
    return psql("SELECT state || '/' || rev || '/' || coalesce(holder_unit_id"
                "::text, '-') FROM dossiers WHERE code = '%s'" % code)


@test("access: every route naming a dossier refuses outsiders (404/403), "
      "recorded, nothing changed")
def _():
    codes = [submit("transcript-certification", transcript(), who=AN)["code"],
             dossier_with_file()]
    att = json.loads(psql(
        "SELECT coalesce(json_agg(a.id::text), '[]') FROM attachments a JOIN "
        "dossiers d ON d.id = a.dossier_id WHERE d.code = '%s'" % codes[1]))
    check(att, "the transfer has its attachment")
    before = [state_of(c) for c in codes]
    tried = 0
    for method, pat, body, kinds in routes():
        if not re.search(r"/(dossiers|inbox)/\{code\}", pat):
            continue        # {code} of a service, or no dossier
        for code in codes:
            for kind in ("citizen", "staff", "partner", "inspector"):
                if kinds is not None and kind not in kinds:
                    continue        # refused by kind: the test above
                if kind == "inspector" and method == "GET":
                    continue        # inspectors read everything
                action = "withdraw" if kind == "citizen" else "receive"
                path = fill(pat, {"code": code, "action": action,
                                  "id": att[0], "channel": "email"})
                what = "%s %s as an outsider %s" % (method, path, kind)
                r = ask(method, path, body, kind, wall2=False)
                tried += 1
                check(r.status in (403, 404), "%s: answered %d %s"
                      % (what, r.status, r.body[:160]))
                # The database showed it: the first wall refused it.
                why = audited(r, what)
                check("no-such-dossier" not in why,
                      "%s: refused as unknown (%s), not by the first wall"
                      % (what, why))
    check(tried >= 10, "only %d refusals tried" % tried)
    eq([state_of(c) for c in codes], before, "the dossiers are unchanged")


@test("access: a partner token with no unit sees progress, no personal "
      "data")
def _():
    code = dossier_with_file()
    r = api("POST", "/api/v1/dossiers/%s/actions/receive" % code,
            {"comment": "Đã nhận hồ sơ của ông Nguyễn Văn An."},
            who="clerk.thcs-nt", now=SUMMER)
    check(r.status == 200, "receive: %d %s" % (r.status, r.body[:200]))
    tok = partner("Cổng dịch vụ công quốc gia", "--scope", "dossiers:read")
    h = {"Authorization": "Bearer " + tok}
    r = request("GET", "/api/v1/dossiers/" + code, headers=h)
    eq(r.status, 200, "the portal reads the dossier")
    d = r.json()
    eq(d["code"], code, "code")
    check(d["status"] and d["state"], "status and state: %s" % d)
    eq(d["data"], {}, "no form data")
    eq(d["attachments"], [], "no attachments")
    check(d["events"] and all(e["comment"] is None and e["reason"] is None
                              for e in d["events"]),
          "steps without comments or reasons: %s" % d["events"])
    check("Nguyễn" not in r.text() and "7901020000" not in r.text(),
          "no name or pupil code anywhere in the answer")
    # The owner's view has them, so the test above can fail.
    full = api("GET", "/api/v1/dossiers/" + code, who=AN).json()
    check(full["data"] and full["attachments"], "the applicant sees them")
    att = full["attachments"][0]["id"]
    r = request("GET", "/api/v1/dossiers/%s/attachments/%s" % (code, att),
                headers=h)
    eq(r.status, 403, "the portal may not download the files")
    audited(r, "download by a partner with no unit")
    # Its list reaches every unit's dossiers, with no personal data.
    r = request("GET", "/api/v1/dossiers?limit=200", headers=h)
    eq(r.status, 200, "list")
    check(any(x["code"] == code for x in r.json()["dossiers"]), "listed")
    check("7901020000" not in r.text(), "no pupil code in the list")
