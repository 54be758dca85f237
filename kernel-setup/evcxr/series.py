"""The evcxr patches as a series of git commits you can work on, and back.

    python3 kernel-setup/evcxr/series.py edit     # build/evcxr/series: one commit per patch
    cd build/evcxr/series && $EDITOR evcxr/src/... && git commit ...   # or git rebase -i
    python3 kernel-setup/evcxr/series.py export   # rewrites kernel-setup/evcxr/NNNN-*.patch
    python3 kernel-setup/evcxr/series.py check    # the committed files are what export writes

`edit` unpacks the pinned crates (build.py's `pristine`) into a scratch git
repository, commits them as published, then commits every patch in order with
its header as the commit message. Change the series as any branch: amend a
commit, `git rebase -i` to edit an older one (later ones are rebased onto it),
add a commit for a new patch. The first line of a message is its subject
(`evcxr: ...`); the file name is made from it.

`export` writes one file per commit after the published sources: the message,
a blank line, and `git diff --full-index` against the commit before. Full blob
ids let build.py check that each patch applies to exactly what the previous one
left (no fuzz, no offset). Patch files no commit produces are removed.

`check` re-creates the series from the committed patches in a temporary
directory and exports it again: it must give the same bytes, so every patch is
a commit of the chain and the headers survive a round trip.

No arguments name a machine path: the scratch tree is `build/evcxr/series`
(ignored, like all of build/) unless `--dir` says otherwise.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import build  # kernel-setup/evcxr/build.py, next to this file

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BASE_TAG = "published"
# Fixed identity and dates: the same series gives the same commits anywhere.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "netlessons",
    "GIT_AUTHOR_EMAIL": "netlessons@localhost",
    "GIT_COMMITTER_NAME": "netlessons",
    "GIT_COMMITTER_EMAIL": "netlessons@localhost",
    "GIT_AUTHOR_DATE": "2000-01-01T00:00:00Z",
    "GIT_COMMITTER_DATE": "2000-01-01T00:00:00Z",
}


def git(tree, *args, capture=False):
    env = dict(os.environ, **GIT_ENV)
    env.pop("GIT_DIR", None)
    proc = subprocess.run(["git", "-C", str(tree), *args], env=env, check=True,
                          capture_output=capture, text=True)
    return proc.stdout if capture else None


def split_patch(text):
    """(header, diff) of one patch file: the header is the text before its first diff."""
    at = text.find("\ndiff --git ")
    if at < 0:
        sys.exit("error: a patch without a `diff --git` line")
    return text[: at + 1], text[at + 1 :]


def slug(subject):
    """`evcxr: a cell's output ends with the cell` -> `a-cells-output-ends-with-the-cell`."""
    subject = re.sub(r"^[\w-]+:\s*", "", subject).lower().replace("'", "")
    words = re.sub(r"[^a-z0-9]+", " ", subject).split()
    # Whole words up to 50 characters, as short as git format-patch's names.
    name = words[0]
    for word in words[1:]:
        if len(name) + 1 + len(word) > 50:
            break
        name += "-" + word
    return name


def cargo():
    return shutil.which("cargo") or sys.exit("error: cargo not found on PATH")


def edit(tree, patches, out):
    """A git repository at `tree`: the published sources, then one commit per patch."""
    if tree.exists():
        sys.exit(f"error: {tree} exists; export or remove it first (it may hold your work)")
    build.pristine(cargo(), out, tree)
    git(tree, "init", "--quiet", "--initial-branch=series")
    git(tree, "add", "--all")
    git(tree, "commit", "--quiet", "-m", "evcxr and evcxr_jupyter {}, zeromq {} as published on crates.io".format(
        build.VERSION, build.CRATES["zeromq"][0]))
    git(tree, "tag", BASE_TAG)
    for patch in patches:
        build.apply_strictly(patch, tree)
        header, _ = split_patch(patch.read_text())
        git(tree, "add", "--all")
        git(tree, "commit", "--quiet", "--cleanup=verbatim", "-m", header.rstrip("\n") + "\n")


def export(tree, dest):
    """Writes one patch file per commit after the published sources into `dest`."""
    commits = git(tree, "rev-list", "--reverse", f"{BASE_TAG}..HEAD", capture=True).split()
    written = []
    for n, commit in enumerate(commits, 1):
        message = git(tree, "log", "-1", "--format=%B", commit, capture=True).rstrip("\n") + "\n"
        diff = git(tree, "diff", "--full-index", "--no-renames", "--no-color", "--no-ext-diff",
                   f"{commit}^", commit, capture=True)
        name = f"{n:04d}-{slug(message.splitlines()[0])}.patch"
        (dest / name).write_text(message + "\n" + diff)
        written.append(name)
    for old in dest.glob("[0-9][0-9][0-9][0-9]-*.patch"):
        if old.name not in written:
            old.unlink()
    return written


def check():
    """The committed series is exactly what `edit` + `export` give back."""
    committed = {p.name: p.read_text() for p in build.patches()}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        edit(tmp / "series", build.patches(), ROOT / "build" / "evcxr")
        (tmp / "out").mkdir()
        export(tmp / "series", tmp / "out")
        again = {p.name: p.read_text() for p in (tmp / "out").glob("*.patch")}
    if again != committed:
        differ = sorted(set(again) ^ set(committed) | {n for n in again if again.get(n) != committed.get(n)})
        sys.exit("error: the series does not survive a round trip: " + ", ".join(differ))
    print(f"{len(committed)} patches: each applies to exactly what the one before it left")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["edit", "export", "check"])
    parser.add_argument("--dir", type=Path, default=ROOT / "build" / "evcxr" / "series",
                        help="the scratch git repository (default: build/evcxr/series)")
    args = parser.parse_args()
    if args.command == "edit":
        edit(args.dir, build.patches(), ROOT / "build" / "evcxr")
        print(f"{args.dir}: {len(build.patches())} commits on `{BASE_TAG}`; commit your changes there, "
              "then run series.py export")
    elif args.command == "export":
        names = export(args.dir, HERE)
        print(f"wrote {len(names)} patches to {HERE}; ./kernel-setup/install rebuilds evcxr_jupyter")
    else:
        check()


if __name__ == "__main__":
    main()
