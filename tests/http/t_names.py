"""Names people read, checked where they come in: a file's name (its
extension must agree with the type found in the content; a NUL in a
multipart filename is refused by the parser, as it would cut the name
short), a citizen's full name at registration (API and page), a form's
one-line text field, and the names given to `motcua users` and
`motcua units`.  Characters that are not seen (controls, zero-width) or
that reorder what is seen (bidi controls) are refused with a bilingual
message naming the field: base/utf8.h utf8_name(), one rule for all.

Helpers are t_dossiers.py's (filing), t_accounts.py's (the command, a
new CCCD), t_register.py's and t_pages_citizen.py's (the pages)."""
import random
import re
import uuid

from lib import assert_problem, assert_status, check, eq, psql, test
from t_accounts import motcua, new_cccd
from t_dossiers import (AN, BINH, PDF, PUPIL_7_NT, SCHOOL_NGT, SCHOOL_NT,
                        api, multipart_body, sql_str, transcript, transfer)
from t_pages_citizen import apply, signin, transcript_fields
from t_register import fields, post_register

import t_accounts
import t_dossiers

SUMMER = t_dossiers.SUMMER
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
# The characters of the review: bidi controls, then zero-width ones.
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066",
        "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
HIDDEN = BIDI + ZERO_WIDTH


def setup():
    t_dossiers.setup()


def file_submit(filename, content=PDF, named=None):
    """A school transfer of BINH's with one file in residence_proof, sent
    as filename and named in "data" as named (default: filename)."""
    data = transfer(PUPIL_7_NT, SCHOOL_NT, SCHOOL_NGT, 7, "other-district",
                    residence_proof=[named or filename])
    ctype, body = multipart_body({"data": data},
                                 [(filename, "application/pdf", content)])
    return api("POST", "/api/v1/services/school-transfer/dossiers", raw=body,
               ctype=ctype, who=BINH, now=SUMMER,
               headers={"Idempotency-Key": str(uuid.uuid4())})


def refused(r, status, slug, field, rule=None):
    """The problem, naming the field; with a rule, one error under it in
    both languages, the Vietnamese not the English."""
    j = assert_problem(r, status, slug, field=field)
    if rule is not None:
        eq([(e["field"], e["rule"]) for e in j["errors"]], [(field, rule)],
           "errors")
        e = j["errors"][0]
        check(e["detail"] and e["detail_vi"] and
              e["detail"] != e["detail_vi"], "bilingual: %s" % e)
    return j


def stored_files(name):
    return psql("SELECT count(*) FROM attachments WHERE filename = %s"
                % sql_str(name))


@test("names: a PDF named x.html is refused (422 file-extension, why in "
      "both languages); x.PDF is not")
def _():
    j = refused(file_submit("giay-cu-tru.html"), 422, "invalid-field",
                "residence_proof", "file-extension")
    e = j["errors"][0]
    check(".pdf for PDF" in e["detail"] and ".pdf cho PDF" in e["detail_vi"],
          "the reason names the extensions: %s" % e)
    for name in ("giay-cu-tru.pdf.html", "giay-cu-tru", "anh.png"):
        refused(file_submit(name), 422, "invalid-field", "residence_proof",
                "file-extension")
    # A PNG named .pdf: the name says PDF, the content PNG.
    refused(file_submit("anh.pdf", PNG), 422, "invalid-field",
            "residence_proof", "file-extension")
    eq(stored_files("giay-cu-tru.html"), "0", "nothing stored")
    assert_status(file_submit("GIAY-CU-TRU.PDF"), 201, "any case")
    assert_status(file_submit("anh.png", PNG), 201, "a PNG named .png")


@test("names: the application page says why a file's name is refused")
def _():
    jar, _ = signin(AN)
    r = apply(jar, transcript_fields(applicant_relation="guardian") +
              [("authorization", "giam-ho.html", "application/pdf", PDF)])
    assert_status(r, 422, "a PDF named .html")
    err = re.search(r'id="f-authorization-err">(.*?)</p>', r.text(), re.S)
    check(err and "phần mở rộng" in err.group(1) and ".pdf" in err.group(1),
          "the error beside the file input: %s" % (err and err.group(1)))


@test("names: a NUL in a multipart filename is refused (400, the field)")
def _():
    # Read as a C string, "a.pdf\0.html" is "a.pdf", which "data" names.
    r = file_submit("nul-cu-tru.pdf\0.html", named="nul-cu-tru.pdf")
    refused(r, 400, "malformed-body", "file")
    eq(stored_files("nul-cu-tru.pdf"), "0", "nothing stored")
    # The page's form, too: the field is the file input.
    jar, _ = signin(AN)
    r = apply(jar, transcript_fields(applicant_relation="guardian") +
              [("authorization", "giam-ho.pdf\0.html", "application/pdf",
                PDF)])
    assert_status(r, 400, "the page")


@test("names: bidi, zero-width and control characters in a file name are "
      "refused (422 file-name)")
def _():
    # U+202E: "cu-tru-" RLO "lmth.pdf" is shown as "cu-tru-fdp.html".
    # (ESC and DEL never get so far: the parameters' check refuses them.)
    for c in HIDDEN + ["\t", "\x85"]:
        r = file_submit("cu-tru-%slmth.pdf" % c)
        j = refused(r, 422, "invalid-field", "residence_proof", "file-name")
        check("text-direction" in j["errors"][0]["detail"],
              "U+%04X: the reason: %s" % (ord(c), j["errors"][0]))
    eq(psql("SELECT count(*) FROM attachments WHERE filename LIKE "
            "'cu-tru-%lmth.pdf'"), "0", "nothing stored")


@test("names: registration refuses bidi and zero-width characters in the "
      "full name (API 422 and page, bilingual, the field named)")
def _():
    for c in HIDDEN:
        body = {"cccd": new_cccd(), "full_name": "Lê Thị%s Hoa" % c,
                "phone": "0912345678", "password": t_accounts.PASSWORD}
        r = t_accounts.api("POST", "/api/v1/citizens", body)
        j = refused(r, 422, "invalid-field", "full_name")
        check("text-direction" in j["detail"] and
              "đổi chiều" in j["detail_vi"], "U+%04X: %s" % (ord(c), j))
        eq(psql("SELECT count(*) FROM users WHERE cccd = '%s'"
                % body["cccd"]), "0", "nobody made")
    r = post_register(fields(full_name="Đặng Thị Lan\u202e"))
    assert_status(r, 422, "the page")
    err = re.search(r'id="f-full_name-err">([^<]*)<', r.text())
    check(err and "đổi chiều văn bản" in err.group(1),
          "the error beside the full name: %s" % (err and err.group(1)))
    r = t_accounts.api("POST", "/api/v1/citizens", {
        "cccd": new_cccd(), "full_name": "Nguyễn Thị Ánh",
        "phone": "0912345678", "password": t_accounts.PASSWORD})
    assert_status(r, 201, "a name without them")


@test("names: a form's one-line text field refuses bidi and zero-width "
      "characters (422 type, the field named)")
def _():
    for c in ("\u202e", "\u2067", "\u200b", "\ufeff", "\t"):
        r = api("POST", "/api/v1/services/transcript-certification/dossiers",
                {"data": transcript(purpose="other",
                                    purpose_other="Xin%s việc" % c)},
                who=AN, headers={"Idempotency-Key": str(uuid.uuid4())})
        j = refused(r, 422, "invalid-field", "purpose_other", "type")
        check("text-direction" in j["errors"][0]["detail"],
              "U+%04X: %s" % (ord(c), j["errors"][0]))


@test("names: `motcua users --name`, a partner's name and `motcua units "
      "--vi/--en` refuse bidi and zero-width characters")
def _():
    for c in ("\u202e", "\u2066", "\u200f", "\u200b", "\u200d", "\ufeff"):
        cccd = new_cccd()
        p = motcua("users", "add-citizen", cccd, "--name", "Hà Văn%s Tư" % c,
                   "--phone", "0912345678",
                   stdin=t_accounts.PASSWORD + "\n")
        check(p.returncode != 0 and "--name" in p.stderr and
              "text-direction" in p.stderr,
              "U+%04X: exit %d: %s" % (ord(c), p.returncode, p.stderr))
        eq(psql("SELECT count(*) FROM users WHERE cccd = '%s'" % cccd), "0",
           "nobody made")
    user = "names%d.test" % random.randrange(10 ** 6)
    p = motcua("users", "add-staff", user, "--unit", SCHOOL_NT, "--role",
               "clerk", "--name", "Lê\u202eVăn", stdin=t_accounts.PASSWORD +
               "\n")
    check(p.returncode != 0 and "--name" in p.stderr, "staff: %s" % p.stderr)
    p = motcua("users", "add-partner", "Đối\u200btác", "--scope", "lookup")
    check(p.returncode != 0 and "NAME" in p.stderr, "partner: %s" % p.stderr)
    code = "000.00.%02d.N%02d" % (random.randrange(50, 99),
                                  random.randrange(100))
    p = motcua("units", "add", code, "--kind", "school", "--level",
               "primary", "--parent", "000.00.11.H26", "--vi",
               "Trường\u2067 Thử", "--en", "Test School")
    check(p.returncode != 0 and "--vi" in p.stderr, "unit: %s" % p.stderr)
    # Decomposed, a name is kept composed, as the web keeps it.
    cccd = new_cccd()
    p = motcua("users", "add-citizen", cccd, "--name", "Ha\u0300 Tu\u031b",
               "--phone", "0912345678", stdin=t_accounts.PASSWORD + "\n")
    check(p.returncode == 0, "add-citizen: %s" % p.stderr)
    eq(psql("SELECT full_name FROM users WHERE cccd = '%s'" % cccd),
       "H\u00e0 T\u01b0", "stored in NFC")
