"""Lesson 01 in JupyterLab in a real browser, as a student uses it.

The README's lab command (./kernel-setup/lab) serves the lessons on 127.0.0.1
(a free port, a token of its own); Debian's Chromium, driven by Playwright,
opens `/lab/tree/01-ipaddress-and-socket.ipynb`, waits for "Rust (netlib) |
Idle", clicks into every code cell in turn and presses Shift+Enter, waits for
that cell's `[N]:` prompt and reads its outputs from the page. Then:

- the tagged cells show what the Python original shows (the comparison of
  tests/test_notebooks.py, on the text read from the page);
- values with rich display are drawn as HTML (`.netlib-display` elements), not
  shown as markup text, and their `text/plain` is still the Python repr;
- every output is readable (contrast ratio >= 3) in the light and the dark theme;
- screenshots of both themes go to build/screenshots/, with the Shift+Enter ->
  output times measured in the page (build/screenshots/timings.json; reported,
  never asserted); each per-cell screenshot's pixels show the page's computed
  theme colours (the dark ones are dark: mean luminance about 40 of 255; an image
  preview that shows them light is wrong, their pixels are not), and the Korean
  heading is drawn with a font that has Korean.

The page may reach 127.0.0.1 only. JupyterLab's settings and workspace live in a
temporary folder, autosave is off and the lesson file must be unchanged after
the run. ./kernel-setup/test installs `chromium` and `fonts-noto-cjk` as root;
without Chromium the test is skipped, saying so.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest

import browser_lab as bl
import notebook_support as ns
from lab_server import get, running_lab

pytestmark = pytest.mark.needs("kernel", "chromium")

SCREENSHOTS = ns.ROOT / "build" / "screenshots"
LESSON = ns.LESSON_01
CODE_IDS = [ns.py_tag(c) for c in ns.code_cells(ns.read(LESSON)) if ns.py_tag(c)]
CELL_TIMEOUT = 120  # one cell, Shift+Enter to its [N]: prompt
KERNEL_TIMEOUT = 300  # open to "Rust (netlib) | Idle"; a slot copy on a busy machine can be slow
BUDGET = 600  # the whole browser session, from the first page load
MIN_CONTRAST = 3.0
MIN_RICH_CELLS = 4
STDOUT, STDERR = "application/vnd.jupyter.stdout", "application/vnd.jupyter.stderr"
# netlib draws values as pictures once it prints evcxr's rich display blocks.
NETLIB_HAS_DISPLAY = any("EVCXR_BEGIN_CONTENT" in p.read_text() for p in (ns.ROOT / "netlib" / "src").rglob("*.rs"))


@dataclass
class Cell:
    index: int
    id: str
    tag: str | None
    drawn: list[dict]  # the page's output elements
    model: list[dict]  # the page's notebook model outputs (nbformat JSON)
    prompt: str
    out_s: float | None  # Shift+Enter -> first output element
    done_s: float  # Shift+Enter -> `[N]:` prompt
    count: int

    @property
    def rich(self) -> list[str]:
        return [cls for d in self.drawn for cls in d["netlib"]]


@dataclass
class Session:
    launcher: list[str] = field(default_factory=list)
    kernel_name: str = ""
    status: str = ""
    status_after: str = ""
    dialogs: list[str] = field(default_factory=list)
    api_kernel: str = ""
    kernel_ready_s: float = 0.0
    cells: list[Cell] = field(default_factory=list)
    highlight: dict | None = None
    themes: dict = field(default_factory=dict)  # theme name -> {"light": ..., "contrast": [...]}
    screenshots: list[Path] = field(default_factory=list)
    shots: list[dict] = field(default_factory=list)  # what each per-cell screenshot's pixels show
    heading_fonts: list[dict] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    lesson_unchanged: bool = False
    total_s: float = 0.0
    packet_cell: Cell | None = None  # lesson 02's first packet picture
    packet_contrast: dict = field(default_factory=dict)  # theme -> texts measured in it


def _wait(page, js: str, budget: bl.Budget, cap: float, what: str, arg=None):
    try:
        page.wait_for_function(js, arg=arg, timeout=budget.ms(cap))
    except Exception as exc:  # Playwright's TimeoutError: say what was waited for
        raise TimeoutError(f"{what}: not within {cap:.0f} s ({exc.__class__.__name__})") from exc


def _open_lesson(page, lab, budget: bl.Budget, s: Session, n_cells: int) -> None:
    page.goto(f"{lab.base}/lab?token={lab.token}", timeout=budget.ms(120))
    page.locator(".jp-LauncherCard").first.wait_for(timeout=budget.ms(120))
    _wait(page, "() => [...document.querySelectorAll('.jp-LauncherCard')].some((c) => c.innerText.includes('Rust'))",
          budget, 60, "the launcher's kernel cards")
    s.launcher = page.locator(".jp-LauncherCard").all_inner_texts()

    t0 = time.monotonic()
    page.goto(f"{lab.base}/lab/tree/{urllib.parse.quote(LESSON.name)}?token={lab.token}", timeout=budget.ms(120))
    _wait(page, f"(n) => {{ const p = ({bl.JS_PANEL})(); return p && p.cells === n; }}", budget, 120,
          f"the lesson's {n_cells} cells in the page", arg=n_cells)
    # Idle in the status bar, or a dialog (kernel selection, error) that would block the page.
    _wait(page, "() => document.querySelector('.jp-Dialog') !== null"
          " || document.querySelector('#jp-main-statusbar')?.innerText.includes('| Idle')",
          budget, KERNEL_TIMEOUT, "the kernel's Idle status")
    s.dialogs = page.locator(".jp-Dialog").all_inner_texts()
    s.kernel_ready_s = time.monotonic() - t0
    s.kernel_name = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-KernelName").first.inner_text()
    s.status = page.locator("#jp-main-statusbar").inner_text()
    _, body = get(f"{lab.base}/api/sessions", lab.token)
    s.api_kernel = ",".join(x["kernel"]["name"] for x in json.loads(body) if x["path"] == LESSON.name)


def _run_code_cells(page, budget: bl.Budget, nb, upto: int | None = None) -> list[Cell]:
    """Shift+Enter on each code cell in turn (up to index `upto`), as a student does."""
    ran = []
    for index, cell in enumerate(nb.cells[: None if upto is None else upto + 1]):
        if cell.cell_type != "code":
            continue
        tag = ns.py_tag(cell)
        page.evaluate(bl.JS_ARM, index)
        page.evaluate_handle(bl.JS_EDITOR, index).as_element().click(timeout=budget.ms(30))
        page.keyboard.press("Shift+Enter")
        _wait(page, bl.JS_DONE, budget, CELL_TIMEOUT, f"cell {tag or cell.id} (index {index}) to finish")
        timing = page.evaluate(bl.JS_DISARM)
        seen = page.evaluate(bl.JS_OUTPUTS, index)
        ran.append(Cell(index=index, id=cell.id, tag=tag, drawn=seen["drawn"], model=seen["model"],
                        prompt=seen["prompt"], out_s=timing["out_s"], done_s=timing["done_s"],
                        count=timing["count"]))
    return ran


def _run_cells(page, budget: bl.Budget, s: Session, nb) -> None:
    s.cells.extend(_run_code_cells(page, budget, nb))
    _wait(page, "() => document.querySelector('#jp-main-statusbar')?.innerText.includes('| Idle')",
          budget, 60, "the kernel's Idle status after the last cell")
    s.status_after = page.locator("#jp-main-statusbar").inner_text()


def _scroll_to(page, index: int | None) -> None:
    """Cell `index` to the middle of the notebook, or (None) the notebook's top."""
    if index is None:
        page.evaluate(f"() => {{ {bl.PANEL}.content.node.querySelector('.jp-WindowedPanel-outer').scrollTop = 0; }}")
    else:
        page.evaluate(f"(i) => {bl.PANEL}.content.widgets[i].node.scrollIntoView({{block: 'center'}})", index)
    page.wait_for_timeout(300)


PIXEL_TOLERANCE = 12


def _shoot(page, path: Path, theme: str, s: Session) -> None:
    """A screenshot, and what its pixels show where the page says what they should:
    the notebook's and the menu bar's computed backgrounds, the first heading's text."""
    import base64

    boxes = page.evaluate(bl.JS_THEME_BOXES)
    png = base64.b64encode(page.screenshot(path=path)).decode()
    wanted = {k: boxes[k] for k in ("notebook", "menubar")}
    heading = boxes["heading"]
    if heading and heading["y"] >= 0 and heading["y"] + heading["h"] <= page.viewport_size["height"]:
        wanted["heading"] = {**heading, "color": boxes["notebook"]["color"]}
    pixels = page.evaluate(bl.JS_PIXELS, {"png": png, "tol": PIXEL_TOLERANCE, "boxes": wanted})
    s.screenshots.append(path)
    s.shots.append({"path": path, "theme": theme, **pixels, "heading": pixels.get("heading")})


def _screenshots(page, theme: str, s: Session) -> None:
    """The lesson's top, its first code cell and each kind of picture in its place."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")  # the file browser: room for the lesson
    first_code = s.cells[0]
    views: list[tuple[str, int | None]] = [("top", None), (first_code.tag or first_code.id, first_code.index)]
    seen_kinds: set[str] = set()
    for cell in s.cells:
        kinds = {c.removeprefix("netlib-") for cls in cell.rich for c in cls.split()} - {"display"}
        if kinds - seen_kinds:
            seen_kinds |= kinds
            if cell.index != first_code.index:
                views.append((cell.tag or cell.id, cell.index))
    for name, index in views:
        _scroll_to(page, index)
        _shoot(page, SCREENSHOTS / f"01-{theme}-{name}.png", theme, s)


def _whole_notebook(page, theme: str, s: Session) -> None:
    """The whole notebook: a viewport as tall as its cells (windowingMode none renders them all)."""
    size = page.viewport_size
    cells_height = page.evaluate(
        f"() => {{ const n = {bl.PANEL}.content.node; const outer = n.querySelector('.jp-WindowedPanel-outer');"
        " return n.querySelector('.jp-WindowedPanel-viewport').offsetHeight + window.innerHeight - outer.clientHeight; }"
    )
    page.set_viewport_size({"width": size["width"], "height": min(int(cells_height) + 40, 32000)})
    _scroll_to(page, None)
    s.screenshots.append(SCREENSHOTS / f"01-{theme}-notebook.png")
    page.screenshot(path=s.screenshots[-1])
    page.set_viewport_size(size)


def _theme(page, theme: str, s: Session) -> None:
    s.themes[theme] = {
        "name_light": page.evaluate(bl.JS_THEME),
        "contrast": page.evaluate(bl.JS_CONTRAST, ".jp-OutputArea-output"),
        "rich_contrast": page.evaluate(bl.JS_CONTRAST, ".jp-OutputArea-output .netlib-display"),
    }
    _screenshots(page, theme, s)


# The theme has applied once its stylesheet is the only theme stylesheet in the page
# and the notebook's computed background is the theme's (dark: dark). The body's
# data-jp-theme-name changes before that; screenshots taken 500 ms after it showed a
# light notebook in the "dark" theme on a busy machine.
JS_THEME_APPLIED = f"""(dark) => {{
  const links = [...document.querySelectorAll('link[rel=stylesheet]')].map((l) => l.href).filter((h) => /theme-(light|dark)-extension/.test(h));
  if (links.length !== 1 || !links[0].includes(dark ? 'theme-dark-extension' : 'theme-light-extension')) return false;
  const m = getComputedStyle({bl.PANEL}.content.node).backgroundColor.match(/\\d+/g).map(Number);
  const lum = (m[0] + m[1] + m[2]) / 3;
  return dark ? lum < 64 : lum > 192;
}}"""


def _switch_theme(page, budget, name: str) -> None:
    page.evaluate(f"() => window.jupyterapp.commands.execute('apputils:change-theme', {{theme: '{name}'}})")
    _wait(page, f"() => document.body.dataset.jpThemeName === '{name}'", budget, 60, name)
    _wait(page, JS_THEME_APPLIED, budget, 120, f"{name}'s stylesheet applied", arg=name == "JupyterLab Dark")
    page.wait_for_timeout(500)


LESSON_02 = ns.NOTEBOOKS / "02-tcp-udp-sockets.ipynb"


def _packet_picture(page, lab, budget: bl.Budget, s: Session) -> None:
    """Lesson 02 up to its first packet picture (the cells' own capture), shot in
    the dark theme lesson 01 ended in, then in the light one."""
    nb2 = nbformat.read(LESSON_02, as_version=4)
    target = next(i for i, c in enumerate(nb2.cells) if c.cell_type == "code" and "wire::capture" in c.source)
    page.goto(f"{lab.base}/lab/tree/{urllib.parse.quote(LESSON_02.name)}?token={lab.token}", timeout=budget.ms(120))
    _wait(page, f"(n) => {{ const p = ({bl.JS_PANEL})(); return p && p.cells === n; }}", budget, 120,
          f"lesson 02's {len(nb2.cells)} cells in the page", arg=len(nb2.cells))
    _wait(page, "() => document.querySelector('#jp-main-statusbar')?.innerText.includes('| Idle')",
          budget, KERNEL_TIMEOUT, "lesson 02's kernel Idle")
    s.packet_cell = _run_code_cells(page, budget, nb2, upto=target)[-1]
    for theme, switch in (("dark", None), ("light", "JupyterLab Light")):
        if switch:
            _switch_theme(page, budget, switch)
        _scroll_to(page, target)
        _shoot(page, SCREENSHOTS / f"02-{theme}-packets.png", theme, s)
        s.packet_contrast[theme] = page.evaluate(bl.JS_CONTRAST, ".jp-OutputArea-output .netlib-packets")


def _korean_fonts(page) -> list[dict]:
    """The fonts Chromium actually used for the lesson's first heading (DevTools' CSS.getPlatformFontsForNode)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-RenderedMarkdown h1"})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return fonts


def _drive(browser, lab, nb, s: Session) -> None:
    budget = bl.Budget(BUDGET)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", bl.loopback_guard(s.blocked))
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        _open_lesson(page, lab, budget, s, len(nb.cells))
        if s.dialogs or s.kernel_name != "Rust (netlib)":
            return  # the tests below say what the page showed instead
        _run_cells(page, budget, s, nb)
        s.highlight = page.evaluate(bl.JS_HIGHLIGHT)
        s.heading_fonts = _korean_fonts(page)
        _theme(page, "light", s)
        _whole_notebook(page, "light", s)
        _switch_theme(page, budget, "JupyterLab Dark")
        _theme(page, "dark", s)
        _whole_notebook(page, "dark", s)
        _packet_picture(page, lab, budget, s)
    except Exception as exc:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        try:
            page.screenshot(path=SCREENSHOTS / "01-failure.png")
        except Exception:  # the page itself may be gone; the error below says why
            pass
        raise AssertionError(
            f"{exc}\n(page: build/screenshots/01-failure.png)\n--- JupyterLab log (end) ---\n{lab.log_text()[-4000:]}"
        ) from exc
    finally:
        context.close()


def _write_timings(s: Session, request) -> None:
    out = bl.quantiles([c.out_s for c in s.cells if c.out_s is not None])
    done = bl.quantiles([c.done_s for c in s.cells])
    data = {
        "lesson": LESSON.name,
        "what": "Shift+Enter keydown in the page to the cell's first output element (output) and to its [N]: prompt"
        " (done), performance.now() in Chromium; JupyterLab on 127.0.0.1, kernel rust-netlib",
        "open_to_idle_s": round(s.kernel_ready_s, 2),
        "browser_session_s": round(s.total_s, 1),
        "output": out,
        "done": done,
        "cells": {c.tag or c.id: {"output_s": None if c.out_s is None else round(c.out_s, 3),
                                  "done_s": round(c.done_s, 3)} for c in s.cells},
        # The cells whose output the page drew as a netlib picture, with its classes.
        "rich": {c.tag or c.id: c.rich for c in s.cells if c.rich},
    }
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "timings.json").write_text(json.dumps(data, indent=1) + "\n")
    line = (
        f"browser, lesson 01: Shift+Enter -> output median {out.get('median_s')} s, p95 {out.get('p95_s')} s;"
        f" -> [N]: median {done.get('median_s')} s, p95 {done.get('p95_s')} s ({done['n']} cells);"
        f" {len(data['rich'])} cells drew pictures; open -> Idle {s.kernel_ready_s:.1f} s; session {s.total_s:.0f} s (build/screenshots/timings.json)"
    )
    print(line)
    request.config.netlessons_summary.append(line)


@pytest.fixture(scope="module")
def session(tmp_path_factory, request) -> Session:
    from playwright.sync_api import sync_playwright

    tmp = tmp_path_factory.mktemp("browser")
    bl.write_settings(tmp / "settings")
    env = {"JUPYTERLAB_SETTINGS_DIR": str(tmp / "settings"), "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces")}
    before = hashlib.sha256(LESSON.read_bytes()).hexdigest()
    nb = nbformat.read(LESSON, as_version=4)
    for old in [*SCREENSHOTS.glob("01-*.png"), *SCREENSHOTS.glob("02-*.png")]:  # a previous run's pictures must not pass for this one's
        old.unlink()
    s = Session()
    # The app object (window.jupyterapp) gives the page's notebook model and commands.
    with running_lab(env=env, args=("--expose-app-in-browser",)) as lab, sync_playwright() as pw:
        t0 = time.monotonic()
        browser = pw.chromium.launch(executable_path=bl.chromium(), args=bl.CHROMIUM_ARGS, timeout=120_000)
        try:
            _drive(browser, lab, nb, s)
        finally:
            browser.close()
        s.total_s = time.monotonic() - t0
    s.lesson_unchanged = hashlib.sha256(LESSON.read_bytes()).hexdigest() == before
    if s.cells:
        _write_timings(s, request)
    return s


@pytest.fixture(scope="module")
def twin(lesson_runs):
    """Lesson 01's twin as this session ran it (tests/lesson_runs.py), by tag."""
    return {ns.py_tag(c): c for c in lesson_runs.twin(LESSON.stem).cells() if ns.py_tag(c)}


def _ran(session: Session) -> Session:
    if not session.cells:
        pytest.fail(f"no cell ran: kernel {session.kernel_name!r}, dialogs {session.dialogs}, status {session.status!r}")
    return session


def test_launcher_offers_rust_netlib(session):
    assert any(card.strip() == "Rust (netlib)" for card in session.launcher), session.launcher


def test_lesson_opens_on_rust_netlib_and_becomes_idle(session):
    assert not session.dialogs, f"a dialog blocked the page: {session.dialogs}"
    assert session.kernel_name == "Rust (netlib)"
    assert "Rust (netlib) | Idle" in session.status, session.status
    assert session.api_kernel == "rust-netlib"


def test_every_code_cell_ran_once_from_shift_enter(session):
    cells = _ran(session).cells
    nb = nbformat.read(LESSON, as_version=4)
    assert [c.id for c in cells] == [c.id for c in nb.cells if c.cell_type == "code"]
    first = cells[0].count
    assert [c.count for c in cells] == list(range(first, first + len(cells)))
    assert all(c.prompt == f"[{c.count}]:" for c in cells)
    assert "Rust (netlib) | Idle" in session.status_after, session.status_after
    raising = {ns.py_tag(c) for c in ns.code_cells(nb) if ns.raises(c)}
    for c in cells:
        if c.tag in raising:
            continue
        failed = [d["text"][:1500] for d in c.drawn if d["mime"] == STDERR]
        assert not failed, f"{c.tag or c.id} showed an error or stderr: {failed}"
        assert not any("panicked" in d["text"] for d in c.drawn), c.tag or c.id


def _page_shown(cell: Cell, rules=()) -> str:
    """What the page shows, as tests/notebook_support.py composes it: stdout, then each result's text.

    A result drawn as text is read from the page; one drawn as HTML shows no
    text/plain, so its text/plain is the page's model's (what a plain frontend shows).
    """
    assert len(cell.drawn) == len(cell.model), (cell.drawn, cell.model)
    stdout = "".join(d["text"] for d in cell.drawn if d["mime"] == STDOUT)
    results = [
        m["data"]["text/plain"] if d["html"] else d["text"]
        for d, m in zip(cell.drawn, cell.model)
        if m["output_type"] == "execute_result"
    ]
    return ns.shown_text(stdout, results, rules)


@pytest.mark.parametrize("code_id", CODE_IDS)
def test_tagged_cell_shows_what_python_shows(code_id, session, twin):
    cell = next((c for c in _ran(session).cells if c.tag == code_id), None)
    assert cell is not None, f"{code_id} did not run in the page"
    rust = next(c for c in ns.code_cells(ns.read(LESSON)) if ns.py_tag(c) == code_id)
    python, rules = twin[code_id], ns.rules_of(rust)
    if ns.raises(python) and ns.errors_of(python):
        assert _page_shown(cell) == ns.errors_of(python)[0] + "\n"
    else:
        assert _page_shown(cell, rules) == ns.shown(python, rules)


def test_rich_outputs_are_drawn_as_html(session):
    cells = _ran(session).cells
    for c in cells:
        for d, m in zip(c.drawn, c.model):
            name = c.tag or c.id
            assert "<div class=" not in d["text"], f"{name}: markup shown as text: {d['text'][:300]}"
            html = m.get("data", {}).get("text/html")
            if html is None:
                assert not d["netlib"], f"{name}: a .netlib-display without a text/html output"
                continue
            assert "text/plain" in m["data"], f"{name}: text/html without text/plain"
            assert re.match(r'\s*<div class="netlib-display netlib-(\w+)"', html), f"{name}: {html[:200]}"
            assert d["html"] and d["netlib"], f"{name}: text/html not drawn as HTML: {d}"
            kinds = {k.removeprefix("netlib-") for k in d["netlib"][0].split()} - {"display"}
            assert kinds and kinds <= bl.RICH_KINDS, f"{name}: {d['netlib'][0]}"
    rich = [c.tag or c.id for c in cells if c.rich]
    if NETLIB_HAS_DISPLAY:
        assert len(rich) >= MIN_RICH_CELLS, f"only {rich} drew pictures"
    else:
        assert rich == [], rich


def test_rust_is_highlighted(session):
    _ran(session)
    assert session.highlight is not None, "no `let` keyword token in any code editor"
    assert session.highlight["keyword"] != session.highlight["plain"], session.highlight


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_outputs_readable_in_both_themes(theme, session):
    measured = _ran(session).themes[theme]
    name, light = measured["name_light"]
    assert (name, light) == {"light": ("JupyterLab Light", "true"), "dark": ("JupyterLab Dark", "false")}[theme]
    assert measured["contrast"], "no output text measured"
    poor = [m for m in measured["contrast"] if m["ratio"] < MIN_CONTRAST]
    assert not poor, f"{len(poor)} output texts under contrast {MIN_CONTRAST} in {theme}: {poor[:5]}"
    if NETLIB_HAS_DISPLAY:
        assert measured["rich_contrast"], "no text measured inside the rich outputs"


def test_screenshots_show_korean_with_a_korean_font(session):
    """Each per-cell screenshot shows its theme: the notebook's and the menu bar's
    pixels are the page's computed background colours (dark in the dark theme), and
    the top shows the Korean heading in ink; Chromium drew that heading's Korean
    glyphs with a font that has Korean (fc-list :lang=ko), not a fallback's boxes."""
    s = _ran(session)
    themes = {shot["theme"] for shot in s.shots}
    assert themes == {"light", "dark"}, themes
    for theme in ("light", "dark"):
        assert SCREENSHOTS / f"01-{theme}-top.png" in s.screenshots
        assert SCREENSHOTS / f"01-{theme}-notebook.png" in s.screenshots
    for shot in s.shots:
        name = shot["path"].name
        # Lesson 02's packet shot is mostly its code cell and the picture's frame.
        least = 0.1 if name.startswith("02-") else 0.2
        assert shot["notebook"]["match"] >= least, f"{name}: the notebook is not drawn in its {shot['theme']} colour: {shot}"
        assert shot["menubar"]["match"] >= 0.5, f"{name}: the menu bar is not drawn in its {shot['theme']} colour: {shot}"
        luminance = sum(shot["notebook"]["color"]) / 3
        assert (luminance < 64) if shot["theme"] == "dark" else (luminance > 192), (name, shot["notebook"]["color"])
    for theme in ("light", "dark"):
        top = next(shot for shot in s.shots if shot["path"].name == f"01-{theme}-top.png")
        assert top["heading"] and top["heading"]["ink"] > 0.02, f"no heading text drawn in 01-{theme}-top.png: {top}"
    korean = set(subprocess.run(["fc-list", ":lang=ko", "family"], capture_output=True, text=True).stdout.replace("\n", ",").split(","))
    assert korean - {""}, "no Korean font: Korean renders as empty boxes (apt-get install fonts-noto-cjk)"
    used = [f for f in s.heading_fonts if f["glyphCount"] > 0]
    heading = "Rust 네트워크 모듈: ipaddress와 socket"
    hangul = sum(1 for ch in heading if "\uac00" <= ch <= "\ud7a3")
    assert sum(f["glyphCount"] for f in used if f["familyName"] in korean) >= hangul, (used, sorted(korean)[:10])


def test_page_reached_only_loopback(session):
    assert session.blocked == []


def test_lesson_file_unchanged(session):
    assert session.lesson_unchanged, f"{LESSON.name} was written during the browser session"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_packet_picture_is_drawn_and_readable_in_both_themes(theme, session):
    """Lesson 02's first capture (connect, 6 bytes, their ACK), run in the page:
    drawn as the sequence diagram, its texts readable, shot in both themes."""
    cell = _ran(session).packet_cell
    assert cell is not None, "lesson 02's packet cell did not run"
    assert not [d for d in cell.drawn if d["mime"] == STDERR], cell.drawn
    assert any("netlib-packets" in cls for cls in cell.rich), cell.drawn
    plain = next(m["data"]["text/plain"] for m in cell.model if m["output_type"] == "execute_result")
    assert re.findall(r"\[([A-Z, ]+)\]", plain)[:3] == ["SYN", "SYN, ACK", "ACK"], plain
    measured = session.packet_contrast[theme]
    labels = " ".join(m["text"] for m in measured)
    assert "SYN" in labels and "seq=" in labels, labels
    poor = [m for m in measured if m["ratio"] < MIN_CONTRAST]
    assert not poor, f"{len(poor)} packet-picture texts under contrast {MIN_CONTRAST} in {theme}: {poor[:5]}"
    assert SCREENSHOTS / f"02-{theme}-packets.png" in session.screenshots
