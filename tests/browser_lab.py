"""Driving JupyterLab in Debian's Chromium through Playwright, as a student uses it.

Used by tests/test_browser.py. Everything the page shows is read from the
page itself (its DOM, and for a rich output's `text/plain` the notebook model
the page holds); nothing is asked of the kernel behind the page's back.
"""

from __future__ import annotations

import json
import shutil
import statistics
import time
from pathlib import Path
from urllib.parse import urlsplit

# JupyterLab settings for the test's own settings dir (JUPYTERLAB_SETTINGS_DIR),
# so nothing of the user's ~/.jupyter is read or written (the theme switch
# writes a setting) and nothing pops up over the page.
LAB_SETTINGS = {
    # Default windowing ("contentVisibility") skips rendering cells off screen:
    # their computed colours and layout (contrast check, whole-notebook
    # screenshot) are not those a student sees once scrolled there. "none"
    # renders every cell, so every output is read as drawn, without scrolling.
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    # No news or update toasts over the cells (and no request for them).
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
    # The lesson is run, never saved: its committed file must stay without outputs.
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    # The extension manager would query PyPI through the server.
    "@jupyterlab/extensionmanager-extension/plugin.jupyterlab-settings": {"enabled": False},
}

CHROMIUM_ARGS = [
    "--no-sandbox",  # root in containers and CI
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # No host name resolves (an IP literal counts as one here): the browser
    # can reach 127.0.0.1 and nothing else, its own background requests included.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]

RICH_KINDS = {"address", "network", "interface", "url", "table", "exercise", "packets"}


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def write_settings(settings_dir: Path) -> None:
    for rel, value in LAB_SETTINGS.items():
        path = settings_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))


def loopback_guard(blocked: list[str]):
    """A Playwright route handler: requests to 127.0.0.1 go through, others are aborted and listed."""

    def handle(route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob") or parts.hostname == "127.0.0.1":
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    return handle


def quantiles(values: list[float]) -> dict:
    ordered = sorted(values)
    if not ordered:
        return {"n": 0}
    # p95 by nearest rank: the value 95 % of the cells did not exceed.
    p95 = ordered[max(0, -(-95 * len(ordered) // 100) - 1)]
    return {"n": len(ordered), "median_s": round(statistics.median(ordered), 3), "p95_s": round(p95, 3),
            "max_s": round(ordered[-1], 3)}


# --- page-side JavaScript ------------------------------------------------------------

# The notebook is the app's current widget (exposed with --expose-app-in-browser);
# its cell widgets are the model's cells, in order, and their nodes what is drawn.
# Until the app has started, window.jupyterapp is undefined: a wait must see "not
# yet", not a TypeError that ends the wait.
PANEL = "(window.jupyterapp && window.jupyterapp.shell.currentWidget)"

JS_PANEL = f"""() => {{
  const panel = {PANEL};
  return panel && panel.content && panel.content.widgets ? {{title: panel.title.label, cells: panel.content.widgets.length}} : null;
}}"""

JS_EDITOR = f"(i) => {PANEL}.content.widgets[i].node.querySelector('.jp-InputArea-editor .cm-content')"

# Arms the timer of one cell: t0 at the Shift+Enter keydown (capture phase, before
# JupyterLab handles it), `out` when the cell's first output is in the DOM, `done`
# when its prompt shows `[N]:` (JupyterLab sets it once the reply and every
# output have arrived).
JS_ARM = """(i) => {
  const cell = PANEL.content.widgets[i].node;
  const prompt = cell.querySelector('.jp-InputPrompt');
  const st = {t0: null, out: null, done: null, count: null, before: prompt.textContent.trim()};
  const onKey = (e) => { if (e.key === 'Enter' && e.shiftKey && st.t0 === null) st.t0 = performance.now(); };
  const check = () => {
    if (st.t0 === null) return;
    const now = performance.now();
    if (st.out === null && cell.querySelector('.jp-OutputArea-output')) st.out = now;
    const m = /^\\[(\\d+)\\]:$/.exec(prompt.textContent.trim());
    if (st.done === null && m) { st.done = now; st.count = Number(m[1]); }
  };
  const mo = new MutationObserver(check);
  mo.observe(cell, {subtree: true, childList: true, characterData: true});
  document.addEventListener('keydown', onKey, true);
  st.stop = () => { mo.disconnect(); document.removeEventListener('keydown', onKey, true); };
  window.__netlessons = st;
}""".replace("PANEL", PANEL)

JS_DONE = "() => window.__netlessons.done !== null"

JS_DISARM = """() => {
  const st = window.__netlessons; st.stop();
  return {out_s: st.out === null ? null : (st.out - st.t0) / 1000, done_s: (st.done - st.t0) / 1000,
          count: st.count, before: st.before};
}"""

# One cell's outputs as the page draws them, next to the page's notebook model.
JS_OUTPUTS = """(i) => {
  const cell = PANEL.content.widgets[i].node;
  const drawn = [...cell.querySelectorAll('.jp-OutputArea-child')].map((child) => {
    const out = child.querySelector('.jp-OutputArea-output');
    return {
      mime: out.getAttribute('data-mime-type') || '',
      execute_result: child.classList.contains('jp-OutputArea-executeResult'),
      html: out.classList.contains('jp-RenderedHTMLCommon'),
      text: out.textContent,
      netlib: [...out.querySelectorAll('.netlib-display')].map((e) => e.className),
    };
  });
  const model = PANEL.content.widgets[i].model.outputs.toJSON();
  return {drawn, model, prompt: cell.querySelector('.jp-InputPrompt').textContent.trim()};
}""".replace("PANEL", PANEL)

# For every element with its own text inside each `.netlib-display` (or inside
# `root`), the contrast ratio of its colour on the background it sits on
# (backgrounds composed up to the page, any CSS colour syntax read back
# through a canvas pixel).
JS_CONTRAST = """(selector) => {
  const canvas = document.createElement('canvas'); canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  const rgba = (css) => {
    ctx.clearRect(0, 0, 1, 1); ctx.fillStyle = '#000'; ctx.fillStyle = css; ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data; return [d[0], d[1], d[2], d[3] / 255];
  };
  const over = (top, bottom) => top.slice(0, 3).map((c, k) => c * top[3] + bottom[k] * (1 - top[3])).concat([1]);
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let bg = [255, 255, 255, 1];
    for (const c of layers.reverse()) bg = over(c, bg);
    return bg;
  };
  const lum = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const found = [];
  for (const root of document.querySelectorAll(selector)) {
    for (const el of [root, ...root.querySelectorAll('*')]) {
      const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
      if (!own) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      const bg = background(el);
      // SVG text (the packet pictures) is painted with fill, HTML text with color.
      const fg = over(rgba(el instanceof SVGElement ? style.fill : style.color), bg);
      found.push({text: own.slice(0, 40), ratio: ratio(fg, bg), color: style.color, background: 'rgb(' + bg.slice(0, 3).map(Math.round).join(', ') + ')'});
    }
  }
  return found;
}"""

# The colour of Rust keywords in the code editors against the editor's plain text.
JS_HIGHLIGHT = """() => {
  const lines = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .cm-line')];
  for (const line of lines) {
    for (const span of line.querySelectorAll('span')) {
      if (span.textContent === 'let') {
        return {keyword: getComputedStyle(span).color, plain: getComputedStyle(line).color};
      }
    }
  }
  return null;
}"""

JS_THEME = "() => [document.body.dataset.jpThemeName, document.body.dataset.jpThemeLight]"


class Budget:
    """The whole browser session's time bound; every wait gets what is left, at most `cap`."""

    def __init__(self, seconds: float):
        self.deadline = time.monotonic() + seconds
        self.seconds = seconds

    def ms(self, cap: float) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"the browser test took more than its {self.seconds:.0f} s")
        return min(cap, left) * 1000

# Where a screenshot must show the theme: the notebook's and the menu bar's boxes
# and their computed background colours, and the lesson's first heading (Korean text).
JS_THEME_BOXES = f"""() => {{
  const box = (el) => {{ const r = el.getBoundingClientRect(); return {{x: r.x, y: r.y, w: r.width, h: r.height}}; }};
  const nb = {PANEL}.content.node;
  const menu = document.querySelector('#jp-top-panel');
  const heading = nb.querySelector('.jp-RenderedMarkdown h1');
  return {{
    notebook: {{...box(nb), color: getComputedStyle(nb).backgroundColor}},
    menubar: {{...box(menu), color: getComputedStyle(menu).backgroundColor}},
    heading: heading ? box(heading) : null,
  }};
}}"""

# What a screenshot (PNG, base64) shows inside boxes: for each box, the share of its
# pixels within `tol` of the box's colour (`match`) and the share far from it (`ink`).
# Decoded by the page's own canvas.
JS_PIXELS = """async ({png, boxes, tol}) => {
  const img = new Image(); img.src = 'data:image/png;base64,' + png; await img.decode();
  const canvas = document.createElement('canvas'); canvas.width = img.width; canvas.height = img.height;
  const ctx = canvas.getContext('2d', {willReadFrequently: true}); ctx.drawImage(img, 0, 0);
  const probe = document.createElement('canvas').getContext('2d');
  const rgb = (css) => { probe.fillStyle = '#000'; probe.fillStyle = css; probe.fillRect(0, 0, 1, 1); return [...probe.getImageData(0, 0, 1, 1).data].slice(0, 3); };
  const out = {};
  for (const [name, b] of Object.entries(boxes)) {
    const x = Math.max(0, Math.round(b.x)), y = Math.max(0, Math.round(b.y));
    const w = Math.min(img.width - x, Math.round(b.w)), h = Math.min(img.height - y, Math.round(b.h));
    if (w <= 0 || h <= 0) { out[name] = null; continue; }
    const want = rgb(b.color); const d = ctx.getImageData(x, y, w, h).data;
    let match = 0, ink = 0, n = 0;
    for (let i = 0; i < d.length; i += 16) {
      const diff = Math.max(Math.abs(d[i] - want[0]), Math.abs(d[i + 1] - want[1]), Math.abs(d[i + 2] - want[2]));
      match += diff <= tol; ink += diff > 96; n++;
    }
    out[name] = {match: match / n, ink: ink / n, color: want};
  }
  return out;
}"""
