"""Issued documents (docs/documents.md): the issue-document effect signs
and registers a document inside the transition's transaction; each one
verifies with xmlsec1 against the department CA and is refused by it
once a byte of its content or of its signature changes, or with another
CA; /api/v1/verify and `motcua verify` say the same with the reason;
the transcript holds the school's recorded scores; a killed signer
gives 503 and leaves the dossier as it was, with no document."""
import hashlib
import json
import os
import re
import signal
import subprocess
import tempfile

from lib import (ROOT, VAR, assert_problem, assert_status, binary, check,
                 eq, multipart, psql, request, test, wait_for)
from t_dossiers import (AN, BINH, OFFICE_CG, PUPIL_7_NT, SCHOOL_NGT,
                        SCHOOL_NT, act, api, audit_rows, submit, transcript,
                        transfer_in_supplement)
import t_dossiers
import t_sign

CA = os.path.join(VAR, "keys", "ca.pem")
VC_RE = re.compile(r"^[A-Z2-7]{24}$")


def setup():
    t_dossiers.setup()
    wait_for(t_sign.signs, 15, "the signer signs")


def xmlsec(path, ca=CA):
    return subprocess.run(["xmlsec1", "--verify", "--trusted-pem", ca,
                           "--enabled-key-data", "x509", path],
                          capture_output=True, text=True, timeout=30)


def motcua_verify(path, ca=None):
    e = dict(os.environ, MOTCUA_ROOT=ROOT, MOTCUA_KEYS_DIR=os.path.join(
        VAR, "keys"), ASAN_OPTIONS="detect_leaks=0")
    e.pop("MOTCUA_DATABASE_URL", None)
    args = [binary(), "verify", path] + (["--ca", ca] if ca else [])
    return subprocess.run(args, capture_output=True, text=True, timeout=30,
                          env=e)


def verify_api(data):
    ctype, body = multipart([("file", "doc.xml", "application/xml", data)])
    r = request("POST", "/api/v1/verify", body, {"Content-Type": ctype,
                                                   "Accept": "application/json"})
    assert_status(r, 200, "POST /api/v1/verify")
    return r.json()


def documents(code, who):
    r = api("GET", "/api/v1/dossiers/%s/documents" % code, who=who)
    assert_status(r, 200, "documents of %s" % code)
    return r.json()["documents"]


def xml_of(code, doc, who):
    r = api("GET", doc["xml"], who=who)
    assert_status(r, 200, "XML of %s" % doc["result_code"])
    eq(r.header("content-type"), "application/xml", "its type")
    eq(hashlib.sha256(r.body).hexdigest(), doc["sha256"],
       "the bytes are the registry's")
    return r.body


def checked(data, what):
    """data verifies with xmlsec1, our API and `motcua verify`."""
    with tempfile.NamedTemporaryFile(suffix=".xml") as f:
        f.write(data)
        f.flush()
        p = xmlsec(f.name)
        check(p.returncode == 0 and "OK" in p.stdout + p.stderr,
              "xmlsec1 refused %s: %s" % (what, (p.stdout + p.stderr)[-500:]))
        p = motcua_verify(f.name)
        check(p.returncode == 0 and "signature is valid" in p.stdout,
              "motcua verify of %s: %s" % (what, p.stdout + p.stderr))
    v = verify_api(data)
    eq((v["valid"], v["check"]), (True, "ok"), "our verdict on %s" % what)
    return v


def transcript_to_approval(now="2026-12-01T09:00:00+07:00"):
    code = submit("transcript-certification", transcript(), now=now)["code"]
    act(code, "receive", "clerk.thcs-nt", now=now)
    act(code, "verify", "academic-officer.thcs-nt", now=now)
    return code


def grades_of(pupil, years):
    rows = json.loads(psql(
        "SELECT coalesce(json_agg(json_build_array(school_year, semester, "
        "subject, score::text) ORDER BY school_year, semester, subject), "
        "'[]') FROM grades WHERE student_code = '%s' AND school_year IN "
        "(%s)" % (pupil, ",".join("'%s'" % y for y in years))))
    return [tuple(map(str, r)) for r in rows]


@test("documents: the principal's signing issues a transcript certificate "
      "that xmlsec1 verifies, with the school's recorded scores")
def _():
    code = transcript_to_approval()
    r = act(code, "approve", "principal.thcs-nt")
    docs = documents(code, AN)
    eq([(d["kind"], d["result_code"], d["status"]) for d in docs],
       [("transcript-certificate", code + "-KQ1", "valid")], "issued")
    d = docs[0]
    check(VC_RE.match(d["verification_code"]), d["verification_code"])
    check(re.match(r"^[0-9]+/2026$", d["serial"]), d["serial"])
    eq((d["unit"]["code"], d["signer"]["title"]), (SCHOOL_NT, "Hiệu trưởng"),
       "issuer")
    data = xml_of(code, d, AN)
    checked(data, "the transcript")
    # The scores are the school's records of the years asked for.
    text = data.decode()
    got = re.findall(r'<school-year year="([0-9-]+)">(.*?)</school-year>',
                     text, re.S)
    scores = [(y, sem, subj, sc) for y, body in got for subj, sem, sc in
              re.findall(r'<score subject="([^"]+)" semester="([0-9])">'
                         r'([0-9.]+)</score>', body)]
    want = grades_of(PUPIL_7_NT, ["2023-2024", "2024-2025"])
    check(len(want) > 0, "the pupil has grades")
    eq(sorted(scores), sorted((y, s, subj, sc) for y, s, subj, sc in want),
       "scores in the document")
    name = psql("SELECT full_name FROM students WHERE code = '%s'"
                % PUPIL_7_NT)
    check("<name>%s</name>" % name in text, "the pupil's name")
    # The registry row and its audit entry come from the action's
    # request and transaction: the event is the approval's.
    rid = r.header("x-request-id")
    rows = [x for x in audit_rows("request_id = '%s'" % rid)]
    eq(sorted(x["action"] for x in rows), ["document.issued", "dossier.act"],
       "audit entries of the approval")
    eq(psql("SELECT e.action FROM documents x JOIN dossier_events e ON "
            "e.id = x.event_id WHERE x.id = %d" % d["id"]), "approve",
       "the document's event")
    eq(psql("SELECT encode(sha256, 'hex') = encode(sha256(xml), 'hex') "
            "FROM documents WHERE id = %d" % d["id"]), "t", "sha256 of xml")
    # The public record: no personal data.
    p = api("GET", "/api/v1/documents/" + d["verification_code"])
    assert_status(p, 200, "public record")
    pub = p.json()
    eq((pub["result_code"], pub["status"], pub["unit"]["code"]),
       (code + "-KQ1", "valid", SCHOOL_NT), "public record")
    check(name not in p.text() and PUPIL_7_NT not in p.text(), "no pupil data")
    # Downloads are audited; another citizen sees nothing.
    r = api("GET", d["xml"], who=AN)
    check(any(x["action"] == "document.download"
              for x in audit_rows("request_id = '%s'"
                                  % r.header("x-request-id"))),
          "download audited")
    assert_problem(api("GET", "/api/v1/dossiers/%s/documents" % code,
                       who=BINH), 404, "not-found")
    assert_problem(api("GET", "/api/v1/documents/" + "A" * 24), 404,
                   "not-found")
    assert_problem(api("GET", "/api/v1/documents/not-a-code"), 422,
                   "invalid-field", field="code")
    p = api("GET", "/api/v1/documents/" + d["verification_code"].lower())
    eq((p.status, p.json().get("result_code")), (200, code + "-KQ1"),
       "a code typed in lower case")


def tampered(data):
    """One byte of the content, one of the signature."""
    text = data.decode()
    m = re.search(r'(<score [^>]*>)([0-9])', text)
    content = text[:m.start(2)] + ("1" if m.group(2) != "1" else "2") + \
        text[m.end(2):]
    m = re.search(r"<ds:SignatureValue>(.)", text)
    c = "A" if m.group(1) != "A" else "B"
    sig = text[:m.start(1)] + c + text[m.end(1):]
    return content.encode(), sig.encode()


@test("documents: a changed byte of content or signature, or another CA: "
      "xmlsec1, /api/v1/verify and motcua verify refuse, saying why")
def _():
    code = transcript_to_approval()
    act(code, "approve", "principal.thcs-nt")
    data = xml_of(code, documents(code, AN)[0], AN)
    content, sig = tampered(data)
    with tempfile.TemporaryDirectory() as t:
        other = os.path.join(t, "other-ca.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec",
                        "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                        "-keyout", os.path.join(t, "k.pem"), "-out", other,
                        "-days", "30", "-subj", "/CN=Another CA"],
                       check=True, capture_output=True, timeout=30)
        for what, blob, ca, chk, msg in (
                ("content", content, CA, "signature",
                 "The signature does not match the content."),
                ("signature", sig, CA, "signature",
                 "The signature does not match the content."),
                ("another CA", data, other, None, None)):
            path = os.path.join(t, "doc.xml")
            with open(path, "wb") as f:
                f.write(blob)
            p = xmlsec(path, ca)
            check(p.returncode != 0, "xmlsec1 accepted a changed %s" % what)
            p = motcua_verify(path, ca if ca != CA else None)
            check(p.returncode == 1, "motcua verify accepted a changed %s: "
                  "%s" % (what, p.stdout))
            if chk is None:
                check("not issued by the department CA" in p.stdout,
                      "motcua verify with another CA: %s" % p.stdout)
                continue
            check(msg in p.stdout, "motcua verify (%s): %s" % (what, p.stdout))
            v = verify_api(blob)
            eq((v["valid"], v["check"], v["detail"]["en"]), (False, chk, msg),
               "our verdict on a changed %s" % what)
        # Signed by another tool (xmlsec1), indented: blank text is
        # content too, and it verifies against the CA that issued it.
        seed = os.path.join(ROOT, "tests", "fuzz", "corpus",
                            "fuzz_docverify", "signed")
        p = motcua_verify(seed, os.path.join(ROOT, "tests", "fuzz",
                                             "docverify-ca.pem"))
        check(p.returncode == 0 and "signature is valid" in p.stdout,
              "a document xmlsec1 signed: %s" % (p.stdout + p.stderr))
        p = motcua_verify(seed)
        check(p.returncode == 1 and "not issued by the department CA"
              in p.stdout, "against our CA: %s" % p.stdout)
        v = verify_api(b"<a/>")
        eq((v["valid"], v["check"]), (False, "signature"), "unsigned")
        v = verify_api(b"<a")
        eq((v["valid"], v["check"]), (False, "format"), "not XML")


@test("documents: a school transfer's supplement request (Mẫu 02) and its "
      "decision by the district office, and a refusal notice (Mẫu 03), "
      "each verify")
def _():
    why = "Giấy tờ cư trú không rõ."
    code = transfer_in_supplement(why)
    act(code, "supplement_sending", BINH, comment="Đã bổ sung.")
    act(code, "confirm_record", "principal.thcs-nt")
    act(code, "accept_to_district", "principal.thcs-ngt")
    act(code, "confirm_district", "specialist.pgd-cg")
    docs = documents(code, BINH)
    eq([(d["kind"], d["result_code"], d["unit"]["code"]) for d in docs],
       [("supplement-request", code + "-TB1", SCHOOL_NT),
        ("transfer-decision", code + "-KQ1", OFFICE_CG)], "the documents")
    data = xml_of(code, docs[0], BINH)
    checked(data, "the supplement request")
    check(("<item>%s</item>" % why) in data.decode(), "what is missing")
    data = xml_of(code, docs[1], BINH)
    checked(data, "the decision")
    text = data.decode()
    for part in ("<from-school>%s</from-school>" % SCHOOL_NT,
                 "<to-school>%s</to-school>" % SCHOOL_NGT,
                 "<effective-date>2026-09-05</effective-date>"):
        check(part in text, "%s in the decision" % part)

    code = submit("transcript-certification", transcript())["code"]
    reason = "Hồ sơ nộp nhầm trường."
    act(code, "refuse", "clerk.thcs-nt", reason=reason)
    docs = documents(code, AN)
    eq([(d["kind"], d["result_code"]) for d in docs],
       [("refusal-notice", code + "-TB1")], "the notice")
    data = xml_of(code, docs[0], AN)
    checked(data, "the refusal notice")
    check(("<reason>%s</reason>" % reason) in data.decode(), "its reason")


def keeper_and_signer():
    k = t_sign.keeper()
    return k, t_sign.signer_pid()


@test("documents: with the signer down the signing action answers 503 and "
      "changes nothing: same state, no document, no audit entry")
def _():
    code = transcript_to_approval()
    before = psql("SELECT state || ':' || rev FROM dossiers WHERE code = '%s'"
                  % code)
    keeper, signer = keeper_and_signer()
    os.kill(keeper, signal.SIGSTOP)     # no restart while we look
    try:
        os.kill(signer, signal.SIGKILL)
        r = act(code, "approve", "principal.thcs-nt", 503)
        assert_problem(r, 503, "unavailable")
        check("signing service" in r.json().get("detail", ""),
              "the detail says why: %s" % r.body[:300])
        check(r.header("retry-after"), "Retry-After")
    finally:
        os.kill(keeper, signal.SIGCONT)
    eq(psql("SELECT state || ':' || rev FROM dossiers WHERE code = '%s'"
            % code), before, "the dossier is unchanged")
    eq(psql("SELECT count(*) FROM documents x JOIN dossiers d ON d.id = "
            "x.dossier_id WHERE d.code = '%s'" % code), "0", "no document")
    eq([x["action"] for x in audit_rows("request_id = '%s'"
                                        % r.header("x-request-id"))
        if x["action"] in ("document.issued", "dossier.act")], [],
       "no audit entry of an action")
    wait_for(t_sign.signs, 15, "the signer restarted")
    act(code, "approve", "principal.thcs-nt")
    eq([d["result_code"] for d in documents(code, AN)], [code + "-KQ1"],
       "issued once the signer is back")


@test("documents: the citizen's dossier page and the staff's show the "
      "issued document, its signed XML to download and its code")
def _():
    from t_citizen_actions import dossier_page
    from t_pages_citizen import cookie_header, signin
    code = transcript_to_approval()
    act(code, "approve", "principal.thcs-nt")
    d = documents(code, AN)[0]
    link = "/api/v1/dossiers/%s/documents/%d/xml" % (code, d["id"])
    for who, path in ((AN, "/dossiers/" + code),
                      ("principal.thcs-nt", "/inbox/" + code)):
        jar, _ = signin(who)
        if who == AN:
            _, _, text = dossier_page(jar, code)
        else:
            r = request("GET", path, headers={"Cookie": cookie_header(jar),
                                              "Accept": "text/html"})
            assert_status(r, 200, "staff page")
            text = r.text()
        for part in ('href="%s"' % link, d["verification_code"],
                     code + "-KQ1"):
            check(part in text, "%s on %s's page" % (part, who))
        r = request("GET", link, headers={"Cookie": cookie_header(jar)})
        assert_status(r, 200, "download with the page's session (%s)" % who)
        eq(hashlib.sha256(r.body).hexdigest(), d["sha256"], "the bytes")
