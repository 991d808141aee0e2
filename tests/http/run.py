#!/usr/bin/env python3
"""Black-box HTTP tests of Motcua: nginx -> motcua serve -> PostgreSQL.

Run by scripts/test.sh against a throwaway stack, with
  MOTCUA_TEST_URL    http://127.0.0.1:PORT (nginx)
  MOTCUA_TEST_VAR    the stack's directory (logs in $VAR/log)
  MOTCUA_TEST_ROOT   the checkout
  MOTCUA_TEST_STACK  scripts/stack.sh, called as $STACK $VAR COMMAND
The server runs with MOTCUA_DIAG=1 and 2 workers.

Prints "ok   NAME" or "FAIL NAME: REASON" per test, then
"N passed, M failed"; exits 1 if any test failed.  Arguments, if any,
are substrings: only the tests whose names hold one of them run (the
groups' setups still do).  Tests are independent of one another, but
the SIGTERM drain test runs last (it restarts the server afterwards).

Modules: lib.py (helpers), t_basic.py (routes, errors, request ids,
log, metrics, command line), t_accounts.py (accounts, sessions, the
first authorization wall, the accounts CLI), t_services.py (the
catalogue API, reloading), t_pages.py (the public pages),
t_pages_citizen.py (signing in, the citizen's pages),
t_pages_staff.py (the inbox, the staff's pages), t_dossiers.py
(dossiers: both services end to end, access), t_citizen_actions.py
(rating, withdrawing and supplements from the dossier page,
downloads), t_inbox_search.py (a dossier found by its code),
t_numbering.py (dossier codes past a unit's 9,999th of a day),
t_register.py (the registration page), t_register_dup.py (a CCCD
registered twice: nothing in the logs, no tell in the ids),
t_next.py (sign-in redirects and their next),
t_picker.py (the school picker), t_units.py (the units of the API),
t_lookup_post.py (the lookup by POST,
logs without the PIN), t_cli.py (disabling accounts, revoking partner
tokens, the calls between the files of fcgi/cmd), t_nginx.py (the
production example and the dev configuration of nginx), t_openapi.py
(docs/openapi.yaml against the route table and the server), t_echo.py (round trips), t_limits.py
(limits and malformed input), t_nfc.py (text kept in NFC), t_names.py
(names people read: file names and their extensions, full names, text
fields, the command line), t_app.py (the use cases called through
fcgi/app/ alone, without FastCGI), t_newservice.py (a service added
as definitions only, reloaded, filed and walked to its end), t_decimals.py
(a decimal stored alike from the API's JSON and the page's form),
t_sign.py (the signer: keys, signatures, refusals, restarts, its
log), t_documents.py (issued documents: signed, registered, verified), t_procs.py (workers, signals,
PostgreSQL, migrations, drain).
"""
import os
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True

import lib          # noqa: E402
import t_basic      # noqa: E402,F401
import t_services   # noqa: E402,F401
import t_accounts   # noqa: E402,F401
import t_pages      # noqa: E402,F401
import t_pages_citizen  # noqa: E402,F401
import t_pages_staff  # noqa: E402,F401
import t_dossiers   # noqa: E402,F401
import t_citizen_actions  # noqa: E402,F401
import t_inbox_search  # noqa: E402,F401
import t_numbering  # noqa: E402,F401
import t_register   # noqa: E402,F401
import t_register_dup  # noqa: E402,F401
import t_next       # noqa: E402,F401
import t_picker     # noqa: E402,F401
import t_units      # noqa: E402,F401
import t_lookup_post  # noqa: E402,F401
import t_cli        # noqa: E402,F401
import t_nginx      # noqa: E402,F401
import t_rls        # noqa: E402,F401
import t_access     # noqa: E402,F401
import t_openapi    # noqa: E402,F401
import t_echo       # noqa: E402,F401
import t_limits     # noqa: E402,F401
import t_app        # noqa: E402,F401
import t_nfc        # noqa: E402,F401
import t_names      # noqa: E402,F401
import t_newservice  # noqa: E402,F401
import t_sign       # noqa: E402,F401
import t_procs      # noqa: E402,F401
import t_decimals   # noqa: E402,F401
import t_guard      # noqa: E402,F401
import t_supplement  # noqa: E402,F401
import t_pdf        # noqa: E402,F401
import t_inspect    # noqa: E402,F401
import t_seal       # noqa: E402,F401
import t_jobs       # noqa: E402,F401
import t_notify     # noqa: E402,F401
import t_payments  # noqa: E402,F401
import t_reports    # noqa: E402,F401
import t_documents  # noqa: E402,F401

MODULES = [t_basic, t_services, t_accounts, t_pages, t_pages_citizen,
           t_pages_staff, t_dossiers, t_citizen_actions, t_inbox_search,
           t_numbering, t_register, t_register_dup, t_next, t_picker,
           t_units,
           t_lookup_post, t_cli, t_nginx, t_rls, t_openapi, t_echo,
           t_limits, t_nfc, t_names, t_app, t_newservice, t_decimals,
           t_sign, t_procs, t_guard, t_supplement,
           t_pdf, t_inspect, t_seal, t_jobs, t_notify, t_payments, t_reports, t_documents]


def one_line(s):
    s = " ".join(str(s).split())
    return s if len(s) <= 600 else s[:600] + "..."


def run_one(name, fn):
    try:
        fn()
    except lib.TestFailure as e:
        return "FAIL %s: %s" % (name, one_line(e))
    except Exception as e:   # an error of the test or of the server
        tb = traceback.extract_tb(e.__traceback__)[-1]
        return "FAIL %s: %s: %s (%s:%d)" % (
            name, type(e).__name__, one_line(e),
            os.path.basename(tb.filename), tb.lineno)
    return "ok   %s" % name


def main(argv):
    want = argv[1:]
    for var in ("MOTCUA_TEST_URL", "MOTCUA_TEST_VAR"):
        if not os.environ.get(var):
            print("FAIL environment: %s is not set (see scripts/test.sh)"
                  % var)
            print("0 passed, 1 failed")
            return 1
    lib.LOG_START = lib.log_size()
    verbose = os.environ.get("MOTCUA_TEST_VERBOSE") == "1"
    selected = [t for t in lib.REGISTRY
                if not want or any(w in t[0] for w in want)]
    order = [t for t in selected if not t[3]] + [t for t in selected if t[3]]
    passed = failed = 0
    done_setup = set()
    t_all = time.monotonic()
    for name, fn, module, _last in order:
        mod = sys.modules[module]
        if module not in done_setup and hasattr(mod, "setup"):
            done_setup.add(module)
            line = run_one("%s: setup" % module, mod.setup)
            if not line.startswith("ok"):
                print(line, flush=True)
                failed += 1
        t0 = time.monotonic()
        line = run_one(name, fn)
        if verbose:
            line += "  (%.2f s)" % (time.monotonic() - t0)
        print(line, flush=True)
        if line.startswith("ok"):
            passed += 1
        else:
            failed += 1
    if verbose:
        print("(%.1f s in all)" % (time.monotonic() - t_all))
    print("%d passed, %d failed" % (passed, failed), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
