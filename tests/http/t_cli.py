"""The shape of fcgi/cmd: no circle of calls between its files (read
from the objects the stack runs)."""
import glob
import os
import subprocess

from lib import binary, check, eq, test


# --- the shape of fcgi/cmd -----------------------------------------------------

def call_graph(objdir):
    """file -> the files of objdir whose functions it calls (nm)."""
    defined, used = {}, {}
    objs = sorted(glob.glob(os.path.join(objdir, "*.o")))
    check(len(objs) >= 5, "objects of fcgi/cmd in %s: %s" % (objdir, objs))
    for o in objs:
        f = os.path.basename(o)[:-2] + ".c"
        out = subprocess.run(["nm", "-g", o], capture_output=True,
                             text=True, check=True).stdout
        for ln in out.splitlines():
            w = ln.split()
            if len(w) == 3 and w[1] in "TDRB":
                defined[w[2]] = f
            elif len(w) == 2 and w[0] == "U":
                used.setdefault(f, set()).add(w[1])
    return {f: {defined[s] for s in syms if defined.get(s, f) != f}
            for f, syms in used.items()}


def circle(g):
    """A list of files calling round in a circle, or None."""
    state = {}

    def visit(f, path):
        state[f] = 1
        for t in sorted(g.get(f, ())):
            if state.get(t) == 1:
                return path[path.index(t):] + [t]
            if t not in state:
                c = visit(t, path + [t])
                if c:
                    return c
        state[f] = 2
        return None
    for f in sorted(g):
        if f not in state:
            c = visit(f, [f])
            if c:
                return c
    return None


@test("cli: the files of fcgi/cmd call one another without a circle")
def _():
    objdir = os.path.join(os.path.dirname(binary()), "fcgi", "cmd")
    g = call_graph(objdir)
    # The test can fail: a circle made up is found.
    eq(circle({"a.c": {"b.c"}, "b.c": {"c.c"}, "c.c": {"a.c"}}),
       ["a.c", "b.c", "c.c", "a.c"], "the circle finder")
    c = circle(g)
    check(c is None, "calls go round: %s" % " -> ".join(c or []))
    # What the commands share is in cli.c, which calls none of them.
    eq(g.get("cli.c", set()) & {"users.c", "units.c", "demo.c"}, set(),
       "cli.c calls no command")
