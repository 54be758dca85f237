"""What the lesson tests share: paths, the original Python record, and the
documented normalisations that turn what a Python cell showed into what the
matching Rust cell must show.

Every rule is listed in notebooks/README.md ("Normalisations"); each cell's
rules are in `CELL_RULES`, so nothing is normalised that a cell does not name.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
EXPECTED = ROOT / "tests" / "expected"
LESSON_01 = NOTEBOOKS / "01-ipaddress-and-socket.ipynb"
LESSON_00 = NOTEBOOKS / "00-network-programming.ipynb"
TIMINGS = ROOT / "build" / "test-timings"

sys.path.insert(0, str(EXPECTED))
sys.path.insert(0, str(NOTEBOOKS / "tools"))

import gen_expected  # noqa: E402  (tests/expected/gen_expected.py)

CODE_IDS = [f"code-{n:02d}" for n in range(1, 37)]

# Host-dependent cells whose answer comes from the machine (hostname, resolver,
# /etc/services, /etc/protocols), not from the Python build: any python3 may
# give the live answer. code-31/32 (the AddressFamily members compiled into
# CPython) are compared live only with CPython 3.13, else with the record.
HOST_ONLY = {f"code-{n:02d}" for n in range(10, 26)}

# The one original cell that raises (no reverse DNS entry for the address).
PYTHON_RAISES = {"code-18"}


def rust_str_debug(text: str) -> str:
    """Rust's `{:?}` of a `str`/`String`: double quotes, backslash escapes."""
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    )
    return f'"{escaped}"'


def _bytes_literals(text: str):
    return re.finditer(r"b'(?:[^'\\\n]|\\.)*'", text)


def rule_bool(text: str) -> str:
    """Python `True`/`False` → Rust `true`/`false`."""
    return re.sub(r"\bTrue\b", "true", re.sub(r"\bFalse\b", "false", text))


def rule_packed(text: str) -> str:
    """A packed address `b'\\xc0\\xa8\\x00\\x0f'` → `Vec<u8>` Debug `[192, 168, 0, 15]`.

    Only literals with a `\\x` escape (raw address bytes), so hexlify's
    `b'c0a8000f'` is left to `rule_hexlify`.
    """

    def repl(m: re.Match) -> str:
        if "\\x" not in m.group(0):
            return m.group(0)
        return "[" + ", ".join(str(b) for b in ast.literal_eval(m.group(0))) + "]"

    return re.sub(r"b'(?:[^'\\\n]|\\.)*'", repl, text)


def rule_hexlify(text: str) -> str:
    """`binascii.hexlify` gives bytes `b'c0a8000f'`; netlib's `hexlify` a `String` `c0a8000f`."""
    return re.sub(r"b'([0-9a-f]*)'", r"\1", text)


def rule_str_list(text: str) -> str:
    """A printed list of str `['127.0.0.1']` → `Vec<String>` Debug `["127.0.0.1"]`."""

    def repl(m: re.Match) -> str:
        items = ast.literal_eval(m.group(0))
        return "[" + ", ".join(rust_str_debug(s) for s in items) + "]"

    return re.sub(r"\[(?:'(?:[^'\\]|\\.)*'(?:, '(?:[^'\\]|\\.)*')*)?\]", repl, text)


def rule_str_repr(result: str) -> str:
    """A `str` result `'http'` (repr) → `String` Debug `"http"`."""
    return rust_str_debug(ast.literal_eval(result))


def rule_option(result: str | None) -> str:
    """`o.port` is an int or None; `o.port()?` is `Option<u16>`: `Some(80)` / `None`."""
    return "None" if result is None else f"Some({result})"


def rule_type_name(result: str) -> str:
    """`type(addr.packed)` is `bytes`; `type_name_of_val(&addr.packed())` is `alloc::vec::Vec<u8>`."""
    return {"bytes": "alloc::vec::Vec<u8>"}[result]


def rule_help_members(text: str) -> str:
    """`help(socket.AddressFamily)` → only its members, `NAME = <AddressFamily.NAME: N>`, sorted."""
    members = re.findall(r"^ \|  (AF_\w+ = <AddressFamily\.\w+: -?\d+>)$", text, re.M)
    return "".join(line + "\n" for line in sorted(members))


# Rules applied to the Python cell's stdout ("out") or last-expression value ("result").
CELL_RULES: dict[str, dict[str, list]] = {
    "code-05": {"out": [rule_bool]},
    "code-06": {"out": [rule_packed, rule_hexlify]},
    "code-07": {"result": [rule_type_name]},
    "code-09": {"out": [rule_bool, rule_hexlify]},
    "code-13": {"out": [rule_str_list]},
    "code-18": {"out": [rule_str_list]},
    "code-27": {"result": [rule_str_repr]},
    "code-28": {"result": [rule_option]},
    "code-29": {"result": [rule_str_repr]},
    "code-30": {"result": [rule_str_repr]},
    "code-31": {"out": [rule_help_members]},
    "code-33": {"out": [rule_hexlify]},
    "code-34": {"result": [rule_str_repr]},
    "code-35": {"result": [rule_str_repr]},
    "code-36": {"result": [rule_str_repr]},
}

# The Rust side's own help text is reduced the same way (netlib's help is abridged).
RUST_RULES = {
    "code-31": rule_help_members,
}


def expected_shown(record: dict) -> str:
    """What the Rust cell must show, from the Python cell's record.

    Shown text = stdout, then the last expression's value on its own line,
    then an exception as IPython's last traceback line `ename: evalue`
    (the Rust cell prints that line itself).
    """
    rules = CELL_RULES.get(record["id"], {})
    out = record["stdout"]
    for rule in rules.get("out", []):
        out = rule(out)
    result = record["result"]
    if rules.get("result"):
        for rule in rules["result"]:
            result = rule(result)
    shown = out
    if result is not None:
        shown += result + "\n"
    if record.get("error"):
        shown += f"{record['error']['ename']}: {record['error']['evalue']}\n"
    return shown


def shown(stdout: str, results: list[str], tag: str | None) -> str:
    """What a Rust cell showed: its stdout, then each result's `text/plain` on its own line.

    Shared by the nbclient execution (`rust_shown`) and the browser test,
    which reads the same parts from the page.
    """
    out = stdout
    for result in results:
        out += result.rstrip("\n") + "\n"
    fix = RUST_RULES.get(tag)
    return fix(out) if fix else out


def rust_shown(cell) -> str:
    """What an executed Rust cell showed: stdout, then its execute_result text/plain."""
    stdout = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")
    results = [
        o["data"]["text/plain"]
        for o in cell.outputs
        if o.output_type == "execute_result" and "text/plain" in o.get("data", {})
    ]
    return shown(stdout, results, py_tag(cell))


def live_python_cells() -> dict:
    """The original cells run now, on this machine, by id; `_is_313` says whether by CPython 3.13."""
    live = gen_expected.run_cells()
    cells = {c["id"]: c for c in live["cells"]}
    cells["_is_313"] = live["python"].startswith("3.13.")
    return cells


def expected_record(code_id: str, python_live: dict) -> dict:
    """The Python cell's record a Rust cell is compared with: the committed one,
    or for host-dependent cells the live run (see HOST_ONLY)."""
    record = next(c for c in committed_record()["cells"] if c["id"] == code_id)
    if record["host_dependent"] and (code_id in HOST_ONLY or python_live["_is_313"]):
        return python_live[code_id]
    return record


def committed_record() -> dict:
    return json.loads((EXPECTED / "001.json").read_text(encoding="utf-8"))


def is_extra(cell) -> bool:
    """A cell the original lacks (a picture, an exercise), tagged `extra`."""
    return "extra" in cell.get("metadata", {}).get("tags", [])


def extra_python(cell) -> str:
    """The Python an extra cell stands for: its leading `// Python:` lines."""
    lines = []
    for line in cell.source.splitlines():
        if not line.startswith("// Python:"):
            break
        lines.append(line.removeprefix("// Python:").removeprefix(" "))
    return "\n".join(lines)


def py_tag(cell) -> str | None:
    for tag in cell.get("metadata", {}).get("tags", []):
        if tag.startswith("py:"):
            return tag[3:]
    return None
