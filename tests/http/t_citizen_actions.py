"""The citizen's remaining actions on a dossier, and downloads: rating a
completed dossier (API and page), withdrawing and answering a supplement
request from the dossier page (the same use case as the API's actions),
and downloading an attachment (headers, bytes, access, audit).

Helpers are t_dossiers.py's (bearer tokens, filing, acting, audit rows),
t_pages.py's (page checks) and t_pages_citizen.py's (page sign-in,
cookies, hidden fields)."""
import re
import urllib.parse
import uuid

import lib
from lib import assert_problem, assert_status, check, eq
from lib import multipart, psql, test
from t_dossiers import (AN, BINH, PDF, SCHOOL_CVA, act,
                        api, as_partner, audited, get_dossier,
                        multipart_body, partner, submit, transcript,
                        transfer_in_supplement)
from t_pages import Page, page
from t_pages_citizen import cookie_header, hidden, signin

import t_dossiers

FORM = "application/x-www-form-urlencoded"
TRANSCRIPT = "transcript-certification"
# To its result: the clerk, the academic officer, the principal.
TO_RESULT = (("receive", "clerk.thcs-nt"),
             ("verify", "academic-officer.thcs-nt"),
             ("approve", "principal.thcs-nt"),
             ("return_result", "clerk.thcs-nt"))


def setup():
    t_dossiers.setup()


def filed(who=AN, **extra):
    return submit(TRANSCRIPT, transcript(**extra), who=who)["code"]


def completed(who=AN):
    """A transcript request of `who`'s, taken to its result (status 10)."""
    code = filed(who)
    for action, staff in TO_RESULT:
        act(code, action, staff)
    eq(get_dossier(code, who)["status"]["code"], 10, "returned")
    return code


def rate(code, body, who=AN, **kw):
    return api("POST", "/api/v1/dossiers/%s/rating" % code, body, who=who,
               **kw)


def post_page(jar, path, fields, csrf=True, ctype=FORM, raw=None):
    """POST a page's form with the session's cookie (and its csrf)."""
    body = list(fields)
    if csrf:
        body.append(("csrf", csrf_of(jar)))
    data = raw if raw is not None else urllib.parse.urlencode(body)
    return lib.post(path, data, ctype, headers={
        "Cookie": cookie_header(jar), "Accept": "text/html"})


_csrf = {}


def csrf_of(jar):
    key = jar["motcua_session"]
    if key not in _csrf:
        t = lib.get("/", headers={"Cookie": cookie_header(jar),
                                    "Accept": "text/html"}).text()
        _csrf[key] = hidden(t, "csrf")
    return _csrf[key]


def dossier_page(jar, code, status=200, query=""):
    r, p = page("/dossiers/%s%s" % (code, query), status=status,
                headers={"Cookie": cookie_header(jar)})
    return r, p, r.text()


def events(code):
    return get_dossier(code, AN)["events"]


# --- rating through the API --------------------------------------------------

@test("citizen actions: rating a completed dossier, once (API)")
def _():
    code = filed()
    r = rate(code, {"rating": "satisfied"})
    j = assert_problem(r, 409, "conflict", field="rating")
    check("not completed" in j["detail"] and "chưa" in j["detail_vi"],
          "the reason, in both languages: %s" % j)
    for action, staff in TO_RESULT:
        act(code, action, staff)
    eq(get_dossier(code, AN)["rating"], None, "not rated yet")
    # Bad values change nothing and name their field.
    for body, field in (({"rating": "great"}, "rating"), ({}, "rating"),
                        ({"rating": 3}, "rating"),
                        ({"rating": "satisfied", "comment": "x" * 1001},
                         "comment")):
        r = rate(code, body)
        assert_problem(r, 422, "invalid-field", field=field)
    r = rate(code, {"rating": "satisfied", "extra": 1})
    assert_problem(r, 400, "unknown-parameter", field="extra")
    eq(get_dossier(code, AN)["rating"], None, "still not rated")
    # 1000 characters (not bytes) are fine.
    r = rate(code, {"rating": "very-satisfied", "comment": "ư" * 1000})
    assert_status(r, 201, "rated")
    j = r.json()
    eq((j["rating"], len(j["comment"])), ("very-satisfied", 1000), "201")
    check(j["rated_at"], "rated_at")
    eq(r.header("location"), "/api/v1/dossiers/" + code, "Location")
    audited(r, "dossier.rate")
    d = get_dossier(code, AN)
    eq(d["rating"], j, "GET shows the rating")
    ev = d["events"][-1]
    eq((ev["action"], ev["from"], ev["to"], ev["actor"]["kind"]),
       ("rate", "returned", "returned", "citizen"), "the rating's event")
    eq(get_dossier(code, "clerk.thcs-nt")["rating"]["rating"],
       "very-satisfied", "staff see it")
    # Once only.
    r = rate(code, {"rating": "dissatisfied"})
    j = assert_problem(r, 409, "conflict", field="rating")
    check("once" in j["detail"], "why: %s" % j["detail"])
    eq(psql("SELECT rating || '|' || (SELECT count(*) FROM dossier_events e "
            "WHERE e.dossier_id = d.id AND e.action = 'rate') FROM "
            "dossiers d WHERE code = '%s'" % code), "very-satisfied|1",
       "one rating, one event")


@test("citizen actions: rating refused to others, audited; withdrawn not rated")
def _():
    code = completed()
    before = psql("SELECT rev FROM dossiers WHERE code = '%s'" % code)
    r = rate(code, {"rating": "dissatisfied"}, who=BINH)
    assert_problem(r, 404, "not-found")
    audited(r, "dossier.denied")
    for who in ("clerk.thcs-nt", "clerk.thcs-ngt", "inspector"):
        r = rate(code, {"rating": "dissatisfied"}, who=who)
        assert_problem(r, 403, "forbidden")
        audited(r, "access.denied")
    for scope in ("dossiers:read", "dossiers:write"):
        tok = partner("Đối tác %s" % uuid.uuid4().hex[:6], "--scope", scope)
        r = lib.request("POST", "/api/v1/dossiers/%s/rating" % code,
                        body=b'{"rating": "satisfied"}',
                        headers={"Authorization": "Bearer " + tok,
                                 "Content-Type": "application/json"})
        assert_problem(r, 403, "forbidden")
        audited(r)
    r = rate(code, {"rating": "dissatisfied"}, who=None)
    assert_problem(r, 401, "unauthenticated")
    audited(r)
    eq(psql("SELECT coalesce(rating, 'none') || '|' || rev FROM dossiers "
            "WHERE code = '%s'" % code), "none|" + before, "unchanged")
    # Withdrawn: closed, but nothing was done to rate.
    code = filed()
    act(code, "withdraw", AN)
    r = rate(code, {"rating": "satisfied"})
    j = assert_problem(r, 409, "conflict", field="rating")
    check("withdrawn" in j["detail"], "why: %s" % j["detail"])


# --- the dossier page: withdraw ----------------------------------------------

@test("citizen actions: withdraw from the dossier page (csrf, warning)")
def _():
    code = filed()
    jar, _ = signin(AN)
    _, p, t = dossier_page(jar, code)
    forms = re.findall(r'<form method="post" action="/dossiers/%s/actions/'
                       r'([a-z_]+)"' % re.escape(code), t)
    eq(forms, ["withdraw"], "the applicant's actions as forms")
    check("a-withdraw-warning" in p.ids and "không thể hoàn tác" in t,
          "a clear warning")
    check("must-act" not in p.ids, "nothing asked of the citizen")
    path = "/dossiers/%s/actions/withdraw" % code
    # No csrf: refused, audited, nothing changed.
    r = post_page(jar, path, [], csrf=False)
    assert_status(r, 403, "no csrf")
    audited(r, "access.denied")
    # Another citizen: as if it did not exist.
    other, _ = signin(BINH)
    r = post_page(other, path, [])
    assert_status(r, 404, "another citizen")
    audited(r, "dossier.denied")
    # A staff action from the citizen's page: refused, said on top.
    r = post_page(jar, "/dossiers/%s/actions/receive" % code, [])
    assert_status(r, 403, "a staff action")
    check('id="page-error"' in r.text(), "the error on top")
    eq(get_dossier(code, AN)["state"]["id"], "submitted", "unchanged")
    # Staff have their own page: this route is the citizen's.
    staff, _ = signin("clerk.thcs-nt")
    r = post_page(staff, path, [])
    assert_status(r, 403, "staff")
    r = post_page(jar, path, [])
    assert_status(r, 303, "withdrawn")
    eq(r.header("location"), "/dossiers/%s?done=withdraw" % code,
       "back to the page")
    audited(r, "dossier.act")
    _, p, t = dossier_page(jar, code, query="?done=withdraw")
    check("notice" in p.ids, "a notice")
    eq(get_dossier(code, AN)["state"]["id"], "withdrawn", "withdrawn")
    check("a-withdraw" not in p.ids and 'id="rate"' not in t,
          "no action left, nothing to rate")


# --- the dossier page: a supplement ------------------------------------------

@test("citizen actions: answer a supplement request from the dossier page")
def _():
    code = filed()
    act(code, "receive", "clerk.thcs-nt")
    act(code, "request_supplement", "academic-officer.thcs-nt",
        reason="Thiếu giấy ủy quyền của phụ huynh.")
    jar, _ = signin(AN)
    _, p, t = dossier_page(jar, code)
    check("must-act" in p.ids, "the page says the citizen must act")
    check("Thiếu giấy ủy quyền của phụ huynh." in t, "and why")
    forms = re.findall(r'action="/dossiers/%s/actions/([a-z_]+)"'
                       % re.escape(code), t)
    eq(sorted(forms), ["supplement", "withdraw"], "both actions")
    check('enctype="multipart/form-data"' in t, "multipart")
    # The fields as filed; what identifies the dossier shown, not sent.
    eq(p.controls["copies"][0][1].get("value"), "2", "copies as filed")
    check("school" not in p.controls and "student_code" not in p.controls,
          "the school and the pupil cannot change")
    check("authorization" in p.controls, "a file input")
    path = "/dossiers/%s/actions/supplement" % code

    def send(fields, csrf=True, files=()):
        parts = list(fields)
        if csrf:
            parts.append(("csrf", csrf_of(jar)))
        parts += list(files) or [("authorization", "",
                                  "application/octet-stream", b"")]
        ctype, body = multipart(parts)
        return lib.post(path, body, ctype, headers={
            "Cookie": cookie_header(jar), "Accept": "text/html"})

    r = send([("copies", "3")], csrf=False)
    assert_status(r, 403, "no csrf")
    # An error beside its field, the values entered kept.
    r = send([("copies", "99"), ("phone", "0912345678")])
    assert_status(r, 422, "copies out of range")
    p = Page(r.text())
    check("f-copies-err" in p.ids, "the error beside copies")
    eq(p.controls["copies"][0][1].get("value"), "99", "the value kept")
    # A field that identifies the dossier: refused beside it.
    r = send([("school", SCHOOL_CVA)])
    assert_status(r, 422, "the school")
    check("f-school-err" in Page(r.text()).ids, "beside the school")
    eq(get_dossier(code, AN)["state"]["id"], "supplement", "unchanged")
    r = send([("copies", "3"), ("phone", "0912345678")],
             files=[("authorization", "Giấy ủy quyền.pdf",
                     "application/pdf", PDF)])
    assert_status(r, 303, "answered")
    eq(r.header("location"), "/dossiers/%s?done=supplement" % code,
       "back to the page")
    d = get_dossier(code, AN)
    eq((d["state"]["id"], d["data"]["copies"], d["paused"]),
       ("checking", 3, False), "back to the school, the clock running")
    eq([a["name"] for a in d["attachments"]], ["Giấy ủy quyền.pdf"],
       "the file attached")
    _, p, t = dossier_page(jar, code, query="?done=supplement")
    check("notice" in p.ids and "must-act" not in p.ids, "done")
    act(code, "withdraw", AN)   # out of the school's inbox (the e2e's)


@test("citizen actions: a supplement's field \"reason\" is not the action's")
def _():
    # The school transfer's form has a field "reason"; the action's own
    # reason is action_reason on the page.
    code = transfer_in_supplement()
    jar, _ = signin(BINH)
    _, p, t = dossier_page(jar, code)
    check("Giấy tờ cư trú không rõ." in t, "the staff's reason")
    eq(p.controls["reason"][0][0], "textarea", "the form's reason")
    check("action_reason" not in p.controls, "the action needs none")
    check("sending_school" not in p.controls and
          "receiving_school" not in p.controls, "the schools stay")
    parts = [("reason", "Gia đình đã chuyển nhà về Cầu Giấy."),
             ("csrf", csrf_of(jar)),
             ("residence_proof", "b.pdf", "application/pdf",
              PDF + b"% b\n")]
    ctype, body = multipart(parts)
    r = lib.post("/dossiers/%s/actions/supplement_sending" % code, body,
                 ctype, headers={"Cookie": cookie_header(jar),
                                 "Accept": "text/html"})
    assert_status(r, 303, "answered")
    d = get_dossier(code, BINH)
    eq((d["state"]["id"], d["data"]["reason"], d["events"][-1]["reason"]),
       ("sending_review", "Gia đình đã chuyển nhà về Cầu Giấy.", None),
       "the form's field changed; the event has no reason")
    eq([a["name"] for a in d["attachments"]], ["a.pdf", "b.pdf"], "files")
    act(code, "withdraw", BINH)


# --- the dossier page: rating ------------------------------------------------

@test("citizen actions: rate from the dossier page; thanks; once")
def _():
    code = filed()
    jar, _ = signin(AN)
    _, p, t = dossier_page(jar, code)
    check('id="rate"' not in t, "no rating form before it is done")
    for action, staff in TO_RESULT:
        act(code, action, staff)
    _, p, t = dossier_page(jar, code)
    eq([p.labels.get("r-rating-%d" % i) for i in (1, 2, 3)],
       ["Rất hài lòng", "Hài lòng", "Không hài lòng"], "three choices")
    check("r-comment" in p.labels, "the comment has a label")
    path = "/dossiers/%s/rating" % code
    r = post_page(jar, path, [("rating", "satisfied")], csrf=False)
    assert_status(r, 403, "no csrf")
    r = post_page(jar, path, [("rating", "great"),
                              ("comment", "Giữ lại")])
    assert_status(r, 422, "bad value")
    p = Page(r.text())
    check("r-rating-err" in p.ids, "the error beside the choices")
    check("Giữ lại" in r.text(), "the comment kept")
    other, _ = signin(BINH)
    r = post_page(other, path, [("rating", "satisfied")])
    assert_status(r, 404, "another citizen")
    r = post_page(jar, path, [("rating", "dissatisfied"),
                              ("comment", "Chậm trả kết quả.")])
    assert_status(r, 303, "rated")
    eq(r.header("location"), "/dossiers/%s?done=rate" % code, "303")
    _, p, t = dossier_page(jar, code, query="?done=rate")
    check("notice" in p.ids and "Cảm ơn" in t, "thank you")
    check("rating-value" in p.ids and "Không hài lòng" in t and
          'id="rate"' not in t, "the rating shown, no form")
    r = post_page(jar, path, [("rating", "satisfied")])
    assert_status(r, 409, "twice")
    eq(get_dossier(code, AN)["rating"]["rating"], "dissatisfied", "kept")
    # The school sees it on its page of the dossier.
    clerk, _ = signin("clerk.thcs-nt")
    r = lib.get("/inbox/" + code, headers={"Cookie": cookie_header(clerk)})
    assert_status(r, 200, "the staff's page")
    p = Page(r.text())
    check("rating-value" in p.ids and "Không hài lòng" in r.text() and
          "Chậm trả kết quả." in r.text(), "the rating on the staff's page")


# --- downloads ---------------------------------------------------------------

NAME = "Giấy ủy quyền (bản 1).pdf"


def with_file(who=AN, content=PDF):
    data = transcript(authorization=[NAME])
    ctype, body = multipart_body({"data": data},
                                 [(NAME, "application/pdf", content)])
    r = api("POST", "/api/v1/services/%s/dossiers" % TRANSCRIPT, raw=body,
            ctype=ctype, who=who,
            headers={"Idempotency-Key": str(uuid.uuid4())})
    assert_status(r, 201, "filed with a file")
    code = r.json()["code"]
    return code, get_dossier(code, who)["attachments"][0]["id"]


def download_path(code, aid):
    return "/api/v1/dossiers/%s/attachments/%s" % (code, aid)


@test("citizen actions: download an attachment: bytes, headers, audit")
def _():
    content = PDF + b"% " + uuid.uuid4().hex.encode() + b"\n"
    code, aid = with_file(content=content)
    r = api("GET", download_path(code, aid), who=AN)
    assert_status(r, 200, "download")
    eq(r.body, content, "the bytes as uploaded")
    eq(r.header("content-type"), "application/pdf", "Content-Type")
    eq(r.header("content-disposition"),
       "attachment; filename=\"Gi_y _y quy_n (b_n 1).pdf\"; "
       "filename*=UTF-8''Gi%E1%BA%A5y%20%E1%BB%A7y%20quy%E1%BB%81n%20"
       "%28b%E1%BA%A3n%201%29.pdf", "Content-Disposition")
    eq(r.header("x-content-type-options"), "nosniff", "nosniff")
    eq(r.header("cache-control"), "private, no-store", "Cache-Control")
    rows = audited(r, "attachment.download")
    d = [x for x in rows if x["action"] == "attachment.download"][0]
    eq((d["object"], d["detail"]["attachment"], d["detail"]["size"]),
       ("dossier:" + code, aid, len(content)), "the audit entry")
    # Staff of the unit, and inspectors, as they see the dossier.
    for who in ("clerk.thcs-nt", "inspector"):
        r = api("GET", download_path(code, aid), who=who)
        assert_status(r, 200, who)
        eq(r.body, content, "bytes for %s" % who)
        audited(r, "attachment.download")
    # Links on both dossier pages; a browser session may follow them.
    jar, _ = signin(AN)
    _, p, _t = dossier_page(jar, code)
    check(download_path(code, aid) in p.links, "the citizen's page links")
    staff, _ = signin("clerk.thcs-nt")
    r, p = page("/inbox/" + code, headers={"Cookie": cookie_header(staff)})
    check(download_path(code, aid) in p.links, "the staff page links")
    r = lib.get(download_path(code, aid),
                headers={"Cookie": cookie_header(jar)})
    assert_status(r, 200, "with the cookie")
    eq(r.body, content, "the bytes")
    act(code, "withdraw", AN)


@test("citizen actions: downloads refused as the dossier is, audited")
def _():
    code, aid = with_file()
    other, oid = with_file(who=BINH)
    path = download_path(code, aid)
    r = api("GET", path, who=BINH)
    assert_problem(r, 404, "not-found")
    audited(r, "dossier.denied")
    for who in ("clerk.thcs-ngt", "specialist.sgd"):
        r = api("GET", path, who=who)
        assert_problem(r, 404, "not-found")
        audited(r, "dossier.denied")
    tok = partner("Cổng tra cứu %s" % uuid.uuid4().hex[:6], "--scope",
                  "lookup")
    r = as_partner(tok, "GET", path)
    assert_problem(r, 403, "forbidden")
    audited(r)
    tok = partner("Trường khác %s" % uuid.uuid4().hex[:6], "--scope",
                  "dossiers:read", "--unit", SCHOOL_CVA)
    r = as_partner(tok, "GET", path)
    assert_problem(r, 404, "not-found")
    audited(r, "dossier.denied")
    r = api("GET", path)
    assert_problem(r, 401, "unauthenticated")
    audited(r)
    # Another dossier's attachment, an id that is none, not a number.
    for bad in (oid, 999999999, "abc", "0"):
        r = api("GET", download_path(code, bad), who=AN)
        assert_problem(r, 404, "not-found")
        audited(r, "dossier.denied")
    r = api("GET", download_path(other, oid), who=BINH)
    assert_status(r, 200, "BINH's own")
    act(code, "withdraw", AN)
    act(other, "withdraw", BINH)


@test("citizen actions: the page routes refuse all but the applicant, audited")
def _():
    code = completed()
    for path, body in (("/dossiers/%s/rating" % code,
                        [("rating", "satisfied")]),
                       ("/dossiers/%s/actions/withdraw" % code, [])):
        # Staff of the unit and of another, inspectors: not their page.
        for who in ("clerk.thcs-nt", "clerk.thcs-ngt", "inspector"):
            jar, _ = signin(who)
            r = post_page(jar, path, body)
            assert_status(r, 403, "%s on %s" % (who, path))
            audited(r, "access.denied")
        # Another citizen: as if it did not exist.
        jar, _ = signin(BINH)
        r = post_page(jar, path, body)
        assert_status(r, 404, "another citizen on %s" % path)
        audited(r, "dossier.denied")
        # A partner token, whatever its scope.
        tok = partner("Đối tác %s" % uuid.uuid4().hex[:6], "--scope",
                      "dossiers:write")
        r = lib.post(path, urllib.parse.urlencode(body), FORM, headers={
            "Authorization": "Bearer " + tok, "Accept": "text/html"})
        assert_status(r, 403, "a partner on %s" % path)
        audited(r, "access.denied")
        # Anonymous.
        r = lib.post(path, urllib.parse.urlencode(body), FORM,
                     headers={"Accept": "text/html"})
        assert_status(r, 401, "anonymous on %s" % path)
        audited(r, "access.denied")
    eq(psql("SELECT coalesce(rating, 'none') || '|' || state FROM dossiers "
            "WHERE code = '%s'" % code), "none|returned", "unchanged")
