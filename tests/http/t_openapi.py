"""docs/openapi.yaml against the route table (fcgi/web/routes.c) and the
running server.

Python's standard library has no YAML reader, so this module has a
small one for the regular subset the document keeps to (its header says
which).  The route table is read from the C source with a regular
expression over its rows.  Which routes are checked: every route whose
pattern starts with /api/ or is /healthz or /metrics; skipped are the
routes flagged RF_DIAG (diagnostics, only with MOTCUA_DIAG=1) and the
HTML pages (/, /services/{code}, /lookup).

Checks:
  - the document is OpenAPI 3.0.3 with a path item for each route and an
    operation for the route's method (and no operation for a method the
    route table does not have at that path);
  - every $ref resolves, inside the document;
  - the public routes (WHO_ANYONE) say security: [], the others ask for
    the bearer token or the session cookie and document a 401;
  - the routes flagged RF_DB document a 503 (the database unreachable);
  - path parameters match the pattern's {name} segments;
  - every error response (4xx, 5xx) is application/problem+json only,
    with a schema that is (or extends) Problem, and Problem has the
    members of RFC 9457 and the Vietnamese ones;
  - each documented operation is served: an anonymous request with no
    body (path parameters from the document's examples) is not answered
    404, 405 or 501, its status is one the document lists for the
    operation, and an error comes as application/problem+json;
  - the checker itself fails when a route is dropped from the document,
    when an error response is documented as JSON, or when a path is
    documented that the server does not have.
"""
import copy
import os
import re

from lib import ROOT, check, eq, request, test

DOC = os.path.join(ROOT, "docs", "openapi.yaml")
ROUTES_C = os.path.join(ROOT, "fcgi", "web", "routes.c")
METHODS = ("get", "head", "post", "put", "patch", "delete", "options")


# --- a reader of the YAML subset of docs/openapi.yaml ------------------------

class YamlError(Exception):
    pass


def _strip_comment(s):
    """The line without a trailing comment (" #" outside quotes)."""
    q = None
    for i, c in enumerate(s):
        if q:
            if c == q:
                q = None
        elif c in "'\"" and (i == 0 or s[i - 1] in " [,:"):
            q = c
        elif c == "#" and (i == 0 or s[i - 1] == " "):
            return s[:i].rstrip()
    return s.rstrip()


_NUM = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$")


def _scalar(s, where):
    s = s.strip()
    if s == "":
        return None
    if s[0] == "'":
        if len(s) < 2 or s[-1] != "'":
            raise YamlError("%s: unterminated quote" % where)
        return s[1:-1].replace("''", "'")
    if s[0] == '"':
        if len(s) < 2 or s[-1] != '"':
            raise YamlError("%s: unterminated quote" % where)
        return s[1:-1].replace('\\"', '"')
    if s == "[]":
        return []
    if s == "{}":
        return {}
    if s[0] == "[":
        if s[-1] != "]":
            raise YamlError("%s: flow sequence on more than one line" % where)
        return [_scalar(x, where) for x in _split_flow(s[1:-1], where)]
    if s[0] in "{&*!|>%@`":
        raise YamlError("%s: outside the subset: %r" % (where, s))
    if s in ("true", "false"):
        return s == "true"
    if s in ("null", "~"):
        return None
    if _NUM.match(s):
        return float(s) if "." in s else int(s)
    return s


def _split_flow(s, where):
    out, cur, q = [], "", None
    for c in s:
        if q:
            cur += c
            if c == q:
                q = None
        elif c in "'\"":
            q = c
            cur += c
        elif c == ",":
            out.append(cur)
            cur = ""
        elif c in "[]{}":
            raise YamlError("%s: nested flow collections" % where)
        else:
            cur += c
    if q:
        raise YamlError("%s: unterminated quote" % where)
    if cur.strip():
        out.append(cur)
    return out


def _key_value(s, where):
    """'key: value' -> (key, value text); None when s is no mapping entry."""
    if s[0] in "'\"":
        end = s.find(s[0], 1)
        if end < 0:
            raise YamlError("%s: unterminated quote" % where)
        key, rest = s[1:end], s[end + 1:]
        if not (rest == ":" or rest.startswith(": ")):
            return None
        return key, rest[1:].strip()
    m = re.match(r"^([^\s:#'\"\[\]{},][^:#]*?):( |$)", s)
    if not m:
        return None
    return m.group(1), s[m.end():].strip()


def yaml_load(text):
    """The document as dicts, lists and scalars; YamlError outside the
    subset."""
    lines = []
    for n, raw in enumerate(text.split("\n"), 1):
        if "\t" in raw[:len(raw) - len(raw.lstrip())]:
            raise YamlError("line %d: tab in the indentation" % n)
        s = _strip_comment(raw)
        if s.strip() == "":
            continue
        ind = len(s) - len(s.lstrip(" "))
        if ind % 2:
            raise YamlError("line %d: indentation not a multiple of 2" % n)
        lines.append((ind, s.strip(), n))
    pos = [0]

    def block(ind):
        ind0, s, n = lines[pos[0]]
        if ind0 != ind:
            raise YamlError("line %d: indentation %d, want %d" % (n, ind0, ind))
        if s == "-" or s.startswith("- "):
            return seq(ind)
        return mapping(ind)

    def value_after(text, ind, n):
        """The value of a key whose text after the colon is text."""
        if text != "":
            return _scalar(text, "line %d" % n)
        if pos[0] < len(lines) and lines[pos[0]][0] > ind:
            return block(lines[pos[0]][0])
        # A sequence may sit at its key's own indentation.
        if (pos[0] < len(lines) and lines[pos[0]][0] == ind and
                lines[pos[0]][1].startswith("- ")):
            return seq(ind)
        return None

    def mapping(ind):
        out = {}
        while pos[0] < len(lines):
            i, s, n = lines[pos[0]]
            if i < ind:
                break
            if i > ind:
                raise YamlError("line %d: unexpected indentation" % n)
            if s.startswith("- "):
                break
            kv = _key_value(s, "line %d" % n)
            if kv is None:
                raise YamlError("line %d: not 'key: value': %r" % (n, s))
            if kv[0] in out:
                raise YamlError("line %d: key %r twice" % (n, kv[0]))
            pos[0] += 1
            out[kv[0]] = value_after(kv[1], ind, n)
        return out

    def seq(ind):
        out = []
        while pos[0] < len(lines):
            i, s, n = lines[pos[0]]
            if i != ind or not (s == "-" or s.startswith("- ")):
                if i > ind:
                    raise YamlError("line %d: unexpected indentation" % n)
                break
            rest = s[1:].strip()
            if rest == "":
                pos[0] += 1
                out.append(block(lines[pos[0]][0]))
                continue
            kv = _key_value(rest, "line %d" % n)
            if kv is None:
                pos[0] += 1
                out.append(_scalar(rest, "line %d" % n))
                continue
            # "- key: value" opens a mapping indented by two more.
            lines[pos[0]] = (ind + 2, rest, n)
            out.append(mapping(ind + 2))
        return out

    if not lines:
        return None
    doc = block(0)
    if pos[0] != len(lines):
        raise YamlError("line %d: unexpected text" % lines[pos[0]][2])
    return doc


# --- the route table ------------------------------------------------------------

_ROW = re.compile(r"\[(ROUTE_[A-Z0-9_]+)\]\s*=\s*\{(.*?)\},\s*(?=\[ROUTE_|\};)",
                  re.S)


def routes_c():
    """[(method, pattern, flags, who)] of the rows of fcgi/web/routes.c."""
    with open(ROUTES_C, encoding="utf-8") as f:
        src = f.read()
    src = re.sub(r"/\*.*?\*/", "", src, flags=re.S)
    table = src[src.index("const struct route routes["):]
    out = []
    for m in _ROW.finditer(table):
        body = m.group(2)
        meth = re.search(r"\bMETHOD_([A-Z]+)\b", body)
        pat = re.search(r'"(/[^"]*)"', body)
        check(meth and pat, "routes.c: cannot read the row %s" % m.group(1))
        who = re.search(r"\.who\s*=\s*([^,]+),", body)
        check(who, "routes.c: no .who in the row %s" % m.group(1))
        who = " ".join(who.group(1).split())
        out.append((meth.group(1).lower(), pat.group(1), body, who))
    return out


def checked_routes(db=False):
    """The routes this test holds the document to: {(path, method): who};
    db: the set of those flagged RF_DB (they may answer 503)."""
    out, dbs = {}, set()
    for meth, pat, body, who in routes_c():
        if re.search(r"\bRF_DIAG\b", body):
            continue
        if not (pat.startswith("/api/") or pat in ("/healthz", "/metrics")):
            continue
        out[(pat, meth)] = who
        if re.search(r"\bRF_DB\b", body):
            dbs.add((pat, meth))
    return dbs if db else out


# --- checks of the document ----------------------------------------------------

def resolve(doc, node):
    """Follow $ref (local only) to the node it names."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#/"):
            raise AssertionError("non-local $ref %r" % ref)
        node = doc
        for part in ref[2:].split("/"):
            if not isinstance(node, dict) or part not in node:
                raise AssertionError("$ref %r does not resolve" % ref)
            node = node[part]
        seen += 1
        if seen > 20:
            raise AssertionError("$ref loop at %r" % ref)
    return node


def all_refs(node, out):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref":
                out.append(v)
            else:
                all_refs(v, out)
    elif isinstance(node, list):
        for v in node:
            all_refs(v, out)
    return out


def is_problem_schema(doc, schema):
    """Problem itself, or an allOf that holds it."""
    if isinstance(schema, dict) and schema.get("$ref") == \
            "#/components/schemas/Problem":
        return True
    s = resolve(doc, schema)
    if not isinstance(s, dict):
        return False
    return any(is_problem_schema(doc, x) for x in s.get("allOf", []))


def operations(doc):
    """[(path, method, operation)] of the document."""
    out = []
    for path, item in (doc.get("paths") or {}).items():
        for meth, op in (item or {}).items():
            if meth in METHODS:
                out.append((path, meth, op))
    return out


def doc_problems(doc, routes, db_routes=()):
    """What is wrong with doc against routes ({(path, method): who}) and
    db_routes (those that need the database); a list of sentences, empty
    when all is well."""
    bad = []
    if doc.get("openapi") != "3.0.3":
        bad.append("openapi is %r, not 3.0.3" % doc.get("openapi"))
    for k in ("info", "paths", "components"):
        if not isinstance(doc.get(k), dict):
            bad.append("no %s" % k)
    if bad:
        return bad
    for ref in all_refs(doc, []):
        try:
            resolve(doc, {"$ref": ref})
        except AssertionError as e:
            bad.append(str(e))
    ops = {(p, m): op for p, m, op in operations(doc)}
    for (path, meth), who in sorted(routes.items()):
        if (path, meth) not in ops:
            bad.append("route %s %s is not documented" % (meth.upper(), path))
    served_paths = {p for p, _ in routes}
    for (path, meth) in sorted(ops):
        if path not in served_paths:
            bad.append("documented path %s is not in the route table" % path)
        elif (path, meth) not in routes:
            bad.append("documented %s %s: the route table has another "
                       "method there" % (meth.upper(), path))
    schemes = (doc["components"].get("securitySchemes") or {})
    for k, want in (("bearerAuth", ("http", "bearer")),
                    ("sessionCookie", ("apiKey", "cookie"))):
        s = schemes.get(k) or {}
        if (s.get("type"), s.get("scheme") or s.get("in")) != want:
            bad.append("security scheme %s is not %s" % (k, want))
    prob = resolve(doc, {"$ref": "#/components/schemas/Problem"}) \
        if "Problem" in (doc["components"].get("schemas") or {}) else None
    if not prob:
        bad.append("no Problem schema")
    else:
        props = prob.get("properties") or {}
        for k in ("type", "title", "status", "detail", "title_vi",
                  "detail_vi", "field", "request_id"):
            if k not in props:
                bad.append("Problem has no property %s" % k)
    for (path, meth), op in sorted(ops.items()):
        name = "%s %s" % (meth.upper(), path)
        if not isinstance(op, dict):
            bad.append("%s: not an operation" % name)
            continue
        resps = op.get("responses") or {}
        if not resps:
            bad.append("%s: no responses" % name)
        codes = set(resps)
        if not any(re.match(r"^2\d\d$", str(c)) for c in codes):
            bad.append("%s: no success response" % name)
        for code, r in resps.items():
            if not re.match(r"^[1-5]\d\d$", str(code)):
                bad.append("%s: response code %r" % (name, code))
                continue
            try:
                r = resolve(doc, r)
            except AssertionError as e:
                bad.append("%s %s: %s" % (name, code, e))
                continue
            if not isinstance(r, dict) or not r.get("description"):
                bad.append("%s %s: no description" % (name, code))
                continue
            content = r.get("content") or {}
            if str(code)[0] in "45":
                if list(content) != ["application/problem+json"]:
                    bad.append("%s %s: error content is %s, not only "
                               "application/problem+json"
                               % (name, code, sorted(content)))
                elif not is_problem_schema(
                        doc, content["application/problem+json"]
                        .get("schema")):
                    bad.append("%s %s: the schema is no Problem"
                               % (name, code))
            elif str(code) != "204":
                for ct, media in content.items():
                    if not isinstance(media, dict) or \
                            "schema" not in media:
                        bad.append("%s %s %s: no schema" % (name, code, ct))
                if not content:
                    bad.append("%s %s: no content" % (name, code))
        who = routes.get((path, meth))
        sec = op.get("security", doc.get("security"))
        if who == "WHO_ANYONE" and sec != []:
            bad.append("%s: a public route, but security is %r"
                       % (name, sec))
        if who is not None and who != "WHO_ANYONE":
            names = {k for req in (sec or []) for k in (req or {})}
            if not names or not names <= set(schemes):
                bad.append("%s: signs in, but security is %r" % (name, sec))
            if "401" not in codes:
                bad.append("%s: signs in, but no 401 is documented" % name)
        if (path, meth) in db_routes and "503" not in codes:
            bad.append("%s: needs the database, but no 503 is documented"
                       % name)
        segs = set(re.findall(r"\{([a-z_]+)\}", path))
        params = []
        for p in (op.get("parameters") or []) + \
                ((doc["paths"][path] or {}).get("parameters") or []):
            try:
                params.append(resolve(doc, p))
            except AssertionError as e:
                bad.append("%s: %s" % (name, e))
        in_path = {p.get("name") for p in params
                   if isinstance(p, dict) and p.get("in") == "path"}
        if in_path != segs:
            bad.append("%s: path parameters %s, the pattern has %s"
                       % (name, sorted(in_path), sorted(segs)))
        for p in params:
            if isinstance(p, dict) and p.get("in") == "path" and \
                    not p.get("required"):
                bad.append("%s: path parameter %s not required"
                           % (name, p.get("name")))
        rb = op.get("requestBody")
        if rb is not None:
            rb = resolve(doc, rb)
            if not (rb.get("content") or {}):
                bad.append("%s: a request body with no content" % name)
    return bad


def load_doc():
    with open(DOC, encoding="utf-8") as f:
        return yaml_load(f.read())


def example_path(doc, path, op):
    """The path with each {name} replaced by the example of its
    parameter (or "x")."""
    ex = {}
    for p in op.get("parameters") or []:
        p = resolve(doc, p)
        if p.get("in") == "path":
            s = p.get("schema") or {}
            ex[p["name"]] = str(p.get("example", s.get("example", "x")))
    return re.sub(r"\{([a-z_]+)\}", lambda m: ex.get(m.group(1), "x"), path)


# --- the tests ------------------------------------------------------------------

@test("openapi: the YAML reader reads the subset, and refuses the rest")
def _():
    doc = yaml_load("a: 1\nb:\n  c: 'x: y'  # note\n  d: [p, 'q r', 3]\n"
                    "e:\n  - f: true\n    g: null\n  - plain\n"
                    "h:\n- '200'\n- {}\ni: -3.5\n")
    eq(doc, {"a": 1, "b": {"c": "x: y", "d": ["p", "q r", 3]},
             "e": [{"f": True, "g": None}, "plain"], "h": ["200", {}],
             "i": -3.5}, "parsed")
    for bad in ("a: &x 1\n", "a:\n   b: 1\n", "a: [1,\n  2]\n",
                "a: 1\na: 2\n", "a: {b: 1}\n", "a: |\n  text\n"):
        try:
            yaml_load(bad)
        except YamlError:
            continue
        raise AssertionError("accepted outside the subset: %r" % bad)


@test("openapi: every route of routes.c is documented, and only those")
def _():
    routes = checked_routes()
    check(len(routes) >= 13, "read only %d routes from routes.c: %s"
          % (len(routes), sorted(routes)))
    for want in (("/api/v1/services/{code}/dossiers", "post"),
                 ("/api/v1/dossiers/{code}/actions/{action}", "post"),
                 ("/api/v1/sessions/current", "delete"),
                 ("/healthz", "get")):
        check(want in routes, "routes.c was misread: no %s %s in %s"
              % (want[1].upper(), want[0], sorted(routes)))
    check(not any(p.startswith("/_diag") for p, _ in routes), "diag routes")
    bad = doc_problems(load_doc(), routes, checked_routes(db=True))
    check(not bad, "docs/openapi.yaml: " + "; ".join(bad))


@test("openapi: the checker fails on a dropped route, a JSON error, an "
      "unserved path")
def _():
    doc = load_doc()
    routes = checked_routes()
    # A documented route (the lookup, unless the document lacks it: then
    # the test above says so).
    path, meth = next((k for k in [("/api/v1/lookup", "get")] +
                       sorted(routes) if k[0] in doc["paths"] and
                       k[1] in doc["paths"][k[0]]), (None, None))
    check(path is not None, "no route is documented")
    name = "%s %s" % (meth.upper(), path)
    d = copy.deepcopy(doc)
    del d["paths"][path]
    check(any(name + " is not documented" in b
              for b in doc_problems(d, routes)), "dropped route unnoticed")
    d = copy.deepcopy(doc)
    d["paths"][path][meth]["responses"]["404"] = {
        "description": "x", "content": {"application/json": {
            "schema": {"type": "object"}}}}
    check(any(name + " 404: error content" in b
              for b in doc_problems(d, routes)), "JSON error unnoticed")
    d = copy.deepcopy(doc)
    d["paths"]["/api/v1/nothing"] = {"get": {"responses": {"200": {
        "description": "x", "content": {"text/plain": {"schema": {}}}}}}}
    check(any("/api/v1/nothing is not in the route table" in b
              for b in doc_problems(d, routes)), "unserved path unnoticed")
    d = copy.deepcopy(doc)
    if "/api/v1/dossiers" in d["paths"]:
        d["paths"]["/api/v1/dossiers"]["get"]["security"] = []
        check(any("GET /api/v1/dossiers: signs in" in b
                  for b in doc_problems(d, routes)), "public by mistake")
    # The route table's side: a route the document lacks.
    r2 = dict(routes)
    r2[("/api/v1/new", "get")] = "WHO_ANYONE"
    check(any("GET /api/v1/new is not documented" in b
              for b in doc_problems(doc, r2)), "new route unnoticed")


@test("openapi: every documented operation is served, with a documented "
      "status")
def _():
    doc = load_doc()
    bad = []
    for path, meth, op in operations(doc):
        url = example_path(doc, path, op)
        r = request(meth.upper(), url, headers={
            "Accept": "application/json"})
        name = "%s %s" % (meth.upper(), url)
        if r.status in (404, 405, 501):
            bad.append("%s: %d %s" % (name, r.status, r.body[:200]))
            continue
        if str(r.status) not in (op.get("responses") or {}):
            bad.append("%s: status %d is not documented" % (name, r.status))
        if r.status >= 400:
            ct = r.header("content-type", "")
            if not ct.startswith("application/problem+json"):
                bad.append("%s: %d with %s" % (name, r.status, ct))
            elif r.json().get("status") != r.status:
                bad.append("%s: problem status %r" % (name,
                           r.json().get("status")))
    check(not bad, "; ".join(bad))
    # And a path the route table does not have is 404: the check can fail.
    eq(request("GET", "/api/v1/no-such-route").status, 404,
       "an unknown path")
