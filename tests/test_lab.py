"""./kernel-setup/lab: JupyterLab on 127.0.0.1 with token auth, the lessons, the Rust (netlib) kernelspec.

What a student sees in the page is tests/test_browser.py's.
"""

from __future__ import annotations

import json
import urllib.error

import psutil
import pytest

from kernel_helpers import ROOT
from lab_server import get, running_lab

pytestmark = pytest.mark.needs("kernel")


@pytest.fixture(scope="module")
def lab():
    with running_lab() as lab:
        yield lab


def test_lab_refuses_requests_without_the_token(lab):
    with pytest.raises(urllib.error.HTTPError) as err:
        get(f"{lab.base}/api/kernelspecs")
    assert err.value.code == 403


def test_lab_lists_the_rust_netlib_kernel(lab):
    status, body = get(f"{lab.base}/api/kernelspecs", lab.token)
    assert status == 200
    specs = json.loads(body)["kernelspecs"]
    assert "rust-netlib" in specs, sorted(specs)
    spec = specs["rust-netlib"]["spec"]
    assert spec["display_name"] == "Rust (netlib)"
    assert spec["language"] == "rust"
    assert set(specs["rust-netlib"]["resources"]) >= {"logo-32x32", "logo-64x64", "logo-svg"}
    # Lesson 06's kernel (the same crates and TLS) beside it.
    assert specs["rust-netlib-web"]["spec"]["display_name"] == "Rust (netlib + web)"


def test_lab_listens_on_loopback_only(lab):
    listening = {
        c.laddr.ip
        for c in psutil.Process(lab.proc.pid).net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN and c.laddr.port == lab.port
    }
    assert listening == {"127.0.0.1"}


def test_lab_serves_the_lessons_folder(lab):
    status, body = get(f"{lab.base}/api/contents", lab.token)
    assert status == 200
    served = {item["name"] for item in json.loads(body)["content"]}
    on_disk = {p.name for p in (ROOT / "notebooks").iterdir() if not p.name.startswith(".")}
    assert served == on_disk


def test_lab_offers_the_korean_language_pack(lab):
    status, body = get(f"{lab.base}/lab/api/translations", lab.token)
    assert status == 200
    assert "ko_KR" in json.loads(body)["data"]


def test_lab_opens_at_the_student_copies(lab):
    # `/` sends the browser to the default URL: the student copies' folder.
    import urllib.request

    request = urllib.request.Request(f"{lab.base}/?token={lab.token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.url.split("?")[0] == f"{lab.base}/lab/tree/student", response.url
    status, body = get(f"{lab.base}/api/contents/student", lab.token)
    assert status == 200
    copies = {item["name"] for item in json.loads(body)["content"]}
    assert copies == {p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")}


def test_lab_leaves_nbgraders_course_pieces_to_the_hub(lab):
    # Formgrader, assignment and course lists need a course and an exchange (the hub's).
    status, body = get(f"{lab.base}/lab/tree/student", lab.token)
    assert status == 200
    body = body.decode()
    for plugin in ("formgrader", "assignment-list", "course-list"):
        assert f'"@jupyter/nbgrader:{plugin}"' in body.split('"disabledExtensions"', 1)[1].split("]", 1)[0], plugin
    with pytest.raises(urllib.error.HTTPError) as err:
        get(f"{lab.base}/formgrader", lab.token)
    assert err.value.code == 404
