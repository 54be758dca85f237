"""Serves the lessons to a class from this machine with JupyterHub (run as root).

  ./kernel-setup/hub --students 2            trial accounts student01, student02
  ./kernel-setup/hub --users alice,bob       these accounts (created if missing)
  ./kernel-setup/hub --users alice,bob --instructor kim
                                             kim grades them with nbgrader

Installs what is missing first (./kernel-setup/install, then the shared place
and JupyterHub: kernel-setup/jupyterhub/provision.py says what goes where),
then runs JupyterHub in the foreground until Ctrl+C, which stops every
student's server. Each student logs in with their Unix password (PAM); the
passwords of accounts this script created are in <state>/passwords.txt,
readable by root only. The instructor (--instructor) gets nbgrader's
formgrader and a course folder with every lesson as an assignment; students
fetch and submit through JupyterLab's Assignments tab, by the exchange folder
PREFIX/exchange.
"""

# ./kernel-setup/hub runs this (with python3 until ./kernel-setup/install made .venv: only the
# standard library is needed). The options are parsed here only; JupyterHub gets them from
# <state>/settings.json, read by jupyterhub_config.py alone: prefix, ip, port, users (--users
# and the --students accounts), instructor (the grader's account or ""), cull_idle (seconds,
# 0: never), proxy (configurable-http-proxy).
# The students' servers read none of it: `singleuser` finds PREFIX from its own path.

import argparse
import fcntl
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import provision

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def die(message):
    sys.exit(f"error: {message}")


class Parser(argparse.ArgumentParser):
    def error(self, message):  # the wording and status of the shell script this was: no usage, 1
        die(message)


def parse(argv):
    ap = Parser(usage=argparse.SUPPRESS, description=__doc__.strip(), add_help=False, allow_abbrev=False,
                formatter_class=argparse.RawTextHelpFormatter)
    o = ap.add_argument_group("Options")
    o.add_argument("-h", "--help", action="help", help=argparse.SUPPRESS)
    o.add_argument("--students", metavar="N", default="0", help='create student01..studentNN (--student-prefix changes "student")')
    o.add_argument("--student-prefix", default="student", help=argparse.SUPPRESS)
    o.add_argument("--users", metavar="a,b,...", default="", help="the class's accounts; missing ones are created with a password")
    o.add_argument("--instructor", metavar="NAME", default="",
                   help="the account that releases and grades the lessons with nbgrader (created if missing)")
    o.add_argument("--ip", metavar="ADDR", default="127.0.0.1", help="listen on ADDR (default 127.0.0.1: this machine only)")
    o.add_argument("--port", metavar="P", type=int, default=8000, help="the hub's port (default 8000)")
    o.add_argument("--prefix", metavar="DIR", default="/opt/netlessons", help="the shared, read-only install (default /opt/netlessons)")
    o.add_argument("--state", metavar="DIR", default=str(ROOT / "build" / "hub" / "state"),
                   help="the hub's database, cookie secret, passwords (default build/hub/state)")
    o.add_argument("--cull-idle", metavar="SECONDS", type=int, default=3600, help="stop servers idle that long (default 3600; 0: never)")
    o.add_argument("--setup-only", action="store_true", help="install and create the accounts, do not start the hub")
    o.add_argument("--remove-users", action="store_true", help="delete the accounts this script created (with their homes), then exit")
    o.add_argument("extra", nargs="*", metavar="-- ARGS...", help="passed on to jupyterhub (e.g. --JupyterHub.ssl_cert=...)")
    cut = argv.index("--") if "--" in argv else len(argv)  # after it, jupyterhub's; before, no word but options
    args, unknown = ap.parse_known_args(argv[:cut])
    if unknown or args.extra:
        die(f"unknown option {(unknown or args.extra)[0]} (see --help)")
    args.extra = argv[cut + 1:]
    return args


def main(argv):
    args = parse(argv)
    if os.geteuid() != 0:
        die("run as root (sudo ./kernel-setup/hub ...): it creates accounts, and JupyterHub starts each student's server as that student")
    if not re.fullmatch(r"[0-9]+", args.students):
        die(f"--students wants a number, not {args.students}")
    if not args.prefix.startswith("/"):
        die("--prefix must be an absolute path")
    state, prefix = Path(args.state).resolve(), Path(args.prefix)
    state.mkdir(parents=True, exist_ok=True)
    state.chmod(0o700)
    listed = [n for n in args.users.split(",") if n]
    if args.remove_users:
        return provision.remove(state, listed)
    names = listed + [f"{args.student_prefix}{i:02d}" for i in range(1, int(args.students) + 1)]
    if not names:
        die("say who the class is: --students N or --users a,b,...")
    if args.instructor in names:
        die(f"{args.instructor} is a student here; the instructor needs an account of their own")
    if args.instructor and not provision.NAME.match(args.instructor):
        die(f"not a user name: {args.instructor!r}")

    # What is shell stays shell: the checkout's install, then `npm ci` of the proxy. Each says why it failed.
    for script in (ROOT / "kernel-setup" / "install", HERE / "proxy-install"):
        if subprocess.run([script]).returncode:
            sys.exit(1)
    proxy = ROOT / "build" / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"  # as proxy-install puts it
    prefix.mkdir(parents=True, exist_ok=True)
    with open(prefix / ".provision.lock", "w") as lock:  # one provisioning of a prefix at a time
        fcntl.flock(lock, fcntl.LOCK_EX)
        provision.shared(prefix)
        provision.users(state, names + [args.instructor] * bool(args.instructor))
        provision.grading(prefix, args.instructor)
    settings = state / "settings.json"
    settings.write_text(json.dumps({"prefix": str(prefix), "ip": args.ip, "port": args.port, "users": names,
                                    "instructor": args.instructor, "cull_idle": args.cull_idle, "proxy": str(proxy)}, indent=1))
    if args.setup_only:
        return provision.step("set up; start the hub with the same options, without --setup-only")

    if not (args.ip.startswith("127.") or args.ip in ("::1", "localhost")):
        print(f"""warning: the hub listens on {args.ip}:{args.port}: everyone who can reach that address sees its login page,
    and whoever logs in runs code on this machine as that student. Plain HTTP sends passwords and
    work unencrypted: put TLS in front (-- --JupyterHub.ssl_cert=FILE --JupyterHub.ssl_key=FILE,
    or a reverse proxy), give strong passwords, and open the port only to the class's network.""", file=sys.stderr, flush=True)
    provision.step(f"JupyterHub: http://{args.ip}:{args.port}/ for {', '.join(names)} (stop with Ctrl+C)")
    provision.step(f"passwords of the accounts created here: {state / 'passwords.txt'}")
    os.chdir(state)
    os.environ["NETLESSONS_HUB_SETTINGS"] = str(settings)
    jupyterhub = prefix / "venv" / "bin" / "jupyterhub"
    os.execv(jupyterhub, [jupyterhub, "-f", HERE / "jupyterhub_config.py", *args.extra])


if __name__ == "__main__":
    main(sys.argv[1:])
