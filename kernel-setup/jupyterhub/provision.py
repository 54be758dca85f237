"""The classroom install behind ./kernel-setup/hub: a shared, read-only place for the
kernel, and the students' accounts. Runs as root.

`shared` fills PREFIX (default /opt/netlessons) from this checkout, skipping
what is current:

    PREFIX/rust/toolchain   a copy of the toolchain rustc runs from (its docs left out);
                            the kernel calls its cargo and rustc directly, so no rustup
    PREFIX/rust/cargo       CARGO_HOME with the registry sources of the crates the kernel
                            builds (from the prebuilt cache's Cargo.lock) and nothing else
    PREFIX/evcxr/bin        the patched evcxr_jupyter of build/evcxr
    PREFIX/src              the checkout's files (git ls-files, mtimes kept): netlib, the
                            launcher, the lessons
    PREFIX/src/build/kernel the kernel home: config, prebuilt cache (built here, as root,
                            with PREFIX/rust/cargo, so the paths cargo fingerprints are the
                            ones every student uses), `state` = ~/.netlessons/kernel;
                            build/kernel-web likewise for rust-netlib-web (lesson 06)
    PREFIX/venv             Python with requirements.txt + requirements-hub.txt and the
                            rust-netlib kernelspec

`grading` (the hub only, not binder) adds nbgrader's side:

    PREFIX/exchange         nbgrader's exchange (1777): the instructor releases into it,
                            students fetch from it and submit into it
    PREFIX/venv/etc/jupyter/nbgrader_config.py
                            the course id, the exchange, the Rust stub: for every nbgrader
                            of the class (servers, the instructor's terminal or ssh)
    ~INSTRUCTOR/netlessons/course
                            the instructor's nbgrader course: source/NN-topic/ per lesson
                            (the instructor notebook and the images it shows)

Students read all of it and write none of it: their build slots (copies of the
prebuilt cache, so a first start compiles no dependency) go to
~/.netlessons/kernel in their own home.

hub.py (./kernel-setup/hub) runs shared() as root, then users(): the accounts that do not
exist, home 0700, a generated password in its root-only passwords file (remove() deletes
them). binder/postBuild runs `provision.py shared --prefix DIR --python-env ENV` as the image's user.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pwd
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]
NAME = re.compile(r"^[a-z_][a-z0-9_-]{0,30}$")
EXCHANGE = "exchange"  # PREFIX/exchange: nbgrader's, the one place students write to
COURSE_ID = "netlessons"


def step(message):
    print(f"==> {message}", flush=True)


def run(cmd, **kwargs):
    return subprocess.run([str(c) for c in cmd], check=True, **kwargs)


def digest(*parts) -> str:
    return hashlib.sha256("\0".join(str(p) for p in parts).encode()).hexdigest()


def current(stamp: Path, want: str) -> bool:
    try:
        return stamp.read_text() == want
    except OSError:
        return False


def tar(src: Path, dest: Path, *options, names: bytes | None = None):
    """`src`'s files (or only `names`, NUL-separated) into `dest` by tar, modes and mtimes kept."""
    pack = ["tar", "-C", str(src), *options, "-cf", "-", *(["--null", "-T", "-"] if names is not None else ["."])]
    with subprocess.Popen(pack, stdin=subprocess.PIPE, stdout=subprocess.PIPE) as out:
        extract = subprocess.Popen(["tar", "-C", str(dest), "-xf", "-", "--no-same-owner"], stdin=out.stdout)
        out.stdin.write(names or b"")
        out.stdin.close()
        extract.wait()
    if out.returncode or extract.returncode:
        sys.exit(f"copying {src} to {dest} failed")


def copy_tree(src: Path, dest: Path, exclude=()):
    """`src` into a fresh `dest` by tar, swapped in at the end."""
    tmp = dest.with_name(dest.name + ".new")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    tar(src, tmp, *[f"--exclude={e}" for e in exclude])
    old = dest.with_name(dest.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if dest.exists():
        dest.rename(old)
    tmp.rename(dest)
    shutil.rmtree(old, ignore_errors=True)


def toolchain(prefix: Path, settings) -> Path:
    rustc = shutil.which("rustc", path=settings["path"])
    if not rustc:
        sys.exit(f"rustc not on the kernel's PATH {settings['path']}: run ./kernel-setup/install")
    sysroot = Path(subprocess.run([rustc, "--print", "sysroot"], capture_output=True, text=True, check=True).stdout.strip())
    version = subprocess.run([rustc, "-vV"], capture_output=True, text=True, check=True).stdout
    dest = prefix / "rust" / "toolchain"
    stamp = prefix / "rust" / "toolchain.stamp"
    want = digest(sysroot, version, (sysroot / "bin" / "rustc").stat().st_mtime_ns)
    if current(stamp, want) and (dest / "bin" / "cargo").is_file():
        step(f"toolchain: {dest} is a copy of {sysroot}")
        return dest
    step(f"toolchain: copying {sysroot} to {dest} (without its HTML docs)")
    copy_tree(sysroot, dest, exclude=["./share/doc"])
    if not (dest / "lib" / "rustlib" / "src" / "rust" / "library" / "core").is_dir():
        print("warning: the toolchain has no rust-src; evcxr's type inference needs it", file=sys.stderr)
    stamp.write_text(want)
    return dest


def registry_crates(lock: Path):
    text = lock.read_text()
    for block in text.split("[[package]]")[1:]:
        name = re.search(r'^name = "([^"]+)"', block, re.M)
        version = re.search(r'^version = "([^"]+)"', block, re.M)
        if name and version and re.search(r'^source = "registry\+', block, re.M):
            yield name.group(1), version.group(1)


def host_triple(rust: Path) -> str:
    return re.search(r"^host: (\S+)", run([rust / "bin" / "rustc", "-vV"], capture_output=True, text=True).stdout, re.M)[1]


def host_crates(cache: Path, rust: Path, triple: str) -> set[tuple[str, str]]:
    """The registry crates a build of the prebuilt cache compiles on this platform. Its
    Cargo.lock also names other platforms' crates (ring's windows-sys), which cargo
    never downloaded and an offline build for this platform does not need."""
    out = run([rust / "bin" / "cargo", "tree", "--offline", "--target", triple, "-e", "normal,build",
               "--prefix", "none", "-f", "{p}"], cwd=cache, capture_output=True, text=True).stdout
    found = set()
    for line in out.splitlines():
        # "name vX.Y.Z", maybe "(proc-macro)" or "(*)" after it; "(/path)" ones are not from the registry
        m = re.match(r"^(\S+) v(\S+)(.*)$", line.strip())
        if m and "(/" not in m.group(3):
            found.add((m.group(1), m.group(2)))
    return found


def cargo_home(prefix: Path, rust: Path) -> Path:
    """A CARGO_HOME holding the registry sources of the crates in the prebuilt cache's lock."""
    source = Path(os.environ.get("CARGO_HOME") or Path.home() / ".cargo") / "registry"
    crates, required = set(), set()
    triple = host_triple(rust)
    for home in KERNEL_HOMES:  # both kernels' crates (the web kernel's TLS crates too)
        cache = CHECKOUT / "build" / home / "cache"
        if not (cache / "Cargo.lock").is_file():
            sys.exit(f"{cache / 'Cargo.lock'} is missing: ./kernel-setup/install builds the prebuilt caches")
        # Every locked crate the registry has (cargo reads optional ones' manifests too);
        # those built on this platform must be there.
        crates |= set(registry_crates(cache / "Cargo.lock"))
        required |= host_crates(cache, rust, triple)
    crates = sorted(crates | required)
    # evcxr's rust-analyzer runs `cargo metadata` on the standard library's sources,
    # whose lock names crates of its own (offline, they must be here too).
    library_lock = rust / "lib" / "rustlib" / "src" / "rust" / "library" / "Cargo.lock"
    extra = sorted(set(registry_crates(library_lock)) - set(crates)) if library_lock.is_file() else []
    dest = prefix / "rust" / "cargo"
    stamp = prefix / "rust" / "cargo.stamp"
    want = digest(source, *(f"{n}-{v}" for n, v in crates + extra))
    if current(stamp, want):
        step(f"cargo home: {dest} has the {len(crates)} crates the kernel builds")
        return dest
    step(f"cargo home: copying the {len(crates)} crates the kernel builds from {source} to {dest}")
    tmp = dest.with_name("cargo.new")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "registry").mkdir(parents=True)
    copy_tree(source / "index", tmp / "registry" / "index")
    for index in sorted((source / "src").iterdir()):
        for name, version in crates + extra:
            crate = index / f"{name}-{version}"
            if crate.is_dir():
                copy_tree(crate, tmp / "registry" / "src" / index.name / crate.name)
            archive = source / "cache" / index.name / f"{name}-{version}.crate"
            if archive.is_file():
                (tmp / "registry" / "cache" / index.name).mkdir(parents=True, exist_ok=True)
                shutil.copy2(archive, tmp / "registry" / "cache" / index.name)
    missing = [f"{n}-{v}" for n, v in sorted(required) if not list((tmp / "registry" / "src").glob(f"*/{n}-{v}"))]
    if missing:
        sys.exit(f"the registry {source} lacks {', '.join(missing)}: run ./kernel-setup/install")
    shutil.rmtree(dest, ignore_errors=True)
    tmp.rename(dest)
    stamp.write_text(want)
    return dest


def sources(prefix: Path) -> Path:
    """The checkout's files (tracked and new, not ignored) in PREFIX/src; its build/ is kept."""
    dest = prefix / "src"
    listing = subprocess.run(
        ["git", "-C", str(CHECKOUT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
    )
    if listing.returncode == 0:
        files = [f for f in listing.stdout.split(b"\0") if f and (CHECKOUT / f.decode()).is_file()]
    else:  # not a git checkout (an image build's copy): everything but what the install generates
        skip = {".git", ".venv", "build", "target"}
        files = [
            str(f.relative_to(CHECKOUT)).encode()
            for f in CHECKOUT.rglob("*")
            if f.is_file() and not skip & set(f.relative_to(CHECKOUT).parts)
        ]
    step(f"sources: {len(files)} files of {CHECKOUT} to {dest}")
    dest.mkdir(parents=True, exist_ok=True)
    for entry in dest.iterdir():
        if entry.name != "build":
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    tar(CHECKOUT, dest, names=b"\0".join(files) + b"\0")
    return dest


def world_usable(path: Path) -> bool:
    """Whether every user can run `path`: no folder on its real path is closed to others
    (pyenv's Pythons live in root's 0700 home)."""
    real = path.resolve()
    return all(os.stat(d).st_mode & 0o001 for d in real.parents) and os.stat(real).st_mode & 0o001 != 0


def shared_python() -> Path:
    """A Python >= 3.10 students may run: $NETLESSONS_HUB_PYTHON, else the system's."""
    wanted = os.environ.get("NETLESSONS_HUB_PYTHON")
    candidates = [Path(wanted)] if wanted else [
        Path(d) / "python3" for d in ("/usr/local/bin", "/usr/bin", "/bin")
    ] + [Path(sys.base_prefix) / "bin" / f"python{sys.version_info[0]}.{sys.version_info[1]}"]
    for python in candidates:
        if python.is_file() and world_usable(python):
            ok = subprocess.run([python, "-c", "import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 10))"],
                                capture_output=True)
            if ok.returncode == 0:
                return python
    sys.exit("no Python >= 3.10 with venv that every user may run (a pyenv Python in root's home is not): "
             "apt-get install python3-venv, or set NETLESSONS_HUB_PYTHON")


def venv(prefix: Path, src: Path, existing: str | None = None) -> Path:
    if existing:
        # An image's own environment (repo2docker's $NB_PYTHON_PREFIX), which
        # already has the requirements: only the kernelspec goes there.
        step(f"Python: using {existing}")
        return Path(existing)
    env = prefix / "venv"
    reqs = [src / "kernel-setup" / "requirements.txt", src / "kernel-setup" / "requirements-hub.txt"]
    stamp = env / ".netlessons-requirements"
    want = digest(*(r.read_text() for r in reqs))
    if env.exists() and not world_usable(env / "bin" / "python"):
        shutil.rmtree(env)
    if current(stamp, want) and (env / "bin" / "jupyterhub").is_file():
        step(f"Python: {env} up to date")
        return env
    if not (env / "bin" / "python").is_file():
        base = shared_python()
        step(f"Python: creating {env} with {base}")
        run([base, "-m", "venv", env])
    step(f"Python: installing requirements.txt and requirements-hub.txt into {env} (a minute or two)")
    run([env / "bin" / "python", "-m", "pip", "install", "--disable-pip-version-check", "-q", *sum((["-r", r] for r in reqs), [])])
    stamp.write_text(want)
    return env


# The kernels (configure.py's variants): their homes under build/ and kernelspec names.
KERNEL_HOMES = {"kernel": ("", "rust-netlib"), "kernel-web": ("web", "rust-netlib-web")}


def kernels(prefix: Path, src: Path, env: Path, rust: Path, cargo: Path, evcxr: Path):
    for home, (variant, name) in KERNEL_HOMES.items():
        kernel(prefix, src, env, rust, cargo, evcxr, home, variant, name)


def kernel(prefix: Path, src: Path, env: Path, rust: Path, cargo: Path, evcxr: Path,
           home_name: str = "kernel", variant: str = "", name: str = "rust-netlib"):
    home = src / "build" / home_name
    path = f"{rust / 'bin'}:/usr/local/bin:/usr/bin:/bin"
    triple = host_triple(rust)
    cmd = [
        env / "bin" / "python", src / "kernel-setup" / "kernel" / "configure.py",
        "--home", home, "--root", src, "--evcxr", evcxr, "--path", path, "--python", env / "bin" / "python",
        "--env", f"CARGO_HOME={cargo}", "--state", f"~/.netlessons/{home_name}",
        # The shared CARGO_HOME is read-only and holds every crate the kernel and its
        # rust-analyzer read: online, cargo may refresh the registry index whenever
        # crates.io has news, and fails on writing it (Permission denied).
        "--env", "CARGO_NET_OFFLINE=true",
        # evcxr loads each cell's library from target/<triple>/debug/, one level above
        # deps/, where cargo linked it with a runpath *relative* to deps/ (rpath = true).
        # From a checkout that path climbs to / with `..` to spare, so it works; here
        # the cache and the toolchain share PREFIX, the runpath misses by one level
        # and dlopen fails to find libstd. The toolchain's libstd by absolute path:
        "--env", f"LD_LIBRARY_PATH={rust / 'lib' / 'rustlib' / triple / 'lib'}",
    ]
    library = rust / "lib" / "rustlib" / "src" / "rust" / "library"
    if (library / "core").is_dir():
        cmd += ["--rust-src", library]
    if variant:
        cmd += ["--variant", variant]
    step(f"kernel home: {home} ({name}; students' slots in ~/.netlessons/{home_name})")
    run(cmd)
    run([env / "bin" / "jupyter", "kernelspec", "install", "--sys-prefix", "--replace", "--name", name, home / "kernelspec"],
        stdout=subprocess.DEVNULL)
    # What the prebuilt cache depends on; the self-check (kernel start + cell) rebuilds it.
    h = hashlib.sha256()
    for f in sorted((src / "netlib").rglob("*")) + sorted((home / "config").glob("*")) + [home / "launcher.json", evcxr]:
        if f.is_file() and "target" not in f.parts:
            h.update(f"{f}\0".encode() + f.read_bytes())
    stamp = home / "cache.stamp"
    if current(stamp, h.hexdigest()) and (home / "cache" / "Cargo.lock").is_file():
        step("prebuilt cache: current")
        return home
    step("prebuilt cache: building netlib and its dependencies in the shared kernel home (a few minutes the first time)")
    if variant and not (home / "cache" / "Cargo.lock").is_file() and (src / "build" / "kernel" / "cache").is_dir():
        # as ./kernel-setup/install: start from the first kernel's cache
        run(["cp", "-a", src / "build" / "kernel" / "cache", home / "cache"])
    run([env / "bin" / "python", src / "kernel-setup" / "kernel" / "selfcheck.py"], cwd=src,
        env=dict(os.environ, NETLIB_KERNEL_PREBUILD="1", JUPYTER_PREFER_ENV_PATH="1", NETLIB_SELFCHECK_KERNEL=name))
    stamp.write_text(h.hexdigest())
    return home


def shared(prefix: Path, python_env: str | None = None):
    os.umask(0o022)
    prefix.mkdir(parents=True, exist_ok=True)
    os.chmod(prefix, 0o755)
    settings = json.loads((CHECKOUT / "build" / "kernel" / "launcher.json").read_text())  # the checkout's kernel
    rust = toolchain(prefix, settings)
    cargo = cargo_home(prefix, rust)
    evcxr = prefix / "evcxr" / "bin" / "evcxr_jupyter"
    built = Path(settings["evcxr"])
    if not evcxr.is_file() or evcxr.read_bytes() != built.read_bytes():
        step(f"evcxr: copying {built} to {evcxr}")
        evcxr.parent.mkdir(parents=True, exist_ok=True)
        # Beside it, then renamed over it: a kernel still running the old binary keeps
        # it (writing into a running binary fails with "Text file busy").
        tmp = evcxr.with_name(evcxr.name + ".new")
        shutil.copy2(built, tmp)
        tmp.rename(evcxr)
    src = sources(prefix)
    env = venv(prefix, src, python_env)
    kernels(prefix, src, env, rust, cargo, evcxr)
    # Nothing in the shared place is writable but by its owner (root for a hub), except
    # nbgrader's exchange (grading), which students write their submissions to.
    run(["chmod", "-R", "go-w,a+rX", *(p for p in prefix.iterdir() if p.name != EXCHANGE)])
    step(f"shared place ready: {prefix}")


# --- grading (nbgrader) ---------------------------------------------------------------


def grading(prefix: Path, instructor: str):
    """The exchange, the class's nbgrader settings and, with an instructor, their course."""
    exchange = prefix / EXCHANGE
    exchange.mkdir(exist_ok=True)
    # Everyone writes (nbgrader's rule for the exchange); sticky: no one removes another's entries.
    os.chown(exchange, 0, 0)
    os.chmod(exchange, 0o1777)
    config = prefix / "venv" / "etc" / "jupyter" / "nbgrader_config.py"
    config.parent.mkdir(parents=True, exist_ok=True)
    # Found by every nbgrader that runs from PREFIX/venv (the servers' extensions, the
    # instructor's `nbgrader` in a terminal or over ssh), whatever the environment says.
    config.write_text(f"""# Written by ./kernel-setup/hub (kernel-setup/jupyterhub/provision.py): the class's nbgrader.
c = get_config()  # noqa: F821
# The Rust stub that replaces an answer (the same as for notebooks/student/).
load_subconfig({str(prefix / "src" / "notebooks" / "tools" / "nbgrader_config.py")!r})
c.CourseDirectory.course_id = {COURSE_ID!r}
c.Exchange.root = {str(exchange)!r}
# A lesson cell compiles in about 0.3 s and a check stops each case after 3 s; a
# class's kernels starting together on a small machine take longer than one alone.
c.Execute.timeout = 120
c.Execute.startup_timeout = 300
""")
    config.chmod(0o644)
    step(f"grading: nbgrader's exchange {exchange}, course id {COURSE_ID!r}")
    if instructor:
        course(prefix / "src" / "notebooks", instructor)


def course(notebooks: Path, instructor: str):
    """~INSTRUCTOR/netlessons/course/source/NN-topic/: each lesson as an nbgrader assignment,
    the instructor notebook with the images and glossary it links to, so that a released
    copy shows them where the student fetches it. A lesson already there is kept (the
    instructor may have changed it); lessons added to the course appear."""
    user = pwd.getpwnam(instructor)
    home = Path(user.pw_dir)
    source = home / "netlessons" / "course" / "source"
    added, kept = [], []
    for lesson in sorted(notebooks.glob("[0-9][0-9]-*.ipynb")):
        dest = source / lesson.stem
        if dest.exists():
            kept.append(lesson.stem)
            continue
        tmp = source / f".{lesson.stem}.new"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        shutil.copy(lesson, tmp / lesson.name)
        text = lesson.read_text()
        for image in sorted(set(re.findall(r"\]\(images/([^)\s]+)\)", text))):
            (tmp / "images" / image).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(notebooks / "images" / image, tmp / "images" / image)
        if "](GLOSSARY.md" in text:
            shutil.copy(notebooks / "GLOSSARY.md", tmp / "GLOSSARY.md")
        tmp.rename(dest)
        added.append(lesson.stem)
    # Theirs, private like the rest of their home.
    for d in (home / "netlessons", home / "netlessons" / "course"):
        os.chmod(d, 0o700)
    run(["chown", "-R", f"{user.pw_uid}:{user.pw_gid}", home / "netlessons"])
    step(f"grading: {instructor}'s course {source.parent}: {len(added)} lessons added, {len(kept)} kept as they are")


# --- accounts -------------------------------------------------------------------------


def exists(name):
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def load(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def write_private(path: Path, text: str):
    """`text` into a file only root reads (0600 also when it was there before)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.chmod(path, 0o600)


def users(state: Path, names: list[str]):
    created_file = state / "created-users.json"
    passwords_file = state / "passwords.txt"
    created = load(created_file)
    for name in names:
        if not NAME.match(name) or name == "root":
            sys.exit(f"not a user name for a student account: {name!r}")
        if exists(name):
            if name not in created:
                step(f"account {name}: exists, keeps its own password")
        else:
            password = secrets.token_urlsafe(12)
            run(["useradd", "--create-home", "--user-group", "--shell", "/bin/bash", name])
            run(["chpasswd"], input=f"{name}:{password}\n".encode())
            created[name] = password
            write_private(created_file, json.dumps(created, indent=1))
            step(f"account {name}: created")
        home = Path(pwd.getpwnam(name).pw_dir)
        # Debian's useradd makes homes 0755: a student could read another's lessons.
        os.chmod(home, 0o700)
    lines = [f"{n} {created[n]}\n" for n in names if n in created]
    write_private(passwords_file, "# user password (generated by ./kernel-setup/hub; readable by root only)\n" + "".join(lines))
    if lines:
        step(f"passwords of the created accounts: {passwords_file} (root only)")


def remove(state: Path, names: list[str]):
    """The accounts `users` created (those of `names`, or all of them) with their homes."""
    created_file = state / "created-users.json"
    created = load(created_file)
    for name in names or list(created):
        if name not in created:
            print(f"warning: {name} was not created by ./kernel-setup/hub; left alone", file=sys.stderr)
            continue
        if exists(name):
            left = subprocess.run(["pgrep", "-u", name], capture_output=True, text=True).stdout.split()
            if left:
                sys.exit(f"{name} still runs processes {' '.join(left)}: stop the hub first")
            run(["userdel", "--remove", name], stderr=subprocess.DEVNULL)
            step(f"account {name}: removed with its home")
        created.pop(name)
        write_private(created_file, json.dumps(created, indent=1))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("shared", help="fill PREFIX (the hub's accounts are ./kernel-setup/hub's)")
    p.add_argument("--prefix", required=True)
    p.add_argument("--python-env", help="register the kernel in this existing environment instead of PREFIX/venv (binder/postBuild)")
    args = ap.parse_args()
    shared(Path(args.prefix), args.python_env)


if __name__ == "__main__":
    main()
