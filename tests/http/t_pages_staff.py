"""The staff's pages (h_pages_staff.c): the inbox and its filters, the
dossier page with the actions a role may take, a reason, receiving,
verifying, approving; the inspector reads only; other units, citizens
and anonymous users refused.  Page checks are t_pages.py's, sign-in
t_pages_citizen.py's."""
import json
import os
import re
import urllib.parse

from lib import assert_status, check, eq, get, short, test

import lib
from t_pages import FORM, HTML, Page, page
from t_pages_citizen import (AN, DEMO_PASSWORD, PUPIL_7_NT, SCHOOL_NT,
                             cookie_header, demo, hidden, signin)

NGT_CLERK = "clerk.thcs-ngt"    # another school's clerk
NT_CLERK, NT_OFFICER, NT_PRINCIPAL = (
    "clerk.thcs-nt", "academic-officer.thcs-nt", "principal.thcs-nt")


def api_file_transcript():
    """A transcript request of AN's at 000.00.31.H26, filed through the
    API (a bearer token): its code."""
    demo()
    r = lib.request("POST", "/api/v1/sessions", json.dumps(
        {"cccd": AN, "password": DEMO_PASSWORD}),
        {"Content-Type": "application/json"})
    assert_status(r, 201, "API sign-in")
    tok = r.json()["token"]
    data = {"applicant_relation": "parent", "school": SCHOOL_NT,
            "student_code": PUPIL_7_NT,
            "school_years": ["2023-2024", "2024-2025"], "copies": 2,
            "purpose": "further-study", "delivery": "electronic"}
    r = lib.request("POST", "/api/v1/services/transcript-certification/"
                    "dossiers", json.dumps({"data": data}),
                    {"Content-Type": "application/json",
                     "Accept": "application/json",
                     "Authorization": "Bearer " + tok,
                     "Idempotency-Key": "pages-%d-%d" % (os.getpid(),
                                                         id(data))})
    assert_status(r, 201, "file through the API")
    return r.json()["code"]


def staff_page(path, jar, status=200, lang="vi"):
    r, p = page(path, status=status, lang=lang,
                headers={"Cookie": cookie_header(jar)})
    return r, p, r.text()


def in_inbox(jar, code, query="", headers=None):
    """Is code listed in this inbox, searched by its code (with other
    filters): not only the first page of a busy inbox."""
    h = {"Cookie": cookie_header(jar), "Accept": "text/html"}
    h.update(headers or {})
    r = get("/inbox?%scode=%s" % (query + "&" if query else "", code),
            headers=h)
    assert_status(r, 200, "the inbox searched by code")
    return "/inbox/" + code in Page(r.text()).links, r


def action_forms(t, code):
    """The actions the page offers as forms, in order."""
    return re.findall(r'<form method="post" action="/inbox/%s/actions/'
                      r'([a-z_]+)' % re.escape(code), t)


def act_page(jar, code, action, csrf=None, **fields):
    body = dict(fields)
    if csrf is not None:
        body["csrf"] = csrf
    return lib.post("/inbox/%s/actions/%s" % (code, action),
                    urllib.parse.urlencode(body), FORM,
                    headers={"Cookie": cookie_header(jar),
                             "Accept": "text/html"})


@test("pages: the inbox lists the unit's dossiers, filtered; others 403")
def _():
    code = api_file_transcript()
    jar, r = signin(NT_CLERK)
    eq(r.header("location"), "/inbox", "staff go to /inbox")
    r, p, t = staff_page("/inbox", jar)
    check(in_inbox(jar, code)[0], "the inbox lists %s" % code)
    text = p.all_text()
    for want in ("Hộp hồ sơ", "Mới đăng ký", "Thời gian còn lại",
                 "Xác nhận bảng điểm"):
        check(want in text, "%s in the inbox: %s" % (want, short(text)))
    check("<table" in t and '<th scope="col">' in t, "a table with headers")
    # Filters: by service, state and due; anything else refused.
    # (Each searched by the code too: more than a page of dossiers may
    # be open at this school.)
    check(not in_inbox(jar, code, "service=school-transfer")[0],
          "filtered out by service")
    check(in_inbox(jar, code, "service=transcript-certification"
                   "&state=submitted")[0], "kept by service and state")
    check(not in_inbox(jar, code, "state=checking")[0],
          "filtered out by state")
    check(not in_inbox(jar, code, "due=overdue")[0],
          "a new dossier is not overdue")
    # Later (the diagnostic clock): overdue, said in words.
    late = {"X-Motcua-Now": "2027-06-01T09:00:00+07:00"}
    found, r = in_inbox(jar, code, "due=overdue", late)
    check(found, "overdue a year later")
    check("Quá hạn" in Page(r.text()).all_text() and
          "flag-overdue" in r.text(),
          "the overdue flag, in words and colour")
    check(not in_inbox(jar, code, "due=soon", late)[0],
          "overdue is not due soon")
    # Pages of 50: the second links back to the first, filters kept.
    _, p, _ = staff_page("/inbox?state=submitted&page=2", jar)
    check("/inbox?state=submitted&page=1" in p.links, "a link back: %r"
          % p.links)
    for q in ("due=tomorrow", "service=nope", "state=%3Cb%3E", "page=0",
              "page=x"):
        r = get("/inbox?" + q, headers={"Cookie": cookie_header(jar),
                                        "Accept": "text/html"})
        assert_status(r, 422, "/inbox?" + q)
    r = get("/inbox?box=all", headers={"Cookie": cookie_header(jar),
                                       "Accept": "text/html"})
    assert_status(r, 400, "an unknown parameter")
    _, p, _ = staff_page("/inbox?lang=en", jar, lang="en")
    check("The unit's inbox" in p.all_text(), "English inbox")
    # Another school's clerk: not in the inbox, and not the page.
    other, _ = signin(NGT_CLERK)
    check(not in_inbox(other, code)[0], "in another unit's inbox")
    r = get("/inbox/" + code, headers={"Cookie": cookie_header(other),
                                       "Accept": "text/html"})
    check(r.status in (403, 404), "another unit's dossier page: %d"
          % r.status)
    # A citizen: not theirs; anonymous: sign in first.
    cit, _ = signin(AN)
    r = get("/inbox", headers={"Cookie": cookie_header(cit),
                               "Accept": "text/html"})
    assert_status(r, 403, "a citizen on /inbox")
    r = get("/inbox/" + code, headers={"Cookie": cookie_header(cit),
                                       "Accept": "text/html"})
    assert_status(r, 403, "a citizen on /inbox/{code}")
    r = get("/inbox", headers=HTML)
    assert_status(r, 303, "anonymous /inbox: to sign in")
    eq(r.header("location"), "/signin?next=/inbox", "sign in, then back")


@test("pages: the staff's dossier page: its actions, a reason, receive")
def _():
    code = api_file_transcript()
    jar, _ = signin(NT_CLERK)
    path = "/inbox/" + code
    r, p, t = staff_page(path, jar)
    text = p.all_text()
    check(code in text and PUPIL_7_NT in text, "code and form data")
    for want in ("Quá trình xử lý", "Thời gian còn lại", "Tệp đính kèm",
                 "Thông tin trong đơn"):
        check(want in text, "%s on the page: %s" % (want, short(text)))
    eq(action_forms(t, code), ["receive", "refuse"], "the clerk's actions")
    eq(p.ids["a-refuse-reason"][0], "textarea", "refuse asks a reason")
    check("required" in p.ids["a-refuse-reason"][1], "the reason required")
    check("a-receive-comment" not in p.ids and
          "a-receive-reason" not in p.ids, "receive needs no text")
    eq(p.labels.get("a-refuse-reason", "").rstrip("*").strip(), "Lý do",
       "the reason's label")
    csrf = hidden(t, "csrf")
    # Refuse without its reason: 422, the error beside the field.
    r = act_page(jar, code, "refuse", csrf, reason="  ")
    assert_status(r, 422, "refuse without a reason")
    p = Page(r.text())
    check("a-refuse-reason-err" in p.ids, "no error beside the reason")
    eq(p.ids["a-refuse-reason"][1].get("aria-invalid"), "true",
       "aria-invalid")
    # No form token: refused.
    r = act_page(jar, code, "receive")
    assert_status(r, 403, "receive without csrf")
    # An action the clerk may not take: 403 with a message.
    r = act_page(jar, code, "verify", csrf)
    check(r.status in (403, 409), "verify by the clerk: %d" % r.status)
    check("action-error" in Page(r.text()).ids, "a message on top")
    # Receive: back to the dossier with a notice, now "checking".
    r = act_page(jar, code, "receive", csrf)
    assert_status(r, 303, "receive")
    eq(r.header("location"), "%s?done=receive" % path, "back to the page")
    r, p, t = staff_page(r.header("location"), jar)
    check("notice" in p.ids, "a notice after the action")
    eq(action_forms(t, code), [], "the clerk has nothing left to do")
    check("no-actions" in p.ids, "says there is nothing to do")
    check(not in_inbox(jar, code, "state=submitted")[0],
          "left the clerk's tray")
    # The academic officer's inbox has it, with verify.
    off, _ = signin(NT_OFFICER)
    check(in_inbox(off, code, "state=checking")[0],
          "in the academic officer's inbox")
    _, p, t = staff_page(path, off)
    eq(action_forms(t, code), ["request_supplement", "verify"],
       "the officer's actions")
    r = act_page(off, code, "verify", hidden(t, "csrf"))
    assert_status(r, 303, "verify")
    # The principal approves.
    pri, _ = signin(NT_PRINCIPAL)
    _, p, t = staff_page(path, pri)
    check("approve" in action_forms(t, code), "the principal may approve")
    r = act_page(pri, code, "approve", hidden(t, "csrf"))
    assert_status(r, 303, "approve")
    # The inspector: the page without forms; a POST refused.
    ins, r = signin("inspector")
    eq(r.header("location"), "/inbox", "inspectors go to /inbox")
    _, p, _ = staff_page("/inbox", ins)
    check("/inbox" in p.links, "the header links to the inbox")
    check(in_inbox(ins, code)[0], "the inspector sees every dossier")
    _, p, t = staff_page(path, ins)
    eq(action_forms(t, code), [], "no action forms for the inspector")
    check("readonly" in p.ids, "says it is read-only")
    r = act_page(ins, code, "return_result", hidden(t, "csrf"))
    assert_status(r, 403, "an inspector acting")
