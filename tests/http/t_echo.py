"""Round trips through POST /_diag/echo: urlencoded, multipart (with
binary files), JSON, cookies, Vietnamese text."""
import json
import os
import unicodedata
import urllib.parse

from lib import (assert_status, check, eq, multipart, post, raw_request,
                 request, sha256, short, test)

FORM = "application/x-www-form-urlencoded"
VI = "Nguyễn Thị Đặng"
VI_NOTE = ("Đơn xin cấp giấy chứng nhận\r\ndòng 2\tcó tab; ký tự: & = + % # ?"
           " \"trích dẫn\" 'đơn' <b> ✓ 𝄞")


def echo(body, ctype, query="", headers=None):
    r = post("/_diag/echo" + query, body, ctype, headers=headers)
    assert_status(r, 200, "echo")
    eq(r.header("content-type"), "application/json", "Content-Type")
    return r.json()


def empty_echo():
    return {"query": {}, "fields": {}, "files": {}, "cookies": {}}


@test("echo: urlencoded round trip with Vietnamese text and repeated tag")
def _():
    pairs = [("name", VI), ("note", VI_NOTE), ("tag", "hồ sơ"),
             ("tag", "a+b c"), ("tag", "")]
    body = urllib.parse.urlencode(pairs)
    q = "?" + urllib.parse.urlencode([("q", "xin chào & tạm biệt")])
    got = echo(body, FORM, q)
    want = empty_echo()
    want["query"] = {"q": ["xin chào & tạm biệt"]}
    want["fields"] = {"name": [VI], "note": [VI_NOTE],
                      "tag": ["hồ sơ", "a+b c", ""]}
    eq(got, want, "echo")
    # %20 and + are both spaces; a key without '=' has an empty value;
    # empty segments are skipped; the media type takes parameters.
    got = echo("name=Nguy%E1%BB%85n%20Th%E1%BB%8B+%C4%90%E1%BA%B7ng&&tag",
               FORM + "; charset=UTF-8")
    want = empty_echo()
    want["fields"] = {"name": [VI], "tag": [""]}
    eq(got, want, "echo of hand-written body")


@test("echo: empty POST answers empty lists")
def _():
    eq(echo(b"", None), empty_echo(), "echo of an empty body")
    eq(echo(b"", FORM), empty_echo(), "echo of an empty form")


@test("echo: multipart round trip with binary files (size, sha256)")
def _():
    boundary = "----motcuaTestBoundary" + os.urandom(8).hex()
    blob = bytearray(os.urandom(300 * 1024))
    # Bytes that look like the start of a delimiter, inside the file.
    near = b"\r\n--" + boundary[:-1].encode() + b"X\r\n--\r\n\r\n\x00"
    blob[1000:1000 + len(near)] = near
    blob[-2:] = b"\r\n"     # ends with CRLF, which belongs to the file
    blob = bytes(blob)
    small = "Tờ khai – bản chính ✓\n".encode("utf-8") * 10
    parts = [("name", VI), ("note", VI_NOTE), ("tag", "một"),
             ("file", "hồ sơ (bản 1).bin", "application/octet-stream", blob),
             ("tag", "hai"),
             ("file", "tờ khai.txt", "text/plain; charset=utf-8", small),
             ("file", "empty.pdf", "application/pdf", b"")]
    ctype, body = multipart(parts, boundary=boundary,
                            preamble=b"preamble is ignored\r\n",
                            epilogue=b"epilogue is ignored\r\n")
    got = echo(body, ctype, "?q=" + urllib.parse.quote(VI))
    want = empty_echo()
    want["query"] = {"q": [VI]}
    want["fields"] = {"name": [VI], "note": [VI_NOTE], "tag": ["một", "hai"]}
    want["files"] = {"file": [
        {"filename": "hồ sơ (bản 1).bin", "type": "application/octet-stream",
         "size": len(blob), "sha256": sha256(blob)},
        {"filename": "tờ khai.txt", "type": "text/plain; charset=utf-8",
         "size": len(small), "sha256": sha256(small)},
        {"filename": "empty.pdf", "type": "application/pdf", "size": 0,
         "sha256": sha256(b"")}]}
    eq(got, want, "echo")


@test("echo: multipart file of exactly 1 MiB, without Content-Type")
def _():
    blob = os.urandom(1 << 20)
    ctype, body = multipart([("file", "a.bin", None, blob)])
    got = echo(body, ctype)
    files = got["files"].get("file")
    check(isinstance(files, list) and len(files) == 1, "files: %s"
          % short(got))
    f = files[0]
    eq(f.get("size"), 1 << 20, "size")
    eq(f.get("sha256"), sha256(blob), "sha256")
    eq(f.get("filename"), "a.bin", "filename")
    check(f.get("type") is None, "type of a part without Content-Type: %r"
          % f.get("type"))


@test("echo: multipart with quoted boundary and escaped quotes in names")
def _():
    b = "simple boundary"
    body = ("--simple boundary\r\n"
            "Content-Disposition: form-data; name=\"name\"\r\n\r\n"
            "Đặng\r\n"
            "--simple boundary\r\n"
            "content-disposition: form-data; name=file; "
            "filename=\"C:\\docs\\a \\\"b\\\".txt\"\r\n"
            "Content-Type: text/plain\r\n\r\n"
            "x\r\n"
            "--simple boundary--").encode("utf-8")
    got = echo(body, 'multipart/form-data; boundary="%s"' % b)
    eq(got["fields"], {"name": ["Đặng"]}, "fields")
    f = got["files"]["file"][0]
    eq(f["filename"], 'C:\\docs\\a "b".txt', "filename")
    eq(f["size"], 1, "size")


@test("echo: JSON round trip (any JSON under data, Vietnamese, escapes)")
def _():
    doc = {"name": VI, "note": VI_NOTE, "tag": "x",
           "data": {"số": [1, -2.5, 1e300, True, False, None, "Đặng"],
                    "nested": {"a": {"b": [[], {}]}}, "empty": ""}}
    for ensure_ascii in (False, True):
        body = json.dumps(doc, ensure_ascii=ensure_ascii)
        got = echo(body, "application/json")
        eq(got.get("json"), doc, "json (ensure_ascii=%s)" % ensure_ascii)
        eq(got.get("fields"), {}, "fields")
        eq(got.get("files"), {}, "files")
    got = echo("{}", "application/json; charset=utf-8", "?q=1")
    eq(got, dict(empty_echo(), query={"q": ["1"]}, json={}), "empty object")
    got = echo('{"data": 42}', "application/json")
    eq(got.get("json"), {"data": 42}, "data as a number")


@test("echo: JSON nested 32 deep is accepted")
def _():
    inner = 1
    for _ in range(31):           # the top-level object is level 1
        inner = [inner]
    doc = {"data": inner}
    body = json.dumps(doc)
    eq(body.count("["), 31, "test bug")
    got = echo(body, "application/json")
    eq(got.get("json"), doc, "json")
    # Brackets inside strings do not count.
    s = "[" * 100 + "{" * 60
    got = echo(json.dumps({"name": s}), "application/json")
    eq(got.get("json"), {"name": s}, "brackets in a string")


@test("echo: cookies are parsed (quotes, spaces, junk skipped)")
def _():
    cookie = ('sid=abc123; lang=vi;  theme = "dark mode" ; junk; =noname; '
              'ten=Nguyễn; empty=; eq=a=b')
    got = echo(b"", None, headers={"Cookie": cookie.encode("utf-8")})
    eq(got.get("cookies"), {"sid": ["abc123"], "lang": ["vi"],
                            "theme": ["dark mode"], "ten": ["Nguyễn"],
                            "empty": [""], "eq": ["a=b"]}, "cookies")


@test("echo: a cookie name that is not UTF-8 does not harm the worker")
def _():
    r = raw_request("POST", "/_diag/echo",
                    [("Cookie", b"\xff\xfe=1; ok=2"), ("Content-Length", "0")])
    check(r.status in (200, 400), "status %d: %s" % (r.status,
                                                     short(r.body)))
    if r.status == 200:
        eq(r.json().get("cookies", {}).get("ok"), ["2"], "cookie ok")
    assert_status(request("GET", "/healthz"), 200, "healthz after")


@test("echo: chunked request body (nginx buffers it) round trips")
def _():
    body = urllib.parse.urlencode([("name", VI), ("tag", "c")]).encode()
    chunks = b""
    for i in range(0, len(body), 7):
        c = body[i:i + 7]
        chunks += b"%x\r\n%s\r\n" % (len(c), c)
    chunks += b"0\r\n\r\n"
    r = raw_request("POST", "/_diag/echo",
                    [("Content-Type", FORM), ("Transfer-Encoding", "chunked")],
                    chunks)
    assert_status(r, 200, "chunked")
    eq(r.json().get("fields"), {"name": [VI], "tag": ["c"]}, "fields")


@test("echo: text is put in NFC (composed) before its length is checked")
def _():
    nfd = unicodedata.normalize("NFD", VI)
    check(nfd != VI, "the test's text has a decomposed form")
    # Form fields, repeated fields and the query string.
    body = urllib.parse.urlencode([("name", nfd), ("tag", nfd)])
    got = echo(body, FORM, query="?q=" + urllib.parse.quote(nfd))
    eq((got["fields"]["name"], got["fields"]["tag"], got["query"]["q"]),
       ([VI], [VI], [VI]), "composed")
    # JSON members, and multipart values and file names.
    got = echo(json.dumps({"name": nfd}), "application/json")
    eq(got["json"]["name"], VI, "JSON member")
    ctype, body = multipart([("name", nfd),
                             ("file", nfd + ".pdf", "application/pdf",
                              b"%PDF-1.4")])
    got = echo(body, ctype)
    eq(got["fields"]["name"], [VI], "multipart value")
    eq(got["files"]["file"][0]["filename"], VI + ".pdf", "file name")
    # name: at most 200 bytes; 8 times the text is 184 bytes composed,
    # 216 decomposed: accepted, as composed.
    long_vi = (VI + " ") * 8
    nfd = unicodedata.normalize("NFD", long_vi)
    check(len(long_vi.encode()) <= 200 < len(nfd.encode()), "sizes")
    got = echo(urllib.parse.urlencode([("name", nfd)]), FORM)
    eq(got["fields"]["name"], [long_vi], "long decomposed name")
    r = post("/_diag/echo", urllib.parse.urlencode([("name", long_vi + "x" *
                                                     17)]), FORM)
    eq(r.status, 413, "201 bytes composed")
