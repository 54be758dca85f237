"""The classroom server: ./kernel-setup/hub with two trial students, used through its public port.

The hub is started as the README says (`./kernel-setup/hub --students 2`, with
a name prefix of its own so that no real account is touched, a free port and a
state folder of its own); its options are checked first, and what reaches
JupyterHub is the one settings file, <state>/settings.json. Both students log in through the hub's API with their
generated passwords, start their servers and run three lesson-01 cells on
Rust (netlib) at the same time, through the proxy and the kernel's websocket,
as a browser would. The OS then says whether one student can read the other's
files; the hub is stopped, and nothing of the students may still run; the
trial accounts are removed. Needs root (it creates accounts), like the command.

The shared install goes to $NETLESSONS_HUB_TEST_PREFIX (default
/opt/netlessons-test): the first run fills it (minutes: toolchain copy, venv,
prebuilt cache), later runs refresh it in seconds.
"""

from __future__ import annotations

import asyncio
import json
import os
import pwd
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import nbformat
import pytest

from netlessons.hub import hub_client as hc

import exercises as ex
import notebook_support as ns
from kernel_helpers import ROOT, dependency_libraries, rebuilt_since

PREFIX = Path(os.environ.get("NETLESSONS_HUB_TEST_PREFIX", "/opt/netlessons-test"))
SETUP_TIMEOUT = 1800  # a first run copies the toolchain and builds the shared cache
STEP_TIMEOUT = 600  # server start, kernel start and three cells, two students at once on 2 busy cores
STOP_TIMEOUT = 60
# Students get the student copies (nbgrader's, without the exercises' answers).
LESSON = "student/01-ipaddress-and-socket.ipynb"
# Lesson 06 opens on the second kernel (TLS, hyper): a TLS handshake on the student's loopback.
WEB_LESSON = "student/06-urllib-http.ipynb"
WEB_CELL = """\
let key = rcgen::KeyPair::generate()?;
let cert = rcgen::CertificateParams::new(vec!["localhost".to_string()])?.self_signed(&key)?;
let config = rustls::ServerConfig::builder()
    .with_no_client_auth()
    .with_single_cert(vec![cert.der().clone()], rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into()))?;
println!("{}", std::sync::Arc::new(config).alpn_protocols.is_empty());
"""
CELLS = ("code-01", "code-05", "code-06")

pytestmark = pytest.mark.needs("kernel", "root", "npm")


@pytest.fixture(scope="module")
def hub():
    h = hc.HubProcess(2, str(PREFIX), args=("--cull-idle", "0"), instructor=True)
    started = time.monotonic()
    # The exchange outlives a hub (a class's releases and submissions); this trial's starts empty.
    shutil.rmtree(PREFIX / "exchange", ignore_errors=True)
    try:
        try:
            h.start(SETUP_TIMEOUT)
        except hc.HubError as exc:
            pytest.fail(str(exc))
        h.timings = {"setup_and_start_s": time.monotonic() - started}
        yield h
    finally:
        h.stop()
        # The hub's log (JupyterHub, the proxy, the students' servers and kernels) stays
        # for whoever reads a failure.
        logs = ROOT / "build" / "test-logs"
        logs.mkdir(parents=True, exist_ok=True)
        shutil.copy(h.log.name, logs / "hub.log")
        h.cleanup()


def run(coro, timeout=STEP_TIMEOUT):
    return asyncio.run(asyncio.wait_for(coro, timeout))


def as_nb_cell(tag, code, outputs):
    return nbformat.from_dict(
        {"cell_type": "code", "metadata": {"tags": [f"py:{tag}"]}, "source": code, "outputs": outputs, "execution_count": None}
    )


def test_hub_options_are_checked_before_anything_is_installed(tmp_path):
    """`--help` lists the options; a wrong one is refused in the command's own words
    (status 1, no usage text) before the install, the shared place or an account is touched."""
    hub = ROOT / "kernel-setup" / "hub"
    out = subprocess.run([hub, "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.startswith("Serves the lessons to a class"), out
    for option in ("--students N", "--users a,b,...", "--instructor NAME", "--cull-idle SECONDS", "--remove-users", "-- ARGS..."):
        assert f"\n  {option} " in out.stdout, (option, out.stdout)
    for args, error in (
        (["--students", "x"], "--students wants a number, not x"),
        (["--students", "1", "--bogus"], "unknown option --bogus (see --help)"),
        (["--students", "1", "stray"], "unknown option stray (see --help)"),
        (["--prefix", "relative", "--students", "1"], "--prefix must be an absolute path"),
        (["--port", "x"], "argument --port: invalid int value: 'x'"),
        ([], "say who the class is: --students N or --users a,b,..."),
        (["--users", "kim,lee", "--instructor", "kim"], "kim is a student here; the instructor needs an account of their own"),
        (["--students", "1", "--instructor", "Kim Lee"], "not a user name: 'Kim Lee'"),
    ):
        out = subprocess.run([hub, *args, "--state", str(tmp_path / "state")], capture_output=True, text=True, timeout=60)
        assert (out.returncode, out.stdout, out.stderr) == (1, "", f"error: {error}\n"), (args, out)


OWN_NETWORK_CELL = """\
println!("{:?}", std::env::var("EVCXR_NETNS_STATUS"));
let server = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
let (_client, packets) = wire::capture(|| std::net::TcpStream::connect(server.local_addr().unwrap()).unwrap());
println!("{}", packets.port(server.local_addr().unwrap().port()).len());
println!("{:?}", std::net::TcpStream::connect("127.0.0.1:HUB_PORT").map(|_| ()).map_err(|e| e.kind()));
"""


def test_two_students_run_lesson_cells_at_the_same_time(hub, request, lesson_runs):
    nb = nbformat.read(ns.LESSON_01, as_version=4)
    rust_cells = {ns.py_tag(c): c for c in nb.cells if ns.py_tag(c)}
    twin = {ns.py_tag(c): c for c in lesson_runs.twin(ns.LESSON_01.stem).cells() if ns.py_tag(c)}
    by_tag = {ns.py_tag(c): c.source for c in nb.cells if ns.py_tag(c) in CELLS}
    assert sorted(by_tag) == sorted(CELLS)

    async def student(name):
        s = hc.Student(hub.base, name, hub.passwords[name])
        t0 = time.monotonic()
        await s.login()
        await s.start_server()
        served = time.monotonic()
        specs = await s.kernelspecs()
        copy = await s.notebook(LESSON)  # their own copy, made at their server's first start
        session = await s.open(LESSON)
        cells = [await s.execute(by_tag[tag]) for tag in CELLS]
        first = cells[0].first_output or cells[0].done
        # Each student's cells in a network namespace of their own, as their
        # own user: they capture their handshake, and the hub's proxy on the
        # machine's loopback is out of their reach.
        own = await s.execute(OWN_NETWORK_CELL.replace("HUB_PORT", str(hub.port)))
        await s.close()
        web_session = await s.open(WEB_LESSON, kernel="rust-netlib-web")
        web = await s.execute(WEB_CELL)
        await s.close()
        return {"name": name, "specs": specs, "copy": copy, "session": session, "cells": cells, "own": own,
                "web_session": web_session, "web": web,
                "server_s": served - t0, "login_to_first_output_s": first - t0}

    async def both():
        return await asyncio.gather(*(student(n) for n in hub.names))

    results = run(both())
    # The hub's options reached JupyterHub through the one settings file, and only those.
    settings = json.loads((hub.state / "settings.json").read_text())
    assert settings == {"prefix": str(PREFIX), "ip": "127.0.0.1", "port": hub.port, "users": hub.names,
                        "instructor": hub.instructor, "cull_idle": 0, "proxy": str(ROOT / "build" / "hub" / "node_modules" / ".bin" / "configurable-http-proxy")}
    for r in results:
        assert r["specs"]["default"] == "rust-netlib" and "rust-netlib" in r["specs"]["kernelspecs"]
        assert r["specs"]["kernelspecs"]["rust-netlib"]["spec"]["display_name"] == "Rust (netlib)"
        assert r["specs"]["kernelspecs"]["rust-netlib-web"]["spec"]["display_name"] == "Rust (netlib + web)"
        assert r["session"]["kernel"]["name"] == "rust-netlib"
        assert [ns.py_tag(c) for c in nbformat.from_dict(r["copy"]).cells if ns.py_tag(c)][:1] == ["code-01"]
        for tag, cell in zip(CELLS, r["cells"]):
            assert cell.status == "ok", (r["name"], tag, cell.outputs)
            rules = ns.rules_of(rust_cells[tag])
            shown = ns.shown(as_nb_cell(tag, cell.code, cell.outputs), rules)
            assert shown == ns.shown(twin[tag], rules), (r["name"], tag)
            assert not [o for o in cell.outputs if o.get("name") == "stderr"], (r["name"], tag)
        own = "".join(o.get("text", "") for o in r["own"].outputs if o.get("name") == "stdout")
        assert (r["own"].status, own) == ("ok", 'Ok("own")\n3\nErr(ConnectionRefused)\n'), (r["name"], r["own"].outputs)
        # The first kernel start in this account: a build slot in the student's own
        # home, copied from the shared prebuilt cache, so nothing compiles.
        home = Path(pwd.getpwnam(r["name"]).pw_dir)
        slots = [d for d in (home / ".netlessons" / "kernel" / "slots").iterdir() if (d / ".netlib-slot").is_file()]
        assert slots, f"no kernel build slot in {home}"
        cache = dependency_libraries(PREFIX / "src" / "build" / "kernel" / "cache")
        assert cache, "the shared prebuilt cache has no libraries"
        for slot in slots:
            assert rebuilt_since(cache, dependency_libraries(slot)) == ([], []), (r["name"], slot)
        # Lesson 06's kernel: its own slots in the student's home, from its own shared cache.
        assert r["web_session"]["kernel"]["name"] == "rust-netlib-web"
        web = "".join(o.get("text", "") for o in r["web"].outputs if o.get("name") == "stdout")
        assert (r["web"].status, web) == ("ok", "true\n"), (r["name"], r["web"].outputs)
        web_slots = [d for d in (home / ".netlessons" / "kernel-web" / "slots").iterdir() if (d / ".netlib-slot").is_file()]
        web_cache = dependency_libraries(PREFIX / "src" / "build" / "kernel-web" / "cache")
        assert web_slots and web_cache, (r["name"], web_slots)
        for slot in web_slots:
            assert rebuilt_since(web_cache, dependency_libraries(slot)) == ([], []), (r["name"], slot)
    request.config.netlessons_summary.append(
        "hub: setup+start {:.0f} s; ".format(hub.timings["setup_and_start_s"])
        + "; ".join(
            f"{r['name']}: server {r['server_s']:.1f} s, login→first output {r['login_to_first_output_s']:.1f} s, "
            f"cells {', '.join(f'{c.latency:.2f}' for c in r['cells'])} s"
            for r in results
        )
    )


def test_hub_refuses_requests_without_a_valid_token(hub):
    """Run after the students' servers started: each request below, with the
    student's own token, is answered 200 (so the path is right and the server up);
    without a token, with a made-up one, or with the other student's token, the same
    request is refused: 403 from the hub's API, and from the student's server 403
    (its API) or a redirect to the hub's login (never 200, never a 404 of a wrong path)."""
    me, other = hub.names
    tokens = {}
    for name in hub.names:
        student = hc.Student(hub.base, name, hub.passwords[name])
        run(student.login())
        tokens[name] = student.token
    requests = (
        ("GET", f"/hub/api/users/{me}"),
        ("GET", f"/hub/api/users/{me}/tokens"),
        ("GET", f"/user/{me}/api/kernels"),
        ("GET", f"/user/{me}/api/contents/{LESSON}"),
    )
    for method, path in requests:
        url = hub.base + path
        assert run(hc.status_of(method, url, tokens[me])) == (200, ""), (method, path, "with the student's own token")
        for label, token in (("no token", None), ("a made-up token", "not-a-token"), ("the other student's token", tokens[other])):
            code, location = run(hc.status_of(method, url, token))
            if path.startswith("/hub/api/"):
                ok = code == 403 or (code == 404 and token == tokens[other])  # another user's API is not even listed
            else:
                ok = code == 403 or (code == 302 and urllib.parse.urlsplit(location).path.startswith("/hub/"))
            assert ok, (method, path, label, code, location)
    # A wrong password gets no token.
    with pytest.raises(hc.HubError, match="HTTP 403"):
        run(hc.Student(hub.base, me, "wrong-" + hub.passwords[me]).login())


COURSE = "netlessons"  # the course id provision.py gives nbgrader


def test_instructor_releases_students_submit_and_autograde_scores(hub):
    """nbgrader on the hub, through the public port as the browser's pages do it: the
    instructor's formgrader generates and releases lesson 01 (their course, made by
    ./kernel-setup/hub), a student fetches it in the Assignments tab, answers two of
    its four exercises (the instructor's answers), saves and submits; the instructor
    collects, autogrades on the Rust (netlib) kernel (4 of 8 points), and releases the
    feedback, which the student fetches and reads in Korean. Formgrader is the
    instructor's only: a student's server has none."""
    lesson = ns.LESSON_01
    a = lesson.stem  # provision.py makes each lesson an assignment named after it
    teacher = hc.Student(hub.base, hub.instructor, hub.passwords[hub.instructor])
    student = hc.Student(hub.base, hub.names[0], hub.passwords[hub.names[0]])
    # What a student types: the instructor's answer, without nbgrader's markers.
    answers = {c.id: "\n".join(line for line in c.source.splitlines() if not ex.SOLUTION.match(line))
               for c in ns.read(lesson).cells if ex.is_solution(c)}
    right = {"ex01-1-code", "ex01-2-code"}

    async def api(user, method, path, body=None, ok=(200,), timeout=STEP_TIMEOUT):
        return (await hc.request(method, f"{user.server}{path}", user.token, body=body, ok=ok, timeout=timeout))[1]

    async def done(user, path, body=None):
        """A formgrader or Assignments action, which answers {"success": ..., "log"/"error"/"value": ...}."""
        reply = await api(user, "POST", path, body)
        assert reply.get("success"), (path, reply)
        return reply

    async def round_trip():
        for user in (teacher, student):
            await user.login()
            await user.start_server()
        listed = {x["name"] for x in await api(teacher, "GET", "/formgrader/api/assignments")}
        assert listed == {p.stem for p in ns.lessons()}, listed
        assert (await hc.fetch("GET", f"{student.server}/formgrader/api/assignments", student.token)).code == 404
        await done(teacher, f"/formgrader/api/assignment/{a}/assign")
        await done(teacher, f"/formgrader/api/assignment/{a}/release")
        offered = (await api(student, "GET", f"/assignments?course_id={COURSE}"))["value"]
        assert [(x["assignment_id"], x["status"]) for x in offered] == [(a, "released")], offered
        await done(student, "/assignments/fetch", {"course_id": COURSE, "assignment_id": a})
        path = f"/api/contents/{a}/{lesson.name}"
        model = await api(student, "GET", f"{path}?content=1")
        fetched = nbformat.from_dict(model["content"])
        assert "BEGIN SOLUTION" not in json.dumps(model["content"]), "the released copy holds an answer"
        images = await api(student, "GET", f"/api/contents/{a}/images?content=1")
        assert {i["name"] for i in images["content"]} >= {"address-kinds.svg", "url-structure.svg"}
        for cell in fetched.cells:
            if cell.id in right:
                cell.source = answers[cell.id]
        await api(student, "PUT", path, {"type": "notebook", "format": "json", "content": fetched}, ok=(200, 201))
        await done(student, "/assignments/submit", {"course_id": COURSE, "assignment_id": a})
        await done(teacher, f"/formgrader/api/assignment/{a}/collect")
        graded = await done(teacher, f"/formgrader/api/submission/{a}/{student.name}/autograde")
        submission = await api(teacher, "GET", f"/formgrader/api/submission/{a}/{student.name}")
        await done(teacher, f"/formgrader/api/assignment/{a}/{student.name}/generate_feedback")
        await done(teacher, f"/formgrader/api/assignment/{a}/{student.name}/release_feedback")
        await done(student, "/assignments/fetch_feedback", {"course_id": COURSE, "assignment_id": a})
        folders = await api(student, "GET", f"/api/contents/{a}/feedback?content=1")
        (stamp,) = [f["name"] for f in folders["content"]]
        feedback = urllib.parse.quote(f"{a}/feedback/{stamp}/{lesson.stem}.html")  # the stamp is a time, with spaces
        html = await api(student, "GET", f"/api/contents/{feedback}?content=1&format=text")
        return graded, submission, html["content"]

    graded, submission, feedback = run(round_trip(), timeout=2 * STEP_TIMEOUT)
    assert (submission["score"], submission["max_score"]) == (4, 8), (submission, graded.get("log", "")[-3000:])
    # The feedback is the autograded notebook: the checks' Korean reports, the score.
    assert "아직 작성하지 않았다" in feedback, feedback[:2000]
    assert f"{lesson.stem} (Score: 4.0 / 8.0)" in feedback, re.findall(r"[^>]*Score:[^<]*", feedback)[:3]


def test_students_neither_see_nor_reach_each_others_traffic(hub):
    """Each student's cells run in a network namespace of their own: while one
    captures, the other's connections are not in it, and the first's listening
    port is not there for the second (who may bind the same number)."""
    a_name, b_name = hub.names

    def out(cell):
        assert cell.status == "ok", cell.outputs
        return "".join(o.get("text", "") for o in cell.outputs if o.get("name") == "stdout")

    async def both():
        a = hc.Student(hub.base, a_name, hub.passwords[a_name])
        b = hc.Student(hub.base, b_name, hub.passwords[b_name])
        for s in (a, b):
            await s.login()
            await s.start_server()
            await s.open(LESSON)
        try:
            port = int(out(await a.execute(
                'let a_server = std::net::TcpListener::bind("127.0.0.1:0").unwrap();\n'
                "let a_capture = wire::Capture::start().unwrap();\n"
                'println!("{}", a_server.local_addr().unwrap().port());')))
            b_saw = out(await b.execute(
                "let timeout = std::time::Duration::from_secs(3);\n"
                f'let theirs: std::net::SocketAddr = "127.0.0.1:{port}".parse().unwrap();\n'
                'println!("{:?}", std::net::TcpStream::connect_timeout(&theirs, timeout).map(|_| ()).map_err(|e| e.kind()));\n'
                "let b_server = std::net::TcpListener::bind(theirs).unwrap(); // the same number, in b's namespace\n"
                "let b_client = std::net::TcpStream::connect_timeout(&theirs, timeout).unwrap();\n"
                'println!("{}", b_client.peer_addr().unwrap() == b_server.local_addr().unwrap());'))
            a_saw = out(await a.execute(
                "let a_packets = a_capture.stop().unwrap();\n"
                'println!("{}", a_packets.iter().filter(|p| p.protocol() == "TCP").count());'))
            return b_saw, a_saw
        finally:
            await a.close()
            await b.close()

    b_saw, a_saw = run(both())
    assert b_saw == "Err(ConnectionRefused)\ntrue\n", b_saw
    assert a_saw == "0\n", f"{a_name}'s capture saw TCP while only {b_name} talked: {a_saw}"


def runuser(name, *cmd):
    return subprocess.run(["runuser", "-u", name, "--", *cmd], capture_output=True, text=True, timeout=60)


def test_students_cannot_read_each_others_files(hub):
    a, b = hub.names
    for me, other in ((a, b), (b, a)):
        mine = Path(pwd.getpwnam(me).pw_dir)
        theirs = Path(pwd.getpwnam(other).pw_dir)
        # Each reads their own lesson copy and kernel folder...
        assert runuser(me, "cat", str(mine / "netlessons" / LESSON)).returncode == 0
        # ...which holds the student copies and what they link to, never the answers
        # (the instructor notebooks, the Python twins).
        got = sorted(p.relative_to(mine / "netlessons").as_posix() for p in (mine / "netlessons").rglob("*") if p.is_file())
        # (and the first student the lesson they fetched and its feedback: the instructor's test)
        fetched = {ns.LESSON_01.stem} if me == hub.names[0] else set()
        assert {p.split("/")[0] for p in got} == {"student", "images", "GLOSSARY.md"} | fetched, got
        assert not [p for p in got if "BEGIN SOLUTION" in (mine / "netlessons" / p).read_text(errors="replace")], got
        assert runuser(me, "ls", str(mine / ".netlessons" / "kernel" / "slots")).returncode == 0
        # ...and nothing of the other's.
        for path in (theirs, theirs / "netlessons" / LESSON, theirs / ".netlessons" / "kernel" / "slots"):
            out = runuser(me, "ls", "-l", str(path))
            assert out.returncode != 0 and "Permission denied" in out.stderr, (me, path, out)
        out = runuser(me, "cat", str(theirs / "netlessons" / LESSON))
        assert out.returncode != 0 and "Permission denied" in out.stderr
        # The instructor's course holds the answers: closed to students.
        course = Path(pwd.getpwnam(hub.instructor).pw_dir) / "netlessons" / "course" / "source"
        out = runuser(me, "ls", str(course))
        assert out.returncode != 0 and "Permission denied" in out.stderr, (me, out)
        # The shared install is read-only to them.
        out = runuser(me, "touch", str(PREFIX / "src" / "build" / "kernel" / "cache" / f"by-{me}"))
        assert out.returncode != 0 and "Permission denied" in out.stderr, out


def test_hub_stops_cleanly(hub):
    assert hub.stop(STOP_TIMEOUT), f"JupyterHub did not exit {STOP_TIMEOUT} s after SIGINT:\n{hub.log_text()}"
    assert hub.proc.returncode == 0, hub.log_text()
    deadline = time.monotonic() + 30  # servers' kernels end just after their servers
    while time.monotonic() < deadline and any(hub.processes_of(n) for n in hub.accounts):
        time.sleep(0.5)
    left = {n: hub.processes_of(n) for n in hub.accounts}
    assert not any(left.values()), left
    with pytest.raises((urllib.error.URLError, ConnectionError)):
        urllib.request.urlopen(f"{hub.base}/hub/api/", timeout=5)
    hub.remove_users()
    for name in hub.accounts:
        with pytest.raises(KeyError):
            pwd.getpwnam(name)
    assert json.loads((hub.state / "created-users.json").read_text()) == {}
