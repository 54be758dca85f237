"""The instructors' HTML export: `./kernel-setup/export` executes every lesson
and writes self-contained HTML with the Korean text, highlighted Rust, the
outputs and the figures inlined."""

from __future__ import annotations

import html
from collections import Counter
import os
import re
import subprocess

import pytest

import notebook_support as ns

pytestmark = pytest.mark.skipif(
    not (ns.ROOT / "build" / "kernel" / "launcher.json").is_file(),
    reason="the rust-netlib kernel is not installed: run ./kernel-setup/install",
)

LESSONS = {
    "00-network-programming": {
        "headings": ["Rust 네트워크 프로그래밍", "socketserver - 네트워크 서버 작성 모듈"],
        "outputs": ["TCP 에코 응답: 안녕, 소켓!", "상태 줄: HTTP/1.1 200 OK"],
        "images": 1,
    },
    "01-ipaddress-and-socket": {
        "headings": ["Rust 네트워크 모듈: ipaddress와 socket", "IP 주소 객체 속성", "바이트 순서 변환"],
        "outputs": [
            "IPv4Address('192.0.0.1')",
            "192.168.0.15 is Private? true",
            "c0a8000f",
            "ParseResult(scheme='http', netloc='www.cwi.nl:80', path='/%7Eguido/Python.html', params='', query='', fragment='')",
            "testname : [Errno -2] Name or service not known",
            "herror: [Errno 1] Unknown host",
            '"0xd204"',
        ],
        "images": 4,
        # netlib's pictures (netlib::display): code-01…04 and the extra cells.
        "pictures": {"address": 5, "network": 1, "interface": 1, "url": 1, "table": 2},
    },
    "02-tcp-udp-sockets": {
        "headings": ["02. TCP와 UDP 소켓", "12. 연습 문제"],
        "outputs": [
            "client received This is the message. It will be repeated.",
            "00000005 0000012c",
            "WouldBlock: Resource temporarily unavailable (os error 11)",
            "ConnectionRefused: Connection refused (os error 111)",
            "AddrInUse: Address already in use (os error 98)",
        ],
        "images": 0,
    },
    "03-select-selectors": {
        "headings": ["select와 selectors: 한 스레드로 여러 클라이언트 처리하기", "4. 에지 트리거와 레벨 트리거", "연습 문제"],
        "outputs": [
            "conn1: WouldBlock: Resource temporarily unavailable (os error 11)",
            "send buffer full: WouldBlock: Resource temporarily unavailable (os error 11)",
            "rest: cd ef",
            "client writable",
            "carol got hello from carol",
            "ConnectionRefused: Connection refused (os error 111)",
            "echo 안녕 4 1",
        ],
        "images": 0,
    },
    "04-socketserver": {
        "headings": ["socketserver: 서버를 만드는 틀", "8. 연습 문제"],
        "outputs": [
            "ConnectionRefused: Connection refused (os error 111)",
            "c waits: WouldBlock: Resource temporarily unavailable (os error 11)",
            "CLIENT 0 | BYE",
            "AddrInUse: Address already in use (os error 98)",
            "버서 녕안",
        ],
        "images": 0,
    },
    "05-asyncio-tokio": {
        "headings": ["asyncio와 tokio: 코루틴으로 여러 연결을 한 스레드에서", "정리: 같은 서비스, 여러 방법"],
        "outputs": [
            "created, nothing printed yet",
            "done: A",
            "Elapsed(()) after 0.2 s",
            "w2 cleaned up",
            "100 replies, all right: true",
            "incomplete: 3 of 10 bytes",
            'blocking ["sleeper done", "tick 0", "tick 1", "tick 2"]',
            "ConnectionRefused 111",
            "버서 녕안",
        ],
        "images": 0,
    },
    "06-urllib-http": {
        "headings": ["06. urllib과 http: 웹 클라이언트와 웹 서버", "정리"],
        "outputs": [
            "HTTP Error 404: Not Found",
            "<urlopen error [Errno 111] Connection refused>",
            "Set-Cookie: session=abc123; HttpOnly; Max-Age=3600; Path=/",
            "you are kim (session abc123)",
            "Disallow first: false",
        ],
        "images": 0,
    },
}


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    done = subprocess.run(
        [str(ns.ROOT / "kernel-setup" / "export"), "--out", str(out)],
        capture_output=True, text=True, timeout=3600, env=dict(os.environ),
    )
    assert done.returncode == 0, f"export failed:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    return out, done.stdout


def test_one_html_per_lesson(exported):
    out, _ = exported
    assert sorted(p.stem for p in out.glob("*.html")) == sorted(LESSONS)
    assert sorted(p.stem for p in out.glob("*.html")) == sorted(p.stem for p in ns.NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_html_is_complete_and_self_contained(exported, lesson):
    out, _ = exported
    page = (out / f"{lesson}.html").read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    want = LESSONS[lesson]

    for heading in want["headings"]:
        assert re.search(r"<h[1-6][^>]*>\s*" + re.escape(html.escape(heading, quote=False)), page), heading
    # Pygments' Rust lexer marks `let` as a keyword (class k/kd) inside the highlight block.
    assert 'class="highlight' in page
    assert re.search(r'<span class="k[a-z]*">let</span>', page), "Rust code is not highlighted"
    for output in want["outputs"]:
        assert output in text, f"output missing: {output}"
    # Outputs appear as output areas, not only as source text.
    assert page.count("jp-OutputArea-output") >= 5

    images = re.findall(r"<img\b[^>]*>", page)
    assert len(images) == want["images"]
    for img in images:
        assert 'src="data:image/svg+xml;base64,' in img, f"figure not inlined: {img[:200]}"
    assert not re.search(r'<img\b[^>]*\bsrc="(?!data:)', page), "external image reference"
    assert "Noto Sans KR" in page and 'lang="ko"' in page

    # The pictures are exported as HTML (text/html outranks text/plain in
    # nbconvert), not escaped, with the theme variables the lab template defines.
    pictures = Counter(re.findall(r'<div class="netlib-display netlib-([a-z]+)"', page))
    for kind, count in want.get("pictures", {}).items():
        assert pictures[kind] == count, (kind, pictures)
    if pictures:
        assert "&lt;div class=&quot;netlib-display" not in page
        assert "--jp-brand-color1:" in page, "the theme's variables are not in the export"
    assert "images/" not in re.sub(r'alt="[^"]*"', "", "".join(images))


def test_export_reports_timings(exported):
    _, stdout = exported
    for lesson in LESSONS:
        assert re.search(rf"{lesson}\.html \(kernel ready [\d.]+ s, \d+ cells [\d.]+ s", stdout), stdout
