"""Text typed decomposed (NFD: macOS file names, some keyboards) is kept
composed (NFC) wherever it comes in: strings at any depth of a JSON
document, a JSON body or a multipart "payload_json" alike, even when
\\u-escaped (Python's json.dumps); and passwords set with `motcua users`,
so that they verify on the web sign-in.

Helpers are t_dossiers.py's (filing, acting) and t_accounts.py's (the
command, signing in)."""
import random
import unicodedata
import uuid

from lib import assert_status, check, eq, psql, test
from t_accounts import clear_failures, motcua, signin
from t_dossiers import (BINH, PDF, PUPIL_7_NT, SCHOOL_NGT, SCHOOL_NT,
                        act, api, get_dossier, multipart_body, sql_str,
                        transfer)

import t_dossiers

SUMMER = t_dossiers.SUMMER


def nfd(s):
    d = unicodedata.normalize("NFD", s)
    check(d != s, "test bug: %r has no decomposed form" % s)
    return d


def nfc(s):
    return unicodedata.normalize("NFC", s)


def setup():
    t_dossiers.setup()


def stored(sql):
    """One value by psql, which must be in NFC."""
    v = psql(sql)
    eq(v, nfc(v), "stored in NFC")
    return v


@test("nfc: an NFD file name named in a \\u-escaped payload_json matches")
def _():
    name, reason = "giấy cư trú.pdf", "Gia đình chuyển về Hà Nội."
    data = transfer(PUPIL_7_NT, SCHOOL_NT, SCHOOL_NGT, 7, "other-district",
                    residence_proof=[nfd(name)], reason=nfd(reason))
    ctype, body = multipart_body({"data": data},
                                 [(nfd(name), "application/pdf", PDF)])
    check(b"\\u" in body and body.find(nfd(name).encode()) > 0,
          "test bug: \\u-escaped JSON, the file name raw NFD")
    r = api("POST", "/api/v1/services/school-transfer/dossiers", raw=body,
            ctype=ctype, who=BINH, now=SUMMER,
            headers={"Idempotency-Key": str(uuid.uuid4())})
    assert_status(r, 201, "NFD file name, \\u-escaped payload_json")
    code = r.json()["code"]
    d = get_dossier(code, BINH)
    eq([a["name"] for a in d["attachments"]], [name], "attachment name")
    eq((d["data"]["residence_proof"][0]["name"], d["data"]["reason"]),
       (name, reason), "in data")
    where = ("FROM dossiers d JOIN attachments a ON a.dossier_id = d.id "
             "WHERE d.code = %s" % sql_str(code))
    eq(stored("SELECT a.filename " + where), name, "stored file name")
    eq(stored("SELECT d.data->>'reason' " + where), reason, "stored data")

    # An action's reason in a JSON body, and its comment and files in a
    # payload_json: the same.
    why = "Giấy tờ cư trú không rõ."
    act(code, "receive", "clerk.thcs-nt")
    act(code, "request_supplement_sending", "principal.thcs-nt",
        reason=nfd(why))
    eq(stored("SELECT e.reason FROM dossier_events e JOIN dossiers d ON "
              "d.id = e.dossier_id WHERE d.code = %s AND e.action = "
              "'request_supplement_sending'" % sql_str(code)), why,
       "stored reason")
    more, note = "bản sao hộ khẩu.pdf", "Đã bổ sung bản sao."
    ctype, body = multipart_body(
        {"data": {"residence_proof": [nfd(more)]}, "comment": nfd(note)},
        [(nfd(more), "application/pdf", PDF + b"% 2\n")])
    r = api("POST", "/api/v1/dossiers/%s/actions/supplement_sending" % code,
            raw=body, ctype=ctype, who=BINH)
    assert_status(r, 200, "supplement with NFD names")
    eq([a["name"] for a in r.json()["attachments"]], [name, more],
       "attachments after the supplement")
    eq(stored("SELECT e.comment FROM dossier_events e JOIN dossiers d ON "
              "d.id = e.dossier_id WHERE d.code = %s AND e.action = "
              "'supplement_sending'" % sql_str(code)), note,
       "stored comment")


@test("nfc: a password set decomposed by `motcua users` signs in composed")
def _():
    user = "nfc%d.test" % random.randrange(10 ** 6)
    first, second = "Mật khẩu tiếng Việt ễ 2025", "Hồ Gươm xanh ngắt 2026"
    p = motcua("users", "add-staff", user, "--unit", SCHOOL_NT, "--role",
               "clerk", "--name", "Lê Văn Thử", stdin=nfd(first) + "\n")
    check(p.returncode == 0, "add-staff: %s" % p.stderr)
    signin(user, first)
    p = motcua("users", "passwd", user, stdin=nfd(second) + "\n")
    check(p.returncode == 0, "passwd: %s" % p.stderr)
    signin(user, first, status=401)
    signin(user, second)
    signin(user, nfd(second))       # the web normalizes too
    clear_failures()
