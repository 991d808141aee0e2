"""GET /api/v1/units (web/api/units.c, uc_units): the units a unit
field may name, for a client that fills the form from the API alone:
code, names in both languages, kind as a field's unit_kind spells it,
the parent's code; in Vietnamese alphabetical order, as the pages'
picker; a kind that does not exist is 422 naming kind.  And the pages
name units where a person reads them: the holder, a chosen school, the
unit that acted."""
import html
import re

from lib import assert_problem, assert_status, check, eq, get, psql, test

from t_pages import page
from t_pages_citizen import AN, SCHOOL_NT, cookie_header, hidden, signin
from t_pages_staff import NT_CLERK, act_page, api_file_transcript, staff_page
from t_picker import EXTRA_SCHOOLS, add_schools, vi_key


def table(kind=None):
    """{code: (vi, en, kind, parent code)} from the database itself."""
    rows = psql("SELECT u.code || '|' || u.name_vi || '|' || u.name_en "
                "|| '|' || replace(u.kind, '_', '-') || '|' || "
                "coalesce(p.code, '') FROM units u LEFT JOIN units p "
                "ON p.id = u.parent_id" +
                (" WHERE u.kind = '%s'" % kind if kind else ""))
    out = {}
    for line in rows.splitlines():
        c, vi, en, k, parent = line.split("|")
        out[c] = (vi, en, k, parent or None)
    return out


def units(query=""):
    r = get("/api/v1/units" + query)
    assert_status(r, 200)
    eq(r.header("content-type"), "application/json", "content type")
    j = r.json()
    eq(j["truncated"], False, "truncated")
    return j["units"]


@test("units: ?kind=school lists every school, names in both languages, "
      "its parent, in Vietnamese order, without signing in")
def _():
    add_schools()
    got = units("?kind=school")
    want = table("school")
    eq({u["code"]: (u["name"]["vi"], u["name"]["en"], u["kind"],
                    u["parent"]) for u in got}, want, "the schools")
    eq(len(got), len(want), "each once")
    eq([u["code"] for u in got],
       [c for c, _ in sorted(want.items(),
                             key=lambda x: (vi_key(x[1][0]), x[0]))],
       "Vietnamese order")
    names = [u["name"]["vi"] for u in got]
    check(names.index(EXTRA_SCHOOLS[0][1]) < names.index(EXTRA_SCHOOLS[2][1])
          < names.index(EXTRA_SCHOOLS[1][1]), "Ái, Dịch, Đống: %s" % names)
    check(all(u["parent"] for u in got), "every school has a parent")


@test("units: the service's unit_kind as kind; without kind, every unit")
def _():
    f = {x["id"]: x for x in get("/api/v1/services/transcript-certification")
         .json()["form"]["fields"]}
    eq({u["code"] for u in units("?kind=" + f["school"]["unit_kind"])},
       set(table("school")), "the field's kind")
    offices = units("?kind=district-office")
    check(offices and all(u["kind"] == "district-office" for u in offices),
          "district offices, spelt as in the definitions")
    every = units()
    eq({u["code"]: (u["name"]["vi"], u["name"]["en"], u["kind"],
                    u["parent"]) for u in every}, table(), "every unit")
    dept = [u for u in every if u["kind"] == "department"]
    check(dept and all(u["parent"] is None for u in dept),
          "the department reports to no one")


@test("units: a kind that does not exist is 422 on kind; unknown or "
      "repeated parameters 400")
def _():
    for bad in ("district_office", "School", "", "x" * 32):
        j = assert_problem(get("/api/v1/units?kind=" + bad), 422,
                           "invalid-field", field="kind")
        check("school" in j["detail"] and "school" in j["detail_vi"],
              "the kinds named: %s" % j)
    assert_status(get("/api/v1/units?kind=school&kind=school"), 400)
    assert_status(get("/api/v1/units?level=primary"), 400)


def name_of(code):
    return tuple(psql("SELECT name_vi || '|' || name_en FROM units "
                      "WHERE code = '%s'" % code).split("|"))


def dd_after(t, label):
    """The text of the <dd> after the <dt> that reads label."""
    m = re.search(r"<dt>\s*%s\s*</dt>\s*<dd[^>]*>(.*?)</dd>"
                  % re.escape(label), t, re.S)
    check(m is not None, "no %r on the page" % label)
    return " ".join(re.sub(r"<[^>]+>", " ", html.unescape(m.group(1)))
                    .split())


@test("units: pages name the holder, the chosen school and the unit "
      "that acted, in the page's language, not their codes")
def _():
    code = api_file_transcript()
    vi, en = name_of(SCHOOL_NT)
    jar, _ = signin(NT_CLERK)
    for lang, name, held, school in (
            ("vi", vi, "Đơn vị đang giữ hồ sơ", "Trường đã học"),
            ("en", en, "Held by", "School attended")):
        _, _, t = staff_page("/inbox/%s?lang=%s" % (code, lang), jar,
                             lang=lang)
        eq(dd_after(t, held), "%s %s" % (name, SCHOOL_NT),
           "the holder (%s)" % lang)
        eq(dd_after(t, school), "%s (%s)" % (name, SCHOOL_NT),
           "the school chosen (%s)" % lang)
    _, _, t = staff_page("/inbox/" + code, jar)
    r = act_page(jar, code, "receive", hidden(t, "csrf"))
    assert_status(r, 303, "receive")
    _, _, t = staff_page("/inbox/%s?lang=en" % code, jar, lang="en")
    check(re.search(r"\([^()<]+, %s\)" % re.escape(en), t),
          "the unit that acted, by name, in the history")
    cjar, _ = signin(AN)
    for lang, name, label in (("vi", vi, "Đơn vị đang xử lý"),
                              ("en", en, "Being handled by")):
        r, _ = page("/dossiers/%s?lang=%s" % (code, lang), lang=lang,
                    headers={"Cookie": cookie_header(cjar)})
        eq(dd_after(r.text(), label), name, "citizen's page (%s)" % lang)
        r, _ = page("/my?lang=" + lang, lang=lang,
                    headers={"Cookie": cookie_header(cjar)})
        check(name in r.text(), "the list of mine (%s)" % lang)
