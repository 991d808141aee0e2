"""A supplement replaces or removes files, not only adds them: the
"remove" list of the API's action and the checkboxes "remove" of the
citizen's dossier page.  The form's max-count is checked on the files
the application then has (current minus removed plus new); a removed
file is no longer part of the application but stays for the record:
listed apart, struck through on the staff's page, still downloadable,
marked with the supplement's event, in the same transaction as that
event and its audit entry."""
import json
import re

import lib
from lib import assert_problem, assert_status, check, eq, psql, test
from t_citizen_actions import csrf_of, dossier_page
from t_dossiers import (BINH, PDF, PUPIL_7_NT, SCHOOL_NGT, SCHOOL_NT, SUMMER,
                        act, api, get_dossier, multipart_body, transfer)
from t_pages import Page
from t_pages_citizen import cookie_header, signin

import t_dossiers


def setup():
    t_dossiers.setup()


def full_transfer():
    """BINH's school transfer with three proofs of residence (the
    form's max-count), received, and a supplement asked: its code and
    the ids of a.pdf, b.pdf, c.pdf."""
    names = ["a.pdf", "b.pdf", "c.pdf"]
    data = transfer(PUPIL_7_NT, SCHOOL_NT, SCHOOL_NGT, 7, "other-district",
                    residence_proof=names)
    ctype, body = multipart_body(
        {"data": data},
        [(n, "application/pdf", PDF + b"% " + n.encode() + b"\n")
         for n in names])
    r = api("POST", "/api/v1/services/school-transfer/dossiers", raw=body,
            ctype=ctype, who=BINH, now=SUMMER,
            headers={"Idempotency-Key": "supp-" + lib.sha256(body)[:32]})
    assert_status(r, 201, "submit")
    code = r.json()["code"]
    act(code, "receive", "clerk.thcs-nt")
    act(code, "request_supplement_sending", "principal.thcs-nt",
        reason="Bản chụp giấy xác nhận cư trú bị mờ.")
    ids = {a["name"]: a["id"] for a in get_dossier(code, BINH)["attachments"]}
    eq(sorted(ids), names, "three files")
    return code, ids


def supplement(code, payload, files, ctype_json=False):
    path = "/api/v1/dossiers/%s/actions/supplement_sending" % code
    if ctype_json:
        return api("POST", path, payload, who=BINH)
    ctype, body = multipart_body(payload, files)
    return api("POST", path, raw=body, ctype=ctype, who=BINH)


D_PDF = [("d.pdf", "application/pdf", PDF + b"% d, clearer\n")]


@test("supplement: the API replaces a file at max-count (remove + add)")
def _():
    code, ids = full_transfer()
    # At max-count, a new file without removing one: refused.
    r = supplement(code, {"data": {"residence_proof": ["d.pdf"]}}, D_PDF)
    j = assert_problem(r, 422, "invalid-field", field="residence_proof")
    eq(j["errors"][0]["rule"], "file-count", "rule")
    # Not a file of this dossier now: refused, nothing changed.
    state0 = get_dossier(code, BINH)["state"]["id"]
    other, _ = full_transfer()
    other_id = get_dossier(other, BINH)["attachments"][0]["id"]
    for bad in ([other_id], [0], ["1"], [ids["a.pdf"], 99999999], {"a": 1}):
        r = supplement(code, {"data": {"residence_proof": ["d.pdf"]},
                              "remove": bad}, D_PDF)
        assert_problem(r, 422, "invalid-field", field="remove")
    eq(get_dossier(code, BINH)["state"]["id"], state0, "unchanged")
    # Remove a.pdf, add d.pdf in its place.
    r = supplement(code, {"data": {"residence_proof": ["d.pdf"]},
                          "remove": [ids["a.pdf"]]}, D_PDF)
    assert_status(r, 200, "supplement")
    j = r.json()
    eq([a["name"] for a in j["attachments"]], ["b.pdf", "c.pdf", "d.pdf"],
       "the application's files")
    eq([a["name"] for a in j["removed_attachments"]], ["a.pdf"],
       "the removed one, apart")
    eq([x["name"] for x in j["data"]["residence_proof"]],
       ["b.pdf", "c.pdf", "d.pdf"], "files in data")
    # Marked by the supplement's own event; audited with it.
    eq(psql("SELECT e.action FROM attachments a JOIN dossier_events e ON "
            "e.id = a.removed_by WHERE a.id = %d" % ids["a.pdf"]),
       "supplement_sending", "removed by the supplement's event")
    eq(psql("SELECT count(*) FROM attachments WHERE removed_by IS NOT NULL "
            "AND dossier_id = (SELECT id FROM dossiers WHERE code = '%s')"
            % code), "1", "one removed")
    detail = json.loads(psql(
        "SELECT detail FROM audit_log WHERE action = 'dossier.act' AND "
        "object = 'dossier:%s' ORDER BY id DESC LIMIT 1" % code))
    eq(detail.get("removed"), [ids["a.pdf"]], "the audit entry names it")
    # Staff still download it (the record), and see it struck.
    r = api("GET", "/api/v1/dossiers/%s/attachments/%d"
            % (code, ids["a.pdf"]), who="principal.thcs-nt")
    assert_status(r, 200, "staff download the removed file")
    eq(r.body, PDF + b"% a.pdf\n", "its bytes")
    jar, _ = signin("principal.thcs-nt")
    t = lib.get("/inbox/" + code, headers={
        "Cookie": cookie_header(jar), "Accept": "text/html"}).text()
    m = re.search(r'<li class="removed"><del><a [^>]*>a\.pdf</a></del>', t)
    check(m is not None, "a.pdf struck on the staff's page")


@test("supplement: the API removes a file without adding one")
def _():
    code, ids = full_transfer()
    r = supplement(code, {"remove": [ids["b.pdf"], ids["b.pdf"]]}, [],
                   ctype_json=True)
    assert_status(r, 200, "supplement")
    eq([a["name"] for a in r.json()["attachments"]], ["a.pdf", "c.pdf"],
       "b.pdf removed (named twice: once)")


@test("supplement: the page's checkboxes \"remove\" replace a file")
def _():
    code, ids = full_transfer()
    state0 = get_dossier(code, BINH)["state"]["id"]
    jar, _ = signin(BINH)
    _, p, t = dossier_page(jar, code)
    boxes = sorted(int(v) for v in re.findall(
        r'<input type="checkbox" name="remove" value="([0-9]+)"', t))
    eq(boxes, sorted(ids.values()), "a checkbox beside each file")
    path = "/dossiers/%s/actions/supplement_sending" % code

    def send(remove):
        parts = [("csrf", csrf_of(jar))]
        parts += [("remove", str(i)) for i in remove]
        parts += [("residence_proof",) + D_PDF[0]]
        ctype, body = lib.multipart(parts)
        return lib.post(path, body, ctype, headers={
            "Cookie": cookie_header(jar), "Accept": "text/html"})

    r = send([])
    assert_status(r, 422, "a fourth file")
    check("f-residence_proof-err" in Page(r.text()).ids,
          "the error beside the field")
    r = send([ids["c.pdf"]])
    assert_status(r, 303, "answered")
    d = get_dossier(code, BINH)
    eq([a["name"] for a in d["attachments"]], ["a.pdf", "b.pdf", "d.pdf"],
       "c.pdf replaced by d.pdf")
    check(d["state"]["id"] != state0, "the supplement answered")


@test("supplement: the server's role marks removals only as its policy says")
def _():
    from t_rls import user_id, web_psql
    code, ids = full_transfer()
    other, oids = full_transfer()
    did = psql("SELECT id FROM dossiers WHERE code = '%s'" % code)
    ev = psql("SELECT max(id) FROM dossier_events WHERE dossier_id = %s"
              % did)
    oev = psql("SELECT max(e.id) FROM dossier_events e JOIN dossiers d ON "
               "d.id = e.dossier_id WHERE d.code = '%s'" % other)

    def as_citizen(login, sql):
        return web_psql(
            "BEGIN; SET LOCAL motcua.kind = 'citizen'; "
            "SET LOCAL motcua.user_id = '%s'; "
            "WITH u AS (%s RETURNING 1) SELECT count(*) FROM u; COMMIT;"
            % (user_id(login), sql))

    a = ids["a.pdf"]
    # Not the applicant: no row to change.
    eq(as_citizen("001090012345", "UPDATE attachments SET removed_by = %s "
                  "WHERE id = %d" % (ev, a)), (True, "0"), "another citizen")
    # The applicant, to another dossier's event: refused by the policy.
    ok, out = as_citizen(BINH, "UPDATE attachments SET removed_by = %s "
                         "WHERE id = %d" % (oev, a))
    check(not ok and "row-level security" in out,
          "another dossier's event: %r" % out)
    # Any other column: not granted.
    ok, out = as_citizen(BINH, "UPDATE attachments SET filename = 'x.pdf' "
                         "WHERE id = %d" % a)
    check(not ok and "permission denied" in out, "filename: %r" % out)
    # The applicant, to this dossier's event written by staff: refused
    # (the API's test shows the applicant's own supplement allowed).
    ok, out = as_citizen(BINH, "UPDATE attachments SET removed_by = %s "
                         "WHERE id = %d" % (ev, a))
    check(not ok and "row-level security" in out,
          "the staff's event: %r" % out)
    eq(psql("SELECT count(*) FROM attachments WHERE removed_by IS NOT NULL "
            "AND id IN (%d, %d)" % (a, oids["a.pdf"])), "0", "none removed")
