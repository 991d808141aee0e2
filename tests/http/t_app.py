"""The use cases without FastCGI: build/asan/tests/app_walk (tests/app/
walk.c) calls the application layer alone, as a command or a job would,
against the stack's database as the server's role: it files a dossier,
files it again with the same key, has a clerk receive it, looks it up
by code and PIN, and is refused another citizen's view.  What it did is
then seen through HTTP and in the audit log, as if the server had done
it."""
import os
import subprocess

from lib import ROOT, STACK, VAR, check, eq, test
from t_dossiers import AN, BINH, audit_rows, get_dossier
from t_dossiers import setup as demo_setup

from t_pages_citizen import PUPIL_7_NT, SCHOOL_NT

WALK = os.path.join(ROOT, "build", "asan", "tests", "app_walk")


def setup():
    demo_setup()


@test("app: file, act and look up through the application layer alone")
def _():
    url = subprocess.run([STACK, VAR, "db-url", "motcua_web"],
                         capture_output=True, text=True,
                         check=True).stdout.strip()
    env = dict(os.environ, MOTCUA_DATABASE_URL=url, MOTCUA_ROOT=ROOT,
               ASAN_OPTIONS="detect_leaks=1")
    env.pop("MOTCUA_DIAG", None)
    p = subprocess.run([WALK, AN, BINH, "clerk.thcs-nt", SCHOOL_NT,
                        PUPIL_7_NT], capture_output=True, text=True,
                       timeout=120, env=env)
    out = p.stdout
    check(p.returncode == 0, "app_walk exited %d: %s %s"
          % (p.returncode, out[-800:], p.stderr[-800:]))
    oks = [ln for ln in out.splitlines() if ln.startswith("ok ")]
    eq(len(oks), 6, "steps of app_walk: %s" % out)
    code = [ln.split()[1] for ln in out.splitlines()
            if ln.startswith("code ")][0]
    # Seen through the server as the server would have made it.
    d = get_dossier(code, "clerk.thcs-nt")
    after = [ln.split()[-1] for ln in out.splitlines()
             if " received it: state " in ln][0]
    check(after != "submitted", "receive left it submitted")
    eq((d["state"]["id"], d["service"]["code"]),
       (after, "transcript-certification"),
       "the dossier through the API")
    rows = audit_rows("request_id = 'app-walk' AND object = 'dossier:%s'"
                      % code)
    acts = sorted(r["action"] for r in rows)
    for want in ("dossier.submit", "dossier.act"):
        check(want in acts, "audit of app_walk: no %s in %s" % (want, acts))
    check("dossier.denied" in acts, "the refusal is audited: %s" % acts)
