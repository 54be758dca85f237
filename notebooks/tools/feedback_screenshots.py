"""Pictures of what an exercise's check shows a student, one per kind of feedback.

    .venv/bin/python notebooks/tools/feedback_screenshots.py   # -> build/screenshots/exercise-*.png

Runs lesson 01's first exercise (same_subnet) and lesson 00's server exercise
(echo_all) on the Rust (netlib) kernel with answers of each kind, exports the
executed cells as the instructor's HTML export does (JupyterLab's styles), and
has Debian's Chromium (through Playwright, as tests/test_browser.py) photograph
each check cell with the answer above it:

    exercise-pass      the instructor's answer: every case green
    exercise-wrong     /24 hard-coded: the wrong values, each with its hint
    exercise-todo      the student copy's stub: "아직 작성하지 않았다"
    exercise-panic     unwrap() on an address that does not parse
    exercise-timeout   an answer that never returns: the limit, later cases not run
    exercise-server    a server that never ends: said in words

For looking at, not for asserting (tests/test_exercises.py asserts the texts).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lessons  # noqa: E402  (notebooks/tools/lessons.py: execute, to_html)

NOTEBOOKS = Path(__file__).resolve().parent.parent
OUT = NOTEBOOKS.parent / "build" / "screenshots"

SAME_SUBNET = "fn same_subnet(a: &str, b: &str, prefix: u8) -> bool {{\n{}\n}}"
ECHO_ALL = "use std::io::{{Read, Write}};\nuse std::net::TcpListener;\n\nfn echo_all(listener: TcpListener) -> std::io::Result<()> {{\n{}\n}}"

# name -> (lesson, exercise, the answer cell as a student wrote it; None: the instructor's)
KINDS = {
    "pass": ("01-ipaddress-and-socket", "ex01-1", None),
    "wrong": ("01-ipaddress-and-socket", "ex01-1", SAME_SUBNET.format(
        '    // 앞의 세 옥텟만 비교한다 (/24로 고정)\n'
        '    let head = |s: &str| s.split(\'.\').take(3).collect::<Vec<_>>().join(".");\n'
        '    head(a) == head(b)')),
    "todo": ("01-ipaddress-and-socket", "ex01-1", SAME_SUBNET.format("    // 여기에 코드를 쓰세요\n    todo!()")),
    "panic": ("01-ipaddress-and-socket", "ex01-1", SAME_SUBNET.format(
        '    let net_a = ip_interface(format!("{a}/{prefix}").as_str()).unwrap().network();\n'
        '    let net_b = ip_interface(format!("{b}/{prefix}").as_str()).unwrap().network();\n'
        '    net_a == net_b')),
    "timeout": ("01-ipaddress-and-socket", "ex01-1", SAME_SUBNET.format(
        "    // 답을 기다리다 끝나지 않는다\n    std::thread::sleep(std::time::Duration::from_secs(3600));\n    false")),
    "server": ("00-network-programming", "ex00-1", ECHO_ALL.format(
        "    // 연결 하나를 다 처리해도 다음 연결을 기다린다: 함수가 끝나지 않는다\n"
        "    loop {\n        let (mut conn, _) = listener.accept()?;\n        let mut buf = [0u8; 4096];\n"
        "        loop {\n            let n = conn.read(&mut buf)?;\n            if n == 0 {\n                break;\n            }\n"
        "            conn.write_all(&buf[..n])?;\n        }\n    }")),
}


def notebook() -> tuple[nbformat.NotebookNode, list[str]]:
    """One notebook: for each kind, its answer cell then the exercise's check cell."""
    read = {lesson: nbformat.read(NOTEBOOKS / f"{lesson}.ipynb", as_version=4) for lesson, _, _ in KINDS.values()}
    cells, names = [], []
    for name, (lesson, exercise, answer) in KINDS.items():
        by_id = {c.get("id"): c for c in read[lesson].cells}
        code = nbformat.from_dict(by_id[f"{exercise}-code"])
        if answer is not None:
            code.source = answer
        check = nbformat.from_dict(by_id[f"{exercise}-check"])
        code.id, check.id = f"{name}-code", f"{name}-check"
        cells += [code, check]
        names.append(name)
    return nbformat.v4.new_notebook(cells=cells, metadata=read["01-ipaddress-and-socket"].metadata), names


def main() -> int:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("Debian's chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    nb, names = notebook()
    executed, _ = lessons.execute(NOTEBOOKS / "01-ipaddress-and-socket.ipynb", nb=nb)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="netlessons-feedback-") as tmp:
        page_file = Path(tmp) / "feedback.html"
        page_file.write_text(lessons.to_html(executed, NOTEBOOKS), encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium)
            page = browser.new_page(viewport={"width": 1100, "height": 900}, device_scale_factor=1)
            page.goto(page_file.as_uri())
            cells = page.locator(".jp-Cell")
            for i, name in enumerate(names):
                # The answer cell and its check, as the student sees them one under the
                # other (page coordinates: the clip is taken from the full page).
                top = cells.nth(2 * i).bounding_box()
                bottom = cells.nth(2 * i + 1).bounding_box()
                clip = {"x": 0, "y": top["y"], "width": 1100, "height": bottom["y"] + bottom["height"] - top["y"]}
                path = OUT / f"exercise-{name}.png"
                page.screenshot(path=str(path), clip=clip, full_page=True)
                print(path.relative_to(NOTEBOOKS.parent))
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
