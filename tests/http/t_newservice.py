"""A third service added as definitions only (docs/definitions.md,
"Adding a service"): in a copy of the tree, a form with fields no other
form has (text, date, integer, select, a school, a file), a workflow
held by the department with a branch guarded by one of those fields,
and its result document in the catalogue with its template.  `motcua
check` passes on the copy; the running server is pointed at it (its MOTCUA_ROOT is a symlink,
see scripts/stack.sh) and reloaded with SIGHUP; the service is listed,
filed through the API and through its application page, each with a
file, and walked to its end by the department's staff of `motcua demo`,
one dossier down each side of the guard.  The server goes back to the
original tree afterwards, whatever happened.  And no form field id is
written in C: grepped in fcgi/."""
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import urllib.parse
import uuid

from lib import (ROOT, VAR, assert_problem, assert_status, check, eq, get,
                 master_pid, metric, metrics, multipart, test, wait_for,
                 wait_stable)

import lib
from t_dossiers import act, api, get_dossier, multipart_body
from t_pages import FORM
from t_pages_citizen import (BINH, cookie_header, demo, hidden, signin)
from t_pages_staff import action_forms, staff_page

CODE = "diploma-copy"
DEPARTMENT = "000.00.01.H26"
SCHOOL_CVA = "000.00.41.H26"
CLERK, SPECIALIST, HEAD = "clerk.sgd", "specialist.sgd", "head.sgd"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00"
       b"\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")
# The form's own fields: none of them is in forms/ (checked below).
NEW_FIELDS = ("holder_name", "holder_birth_date", "diploma_kind",
              "graduation_year", "issuing_school", "diploma_scan")

FORM_XML = """<?xml version="1.0" encoding="UTF-8"?>
<!-- A copy of a secondary school diploma from the original register,
     issued by the department (written by tests/http/t_newservice.py). -->
<form xmlns="urn:motcua:def:1" id="diploma-copy">
  <title lang="vi">Đề nghị cấp bản sao văn bằng từ sổ gốc</title>
  <title lang="en">Application for a copy of a diploma from the register</title>
  <section id="holder">
    <title lang="vi">Người được cấp văn bằng</title>
    <title lang="en">Holder of the diploma</title>
    <field id="holder_name" type="text" required="true" maxlength="100">
      <label lang="vi">Họ và tên ghi trên văn bằng</label>
      <label lang="en">Full name on the diploma</label>
    </field>
    <field id="holder_birth_date" type="date" required="true"
        min="1940-01-01" max="2015-12-31">
      <label lang="vi">Ngày sinh</label>
      <label lang="en">Date of birth</label>
    </field>
  </section>
  <section id="diploma">
    <title lang="vi">Văn bằng</title>
    <title lang="en">Diploma</title>
    <field id="diploma_kind" type="select" required="true">
      <label lang="vi">Loại văn bằng</label>
      <label lang="en">Kind of diploma</label>
      <option value="upper-secondary">
        <label lang="vi">Bằng tốt nghiệp trung học phổ thông</label>
        <label lang="en">Upper secondary diploma</label>
      </option>
      <option value="lower-secondary">
        <label lang="vi">Bằng tốt nghiệp trung học cơ sở</label>
        <label lang="en">Lower secondary diploma</label>
      </option>
    </field>
    <field id="graduation_year" type="integer" required="true"
        min="1975" max="2026">
      <label lang="vi">Năm tốt nghiệp</label>
      <label lang="en">Year of graduation</label>
    </field>
    <field id="issuing_school" type="unit" unit-kind="school"
        required="true">
      <label lang="vi">Trường nơi tốt nghiệp</label>
      <label lang="en">School of graduation</label>
    </field>
    <field id="diploma_scan" type="file" required="true"
        accept="application/pdf image/jpeg image/png"
        max-size="1048576" max-count="2">
      <label lang="vi">Ảnh chụp hoặc bản quét văn bằng (nếu còn)</label>
      <label lang="en">Photo or scan of the diploma (if kept)</label>
    </field>
  </section>
</form>
"""

WORKFLOW_XML = """<?xml version="1.0" encoding="UTF-8"?>
<!-- Registers from before 2006 are in the archive: the head of the
     department signs those copies (written by tests/http/t_newservice.py). -->
<workflow xmlns="urn:motcua:def:1" code="diploma-copy"
    catalogue="0.000000" form="diploma-copy">
  <name lang="vi">Cấp bản sao văn bằng từ sổ gốc</name>
  <name lang="en">Copy of a diploma from the original register</name>
  <legal-basis lang="vi">Nghị định 23/2015/NĐ-CP về cấp bản sao từ sổ gốc.</legal-basis>
  <legal-basis lang="en">Decree 23/2015/NĐ-CP on copies from original registers.</legal-basis>
  <fee amount="0"/>
  <deadline working-days="5"/>

  <state id="submitted" status="1" clock="running" initial="true">
    <name lang="vi">Mới đăng ký</name>
    <name lang="en">Submitted</name>
    <holder role="clerk" unit="department"/>
  </state>
  <state id="register_check" status="4" clock="running">
    <name lang="vi">Chuyên viên đối chiếu sổ gốc</name>
    <name lang="en">Checked against the register</name>
    <holder role="specialist" unit="department"/>
  </state>
  <state id="archive_review" status="4" clock="running">
    <name lang="vi">Lãnh đạo Sở duyệt bản sao từ sổ lưu trữ</name>
    <name lang="en">The head approves a copy from the archive</name>
    <holder role="head" unit="department"/>
  </state>
  <state id="copy_ready" status="9" clock="running">
    <name lang="vi">Đã có bản sao, chờ trả kết quả</name>
    <name lang="en">Copy ready to be returned</name>
    <holder role="clerk" unit="department"/>
  </state>
  <state id="handed_over" status="10" clock="stopped" final="true">
    <name lang="vi">Đã trả bản sao</name>
    <name lang="en">Copy handed over</name>
  </state>
  <state id="turned_down" status="3" clock="stopped" final="true">
    <name lang="vi">Không cấp bản sao</name>
    <name lang="en">Turned down</name>
  </state>
  <state id="withdrawn" status="7" clock="stopped" final="true">
    <name lang="vi">Công dân đã rút hồ sơ</name>
    <name lang="en">Withdrawn by the applicant</name>
  </state>

  <action id="take_in" from="submitted" to="register_check" roles="clerk">
    <label lang="vi">Tiếp nhận hồ sơ</label>
    <label lang="en">Take in</label>
    <effect kind="notify-applicant"/>
  </action>
  <action id="turn_down" from="submitted archive_review" to="turned_down"
      roles="clerk head" require="reason">
    <label lang="vi">Không cấp bản sao</label>
    <label lang="en">Turn down</label>
    <effect kind="issue-document" document="refusal-notice"/>
    <effect kind="notify-applicant"/>
  </action>
  <action id="copy_from_register" from="register_check" to="copy_ready"
      roles="specialist">
    <label lang="vi">Cấp bản sao từ sổ gốc</label>
    <label lang="en">Copy from the register</label>
    <guard>graduation_year &gt;= 2006</guard>
    <effect kind="issue-document" document="diploma-copy"/>
  </action>
  <action id="send_to_archive" from="register_check" to="archive_review"
      roles="specialist">
    <label lang="vi">Trình lãnh đạo Sở (sổ lưu trữ)</label>
    <label lang="en">Send to the head (archived register)</label>
    <guard>graduation_year &lt; 2006</guard>
  </action>
  <action id="approve_archive_copy" from="archive_review" to="copy_ready"
      roles="head">
    <label lang="vi">Duyệt bản sao từ sổ lưu trữ</label>
    <label lang="en">Approve the copy from the archive</label>
    <effect kind="issue-document" document="diploma-copy"/>
  </action>
  <action id="hand_over" from="copy_ready" to="handed_over" roles="clerk">
    <label lang="vi">Trả bản sao</label>
    <label lang="en">Hand over the copy</label>
    <effect kind="notify-applicant"/>
  </action>
  <action id="withdraw" from="submitted register_check" to="withdrawn"
      roles="applicant">
    <label lang="vi">Rút hồ sơ</label>
    <label lang="en">Withdraw the application</label>
  </action>
</workflow>
"""

DOCUMENT_XML = """
  <document id="diploma-copy">
    <name lang="vi">Bản sao văn bằng từ sổ gốc</name>
    <name lang="en">Copy of a diploma from the original register</name>
  </document>
"""

# A new kind of document is a catalogue entry and its template
# (docs/documents.md): the facts in, the document out.
TEMPLATE_XSL = """<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:f="urn:motcua:doc:1" xmlns="urn:motcua:doc:1"
    exclude-result-prefixes="f">
  <xsl:template match="/f:facts">
    <document kind="{f:document/@kind}">
      <title>BẢN SAO VĂN BẰNG</title>
      <result-code><xsl:value-of select="f:document/@result-code"/></result-code>
      <verification-code><xsl:value-of select="f:document/@verification-code"/></verification-code>
      <holder><xsl:value-of select="f:field[@id='holder_name']/f:value"/></holder>
      <signer><xsl:value-of select="f:issuer/@signer-name"/></signer>
    </document>
  </xsl:template>
</xsl:stylesheet>
"""


def _write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def _tree():
    """A copy of what the server reads at load, with the new service:
    its form, its workflow, its document in the catalogue."""
    tmp = tempfile.mkdtemp(prefix="motcua-newsvc-")
    for d in ("forms", "workflows", "schemas", "calendar", "templates",
              "migrations"):
        shutil.copytree(os.path.join(ROOT, d), os.path.join(tmp, d))
    _write(os.path.join(tmp, "forms", CODE + ".xml"), FORM_XML)
    _write(os.path.join(tmp, "workflows", CODE + ".xml"), WORKFLOW_XML)
    cat = os.path.join(tmp, "workflows", "catalogue.xml")
    with open(cat, encoding="utf-8") as f:
        text = f.read()
    check(text.count("</catalogue>") == 1, "catalogue.xml has one end")
    _write(cat, text.replace("</catalogue>", DOCUMENT_XML + "</catalogue>"))
    _write(os.path.join(tmp, "templates", "documents", "diploma-copy.xsl"),
           TEMPLATE_XSL)
    # The server drops root: its user reads the copy.
    for dirpath, dirs, files in os.walk(tmp):
        os.chmod(dirpath, 0o755)
        for n in files:
            os.chmod(os.path.join(dirpath, n), 0o644)
    return tmp


def _point(target):
    """Point the running server's MOTCUA_ROOT at target, atomically, and
    SIGHUP it: the next generation serves target's definitions."""
    link = os.path.join(VAR, "root")
    check(os.path.islink(link), "%s is not a symlink (scripts/stack.sh)"
          % link)
    m = master_pid()
    gen = metric(metrics(), "motcua_generation")
    tmp_link = link + ".new"
    if os.path.lexists(tmp_link):
        os.unlink(tmp_link)
    os.symlink(target, tmp_link)
    os.replace(tmp_link, link)
    os.kill(m, signal.SIGHUP)
    wait_for(lambda: metric(metrics(), "motcua_generation") == gen + 1, 15,
             "generation + 1 after SIGHUP")
    wait_stable()
    eq(master_pid(), m, "the same master")


def _codes():
    r = get("/api/v1/services")
    assert_status(r, 200, "GET /api/v1/services")
    return sorted(x["code"] for x in r.json()["services"])


def _file_api(year):
    """Filed by BINH through the API, JSON and a file: the dossier."""
    data = {"holder_name": "Trần Thị Bình", "holder_birth_date":
            "1995-06-15", "diploma_kind": "upper-secondary",
            "graduation_year": year, "issuing_school": SCHOOL_CVA,
            "diploma_scan": ["bang-tot-nghiep.pdf"]}
    ctype, body = multipart_body(
        {"data": data}, [("bang-tot-nghiep.pdf", "application/pdf", PDF)])
    r = api("POST", "/api/v1/services/%s/dossiers" % CODE, raw=body,
            ctype=ctype, who=BINH,
            headers={"Idempotency-Key": str(uuid.uuid4())})
    assert_status(r, 201, "filed through the API")
    return r.json()


def _file_page(year):
    """Filed by BINH through the application page, with a file: the
    dossier's code, from the receipt's address."""
    jar, _ = signin(BINH)
    path = "/services/%s" % CODE
    r = get(path, headers={"Cookie": cookie_header(jar),
                           "Accept": "text/html"})
    assert_status(r, 200, "the application page")
    t = r.text()
    for f in NEW_FIELDS:
        check('name="%s"' % f in t, "the page has no input %s" % f)
    parts = [("idempotency_key", hidden(t, "idempotency_key")),
             ("csrf", hidden(t, "csrf")),
             ("holder_name", "Trần Thị Bình"),
             ("holder_birth_date", "1978-02-03"),
             ("diploma_kind", "lower-secondary"),
             ("graduation_year", str(year)),
             ("issuing_school", SCHOOL_CVA),
             ("diploma_scan", "bang-thcs.png", "image/png", PNG)]
    ctype, body = multipart(parts)
    r = lib.post(path + "/apply", body, ctype,
                 headers={"Cookie": cookie_header(jar),
                          "Accept": "text/html"})
    assert_status(r, 303, "filed through the page")
    m = re.match(r"^/dossiers/(%s-[0-9]{6}-[0-9]{4,})/receipt$"
                 % re.escape(DEPARTMENT), r.header("location") or "")
    check(m is not None, "redirect to the receipt: %r"
          % r.header("location"))
    return m.group(1)


def _act_page(login, code, action, **fields):
    """An action through the staff's dossier page, which offers it."""
    jar, _ = signin(login)
    _, _, t = staff_page("/inbox/" + code, jar)
    check(action in action_forms(t, code), "%s not offered to %s: %s"
          % (action, login, action_forms(t, code)))
    body = dict(fields, csrf=hidden(t, "csrf"))
    r = lib.post("/inbox/%s/actions/%s" % (code, action),
                 urllib.parse.urlencode(body), FORM,
                 headers={"Cookie": cookie_header(jar),
                          "Accept": "text/html"})
    assert_status(r, 303, "%s by %s through the page" % (action, login))


def _walked(code, path, final):
    """At its end: the state and status, the file, an event per step
    and an audit entry per event."""
    j = get_dossier(code, BINH)
    eq((j["state"]["id"], j["status"]["code"]), final,
       "%s at its end" % code)
    eq([a["field"] for a in j["attachments"]], ["diploma_scan"],
       "the file of %s" % code)
    steps = [e["action"] for e in j["events"]]
    eq(steps[1:], path, "the events of %s" % code)
    eq(j["events"][-1]["to"], final[0], "the last event's state")
    audit = json.loads(lib.psql(
        "SELECT json_agg(coalesce(detail->>'action', action) ORDER BY id) "
        "FROM audit_log WHERE action IN ('dossier.submit', 'dossier.act') "
        "AND object LIKE '%%%s'" % code))
    eq(audit, ["dossier.submit"] + path, "the audit entries of %s" % code)


def _walk_api(code):
    """Registers from 2006 on: the specialist copies it himself."""
    act(code, "take_in", CLERK)
    # The guard: this copy is not the head's to approve.
    r = api("POST", "/api/v1/dossiers/%s/actions/send_to_archive" % code,
            {}, who=SPECIALIST)
    assert_problem(r, 409, "conflict", field="action")
    act(code, "copy_from_register", SPECIALIST)
    act(code, "hand_over", CLERK)
    return ["take_in", "copy_from_register", "hand_over"]


def _walk_pages(code):
    """Registers before 2006: the head approves the copy (the guard's
    other side), every step through the staff's pages."""
    _act_page(CLERK, code, "take_in")
    jar, _ = signin(SPECIALIST)
    _, _, t = staff_page("/inbox/" + code, jar)
    check("copy_from_register" not in action_forms(t, code),
          "the guarded-out action is offered")
    _act_page(SPECIALIST, code, "send_to_archive")
    _act_page(HEAD, code, "approve_archive_copy")
    _act_page(CLERK, code, "hand_over")
    return ["take_in", "send_to_archive", "approve_archive_copy",
            "hand_over"]


@test("newservice: definitions only, SIGHUP, API and page, to its end")
def _():
    demo()
    before = _codes()
    check(CODE not in before, "%s already served" % CODE)
    link = os.path.join(VAR, "root")
    check(os.path.islink(link), "%s is not a symlink (scripts/stack.sh)"
          % link)
    original = os.readlink(link)
    tmp = _tree()
    try:
        e = dict(os.environ, MOTCUA_ROOT=tmp, ASAN_OPTIONS="detect_leaks=0")
        p = subprocess.run([lib.binary(), "check"], capture_output=True,
                           text=True, timeout=60, env=e)
        eq((p.returncode, p.stdout.strip().splitlines()[-1:]),
           (0, ["definitions OK"]), "motcua check: %s" % p.stderr[-400:])
        _point(tmp)
        eq(_codes(), sorted(before + [CODE]), "the services listed")
        j = get("/api/v1/services/" + CODE).json()
        eq(sorted(f["id"] for f in j["form"]["fields"]), sorted(NEW_FIELDS),
           "the form's fields")

        d1 = _file_api(2010)
        c1 = d1["code"]
        check(c1.startswith(DEPARTMENT + "-"), "held by the department: %s"
              % c1)
        eq((d1["service"], d1["state"], d1["status"]),
           (CODE, "submitted", 1), "the receipt")
        c2 = _file_page(1998)
        _walked(c1, _walk_api(c1), ("handed_over", 10))
        _walked(c2, _walk_pages(c2), ("handed_over", 10))
        eq(get_dossier(c2, BINH)["data"]["graduation_year"], 1998,
           "the page's integer stored as a number")
    finally:
        _point(original)
        shutil.rmtree(tmp, ignore_errors=True)
    eq(_codes(), before, "the original services again")
    # Its dossiers outlive the service's definition: still shown.
    eq(get_dossier(c1, BINH)["state"]["id"], "handed_over", "c1 after")
    jar, _ = signin(BINH)
    for path in ("/my", "/dossiers/" + c2):
        r = get(path, headers={"Cookie": cookie_header(jar),
                               "Accept": "text/html"})
        assert_status(r, 200, "%s after the service is gone" % path)
    jar, _ = signin(CLERK)
    staff_page("/inbox/" + c2, jar)


def _c_strings(path):
    """The string literals of a C file, its comments removed."""
    with open(path, encoding="utf-8") as f:
        text = re.sub(r"/\*.*?\*/", " ", f.read(), flags=re.S)
    return re.findall(r'"((?:[^"\\\n]|\\.)*)"', text)


@test("newservice: no form field id is written in C")
def _():
    ids = set(NEW_FIELDS)
    for name in os.listdir(os.path.join(ROOT, "forms")):
        with open(os.path.join(ROOT, "forms", name), encoding="utf-8") as f:
            ids |= set(re.findall(r'<field id="([a-z0-9_-]+)"', f.read()))
    check(len(ids) > len(NEW_FIELDS), "no field ids read from forms/")
    # Words that name something else in C, not a form's field: the
    # columns a prefill reads (applicant, student), the registration
    # page's inputs, an action's reason and a partner token's scope.
    other = {"phone", "email", "date_of_birth", "school", "grade",
             "reason", "scope"}
    found = []
    for dirpath, _, files in os.walk(os.path.join(ROOT, "fcgi")):
        for n in files:
            if n.endswith((".c", ".h")):
                p = os.path.join(dirpath, n)
                found += ["%s: %s" % (os.path.relpath(p, ROOT), x)
                          for x in _c_strings(p) if x in ids - other]
    eq(found, [], "form field ids in fcgi/")
    check(_c_strings(os.path.join(ROOT, "fcgi", "app", "submit.c")),
          "test bug: no string found in fcgi/app/submit.c")
