"""Signed PDFs (fcgi/doc/pdf*.c, docs/documents-layout.md): the sample
layout rendered and signed by `motcua pdf-sample` through the running
signer, checked with standard tools: pdfsig (with the department CA in
an NSS database), openssl cms on the bytes the /ByteRange covers, qpdf,
pdftotext, and a rendering (pdftoppm) that shows stacked Vietnamese
diacritics."""
import os
import re
import shutil
import subprocess
import tempfile

import t_sign
from lib import ROOT, VAR, binary, check, db_url, eq, fail, test

KEYS = t_sign.KEYS
SOCK = t_sign.SOCK
UNIT = t_sign.UNIT
SAMPLE = os.path.join(ROOT, "templates", "documents", "layout-sample.xml")
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans%s.ttf"
SHOTS = os.path.join(ROOT, "build", "screenshots")


def motcua(*args):
    e = dict(os.environ)
    e.update({"MOTCUA_ROOT": ROOT, "MOTCUA_DATABASE_URL": db_url(),
              "MOTCUA_KEYS_DIR": KEYS, "MOTCUA_SIGNER_SOCKET": SOCK,
              "ASAN_OPTIONS": "detect_leaks=0"})
    return subprocess.run([binary()] + list(args), capture_output=True,
                          timeout=120, env=e)


def sh(*cmd, ok=True, data=None):
    p = subprocess.run(list(cmd), capture_output=True, timeout=60,
                       input=data)
    if ok and p.returncode != 0:
        fail("%s exited %d: %s" % (" ".join(cmd), p.returncode,
                                   (p.stdout + p.stderr)[-400:]))
    return p


def tmp(name):
    d = os.path.join(VAR, "pdf")
    os.makedirs(d, exist_ok=True)
    return os.path.join(d, name)


def sample(name="sample.pdf", *extra):
    path = tmp(name)
    if os.path.exists(path):
        os.unlink(path)
    p = motcua("pdf-sample", UNIT, path, *extra)
    check(p.returncode == 0, "pdf-sample: %s" % p.stderr[-400:])
    with open(path, "rb") as f:
        return path, f.read()


def nssdb(ca_pem):
    d = tempfile.mkdtemp(dir=os.path.join(VAR, "pdf"))
    sh("certutil", "-N", "-d", "sql:" + d, "--empty-password")
    sh("certutil", "-A", "-d", "sql:" + d, "-n", "ca", "-t", "CT,C,C",
       "-i", ca_pem)
    return d


def pdfsig(path, db):
    # Not -no-ocsp: poppler 22.12 then reports "Unknown issue with
    # Certificate" for any chain (the certificates name no responder).
    p = sh("pdfsig", "-nssdir", "sql:" + db, path, ok=False)
    return (p.stdout + p.stderr).decode("utf-8", "replace")


def hole(data):
    """The signed bytes and the DER in /Contents, as the /ByteRange says."""
    m = re.findall(rb"/ByteRange \[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data)
    check(len(m) == 1, "one /ByteRange, got %d" % len(m))
    a, b, c, d = (int(x) for x in m[0])
    eq((a, c + d), (0, len(data)), "the /ByteRange covers the whole file")
    check(data[b:b + 1] == b"<" and data[c - 1:c] == b">",
          "the hole is /Contents <...>")
    der = bytes.fromhex(data[b + 1:c - 1].decode())
    check(der[0] == 0x30 and der[1] == 0x82, "/Contents holds DER")
    der = der[:4 + (der[2] << 8 | der[3])]
    return data[a:a + b] + data[c:c + d], der


def cms_verify(signed, der, ca):
    s, d = tmp("signed.bin"), tmp("sig.der")
    with open(s, "wb") as f:
        f.write(signed)
    with open(d, "wb") as f:
        f.write(der)
    return sh("openssl", "cms", "-verify", "-binary", "-inform", "DER",
              "-in", d, "-content", s, "-CAfile", ca, "-purpose", "any",
              "-out", "/dev/null", ok=False)


def other_ca():
    """A CA that signed nothing of ours."""
    key, pem = tmp("other.key"), tmp("other.pem")
    sh("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
       "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", pem,
       "-days", "30", "-subj", "/CN=Another CA")
    return pem


def setup():
    t_sign.setup()


@test("pdf: pdfsig with the CA trusted: Signature is Valid, Total document "
      "signed, Certificate is Trusted; PAdES dictionary; qpdf --check")
def _():
    path, data = sample()
    out = pdfsig(path, nssdb(os.path.join(KEYS, "ca.pem")))
    for want in ("Signature is Valid", "Total document signed",
                 "Certificate is Trusted", "ETSI.CAdES.detached"):
        check(want in out, "pdfsig lacks %r: %s" % (want, out[-600:]))
    for want in (b"/Filter /Adobe.PPKLite", b"/SubFilter /ETSI.CAdES.detached",
                 b"/SigFlags 3", b"/FT /Sig", b"/Prev "):
        check(want in data, "no %r in the PDF" % want)
    check(re.search(rb"/M \(D:\d{14}\+00'00'\)", data), "no /M")
    p = sh("qpdf", "--check", path, ok=False)
    eq(p.returncode, 0, "qpdf --check: %s" % p.stdout[-400:])
    check(b"No syntax or stream encoding errors" in p.stdout,
          "qpdf: %s" % p.stdout[-400:])
    # The original revision is the file's prefix, untouched.
    first = data[:data.index(b"%%EOF") + 5]
    check(first.startswith(b"%PDF-") and b"/ByteRange" not in first,
          "the signature is an incremental update")


@test("pdf: openssl cms -verify on the /ByteRange bytes; signed attributes: "
      "content-type, message-digest, signing-certificate-v2, no signing-time; "
      "the unit's and the CA's certificates")
def _():
    _, data = sample()
    signed, der = hole(data)
    p = cms_verify(signed, der, os.path.join(KEYS, "ca.pem"))
    check(p.returncode == 0 and b"Verification successful" in p.stderr,
          "openssl cms -verify: %s" % p.stderr[-400:])
    d = tmp("sig.der")
    text = sh("openssl", "cms", "-cmsout", "-print", "-inform", "DER",
              "-in", d).stdout.decode()
    for want in ("contentType", "messageDigest", "id-smime-aa-signingCertificateV2",
                 "ecdsa-with-SHA256", "sha256", "<ABSENT>"):
        check(want in text, "the CMS lacks %s" % want)
    check("signingTime" not in text, "the CMS has a signing-time attribute")
    eq(text.count("issuer:"), 2 + 1,   # two certificates, the signer's id
       "issuers in the CMS (the two certificates and the signer info)")
    check("CN=Another" not in text and text.count("serialNumber=%s" % UNIT) >= 1,
          "the unit's certificate is in the CMS")


@test("pdf: one byte of the content or of the signature changed, or another "
      "CA trusted: pdfsig and openssl refuse")
def _():
    path, data = sample()
    ca = os.path.join(KEYS, "ca.pem")
    db = nssdb(ca)
    signed, der = hole(data)
    # A byte of the page content: a digit of the QR's caption text is in
    # a compressed stream, so change a byte in the middle of the file.
    i = len(data) // 3
    bad = bytearray(data)
    bad[i] ^= 0x01
    with open(tmp("bad-content.pdf"), "wb") as f:
        f.write(bad)
    out = pdfsig(tmp("bad-content.pdf"), db)
    check("Signature is Valid" not in out, "pdfsig accepted a changed byte")
    bs, bd = hole(bytes(bad))
    p = cms_verify(bs, bd, ca)
    check(p.returncode != 0, "openssl accepted a changed byte")
    # A byte of the signature (the last of the DER: the ECDSA s).
    m = re.search(rb"/Contents <", data)
    j = m.end() + 2 * (len(der) - 1)
    bad = bytearray(data)
    bad[j:j + 2] = b"%02x" % (der[-1] ^ 0x01)
    with open(tmp("bad-sig.pdf"), "wb") as f:
        f.write(bad)
    out = pdfsig(tmp("bad-sig.pdf"), db)
    check("Signature is Valid" not in out, "pdfsig accepted a changed "
          "signature: %s" % out[-300:])
    bs, bd = hole(bytes(bad))
    p = cms_verify(bs, bd, ca)
    check(p.returncode != 0, "openssl accepted a changed signature")
    # Another CA: the signature holds, the certificate is not trusted.
    other = other_ca()
    out = pdfsig(path, nssdb(other))
    check("Signature is Valid" in out and "Certificate is Trusted" not in out,
          "pdfsig trusted a certificate of another CA: %s" % out[-300:])
    p = cms_verify(signed, der, other)
    check(p.returncode != 0 and b"certificate" in p.stderr.lower(),
          "openssl verified against another CA: %s" % p.stderr[-300:])
    # The untouched file still verifies (the refusals are the changes').
    p = cms_verify(signed, der, ca)
    eq(p.returncode, 0, "openssl cms -verify of the original")


@test("pdf: pdftotext holds the Vietnamese text: names, scores, the "
      "result code and the verification code")
def _():
    path, _ = sample()
    text = sh("pdftotext", "-layout", path, "-").stdout.decode()
    for want in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "GIẤY XÁC NHẬN KẾT QUẢ HỌC TẬP",
                 "Nguyễn Thị Ánh Tuyết", "Lịch sử và Địa lý", "Giáo dục thể chất",
                 "8,7", "9,2", "Trần Văn Hướng", "Sở Giáo dục và Đào tạo",
                 "H26.01-240115-0001-KQ1", "Mã xác minh: 7QK2-M9XD-44TB",
                 "ứ ế ư ờ ợ ẫ"):
        # libharu's ToUnicode map loses some spaces between words.
        check(want.replace(" ", "") in text.replace(" ", ""),
              "pdftotext lacks %r" % want)


RES = 144      # 2 pixels a point: the table's rows are whole pixels apart


def words(path):
    bbox = sh("pdftotext", "-bbox", path, "-").stdout.decode()
    return [(float(x0), float(y0), float(x1), float(y1), w) for
            x0, y0, x1, y1, w in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                r'yMax="([\d.]+)">([^<]*)</word>', bbox)]


def row_of(ws, text, below=-1.0):
    """The boxes of the first run of words spelling text below y."""
    want = text.split()
    for k in range(len(ws) - len(want) + 1):
        if [w[4] for w in ws[k:k + len(want)]] == want and ws[k][1] > below:
            return ws[k:k + len(want)]
    fail("no row %r in the PDF" % text)


def crop(path, x, y, w, h):
    s = RES / 72.0
    pgm = sh("pdftoppm", "-r", str(RES), "-gray", "-f", "1", "-l", "1",
             "-x", str(int(x * s)), "-y", str(int(y * s)),
             "-W", str(w), "-H", str(h), path).stdout
    parts = pgm.split(b"\n", 3)      # PGM: P5, size, 255, pixels
    eq(parts[0], b"P5", "pdftoppm -gray writes PGM")
    return parts[3]


def glyphs_differ(path):
    """For each cell of the row "ứ ế ư ờ ợ ẫ", whether its pixels differ
    from those of the cell under it ("ú e u ò o a"): a glyph that lost
    its stacked diacritic looks exactly like the one under it."""
    ws = words(path)
    top = row_of(ws, "ứ ế ư ờ ợ ẫ")
    low = row_of(ws, "ú e u ò o a", top[0][1])
    out = []
    for a, b in zip(top, low):
        w = int((max(a[2] - a[0], b[2] - b[0]) + 4) * RES / 72)
        h = int((a[3] - a[1] + 4) * RES / 72)
        pa = crop(path, a[0] - 2, a[1] - 2, w, h)
        pb = crop(path, a[0] - 2, b[1] - 2, w, h)
        check(any(c < 128 for c in pa), "the cell of %s is blank" % a[4])
        out.append(pa != pb)
    return out


@test("pdf: rendered, each glyph of the line 'ứ ế ư ờ ợ ẫ' differs from the "
      "one under it in 'ú e u ò o a' with Liberation Sans; with DejaVu Sans "
      "(which loses some) not all do: the check can fail")
def _():
    path, _ = sample()
    os.makedirs(SHOTS, exist_ok=True)
    sh("pdftoppm", "-r", "100", "-png", "-singlefile", "-f", "1", path,
       os.path.join(SHOTS, "pdf-sample"))
    check(os.path.getsize(os.path.join(SHOTS, "pdf-sample.png")) > 10000,
          "the rendered page is saved")
    eq(glyphs_differ(path), [True] * 6, "stacked diacritics rendered "
       "(False: a glyph drawn like the one without them)")
    if os.path.exists(DEJAVU % ""):
        dv, _ = sample("dejavu.pdf", "--unsigned", "--font", DEJAVU % "",
                       DEJAVU % "-Bold")
        check(not all(glyphs_differ(dv)), "DejaVu Sans kept every stacked "
              "diacritic: the check proves nothing")


@test("pdf: refused with a reason and nothing written: a unit without a key, "
      "no signer, a bad layout")
def _():
    out = tmp("refused.pdf")
    for args, why in ((["NO.SUCH.UNIT", out], "no certificate"),
                      ([UNIT, out, "--layout", tmp("bad.xml")], "bad layout")):
        with open(tmp("bad.xml"), "w") as f:
            f.write('<layout lang="vi"><p>x<b>y</b></p></layout>')
        if os.path.exists(out):
            os.unlink(out)
        p = motcua("pdf-sample", *args)
        eq(p.returncode, 1, "pdf-sample %s" % args)
        check(why.encode() in p.stderr, "the reason %r: %s" % (why, p.stderr))
        check(not os.path.exists(out), "a file was written")
    e = dict(os.environ)
    e.update({"MOTCUA_ROOT": ROOT, "MOTCUA_KEYS_DIR": KEYS,
              "MOTCUA_SIGNER_SOCKET": tmp("no-such.sock"),
              "MOTCUA_DATABASE_URL": db_url(), "ASAN_OPTIONS": "detect_leaks=0"})
    p = subprocess.run([binary(), "pdf-sample", UNIT, out], env=e,
                       capture_output=True, timeout=60)
    eq(p.returncode, 1, "pdf-sample without a signer")
    check(b"signer unavailable" in p.stderr, "no signer: %s" % p.stderr)
    check(not os.path.exists(out), "a file was written without a signer")
