"""Past one machine: binder/ (the repo2docker image) and the Zero to JupyterHub values, checked
where they can be without a cluster or a registry.

The Helm values are merged over the chart's own defaults as `helm` merges a values
file, then validated against the chart's values schema (committed copies, see
kernel-setup/jupyterhub/z2jh-chart/README.md): a setting the chart does not have
fails. binder/postBuild itself runs in binder/check-postbuild (manual, 10-40 minutes).
"""

from __future__ import annotations

import copy
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
HUB = ROOT / "kernel-setup" / "jupyterhub"
CONFIG = HUB / "z2jh-config.yaml"
CHART = HUB / "z2jh-chart"


def merged(defaults, override):
    """Helm's merge of a values file over the chart's values: maps merge key by key,
    anything else (lists included) is replaced; null deletes the key."""
    out = copy.deepcopy(defaults)
    for key, value in override.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


@pytest.fixture(scope="module")
def schema():
    return yaml.safe_load((CHART / "values.schema.yaml").read_text())


@pytest.fixture(scope="module")
def values():
    return yaml.safe_load((CHART / "values.yaml").read_text())


@pytest.fixture(scope="module")
def config():
    return yaml.safe_load(CONFIG.read_text())


def test_z2jh_values_validate_against_the_charts_schema(schema, values, config):
    jsonschema.validate(merged(values, config), schema)


def test_the_schema_check_rejects_a_setting_the_chart_does_not_have(schema, values, config):
    wrong = copy.deepcopy(config)
    wrong["singleuser"]["memroy"] = wrong["singleuser"].pop("memory")
    with pytest.raises(jsonschema.ValidationError, match="memroy"):
        jsonschema.validate(merged(values, wrong), schema)


PERFORMANCE = ROOT / "kernel-setup" / "bench" / "PERFORMANCE.md"
QUANTITY = {"": 1, "k": 1e3, "M": 1e6, "G": 1e9, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30}


def quantity(value) -> float:
    """A Kubernetes quantity (`1G`, `1536M`, `0.25`) as a number (bytes, cores)."""
    m = re.fullmatch(r"([\d.]+)([kMG]i?|)", str(value))
    assert m, value
    return float(m.group(1)) * QUANTITY[m.group(2)]


def recommendation(row: str) -> str:
    """A row of PERFORMANCE.md's "Sizing recommendation for instructors" table."""
    text = PERFORMANCE.read_text(encoding="utf-8")
    table = text[text.index("### Sizing recommendation for instructors"):]
    m = re.search(rf"^\| {re.escape(row)} \| (.+) \|$", table, re.M)
    assert m, f"no row {row!r} in PERFORMANCE.md's sizing table"
    return m.group(1)


def test_z2jh_values_say_what_the_classroom_measurements_say(config):
    """The Helm values' per-student resources are the ones PERFORMANCE.md
    recommends from ./kernel-setup/bench/classroom's measurements (read from that
    table, not restated), and the guarantee holds the memory it measured."""
    single = config["singleuser"]
    text = PERFORMANCE.read_text(encoding="utf-8")
    measured = re.search(r"about ([\d.]+)-([\d.]+) GB resident", text)
    assert measured, "PERFORMANCE.md no longer states the measured memory per student"
    assert quantity(single["memory"]["guarantee"]) >= float(measured.group(2)) * 1e9, (single["memory"], measured.group(0))

    mem = re.fullmatch(r"\*\*([\d.]+) GB\*\* per server, guarantee ([\d.]+) GB: .+", recommendation("`mem_limit`"))
    assert mem, recommendation("`mem_limit`")
    # Within 5 %: Helm writes 1536M for "1.5 GB".
    assert abs(quantity(single["memory"]["limit"]) / (float(mem.group(1)) * 1e9) - 1) < 0.05, single["memory"]
    assert abs(quantity(single["memory"]["guarantee"]) / (float(mem.group(2)) * 1e9) - 1) < 0.05, single["memory"]

    cpu = re.fullmatch(r"\*\*([\d.]+) cores?\*\* per server \(guarantee ([\d.]+)\): .+", recommendation("`cpu_limit`"))
    assert cpu, recommendation("`cpu_limit`")
    assert quantity(single["cpu"]["limit"]) == float(cpu.group(1)), single["cpu"]
    assert quantity(single["cpu"]["guarantee"]) == float(cpu.group(2)), single["cpu"]

    cull = re.search(r"servers idle for (\d+) h are stopped", recommendation("idle culling"))
    assert cull and config["cull"]["enabled"], recommendation("idle culling")
    assert config["cull"]["timeout"] == int(cull.group(1)) * 3600, config["cull"]

    # Not the chart's default DummyAuthenticator (anyone may log in).
    assert config["hub"]["config"]["JupyterHub"]["authenticator_class"] not in ("dummy", "null", None)


def fake_command(path: Path, name: str, log: Path) -> None:
    """An executable that records its name, arguments and the variables postBuild sets."""
    path.write_text(
        "#!/usr/bin/env bash\n"
        f'printf "%s\\n" "{name} $* PYTHON=${{PYTHON:-}} CARGO_HOME=${{CARGO_HOME:-}}" >> {log}\n'
    )
    path.chmod(0o755)


def test_binder_files_are_what_repo2docker_reads(tmp_path):
    """repo2docker reads binder/ (apt.txt, requirements.txt, then runs postBuild in
    the repository as the image's user). postBuild is run here in a copy of the
    repository whose install and provision steps only record how they were called:
    it must install with the image's Python and put the shared kernel where the Helm
    values' postStart hook copies the lessons from, then drop the build's leftovers."""
    binder = ROOT / "binder"
    postbuild = binder / "postBuild"
    assert postbuild.stat().st_mode & 0o111, "postBuild must be executable"
    for line in (binder / "requirements.txt").read_text().splitlines():
        if line.startswith("-r "):
            reqs = (binder / line[3:].strip()).resolve()
            assert reqs.is_file(), line
            for req in reqs.read_text().splitlines():
                req = req.split("#")[0].strip()
                assert not req or re.fullmatch(r"[A-Za-z0-9_.\[\],-]+==[\w.]+(; .+)?", req), f"{reqs.name}: not pinned: {req}"
    for line in (binder / "apt.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            assert re.fullmatch(r"[a-z0-9][a-z0-9+.-]+", line.strip()), line

    repo = tmp_path / "repo"
    (repo / "kernel-setup" / "jupyterhub").mkdir(parents=True)
    (repo / ".venv" / "bin").mkdir(parents=True)
    (repo / "build").mkdir()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls.log"
    fake_command(repo / "kernel-setup" / "install", "install", log)
    fake_command(repo / ".venv" / "bin" / "python", "venv-python", log)
    fake_command(bin_dir / "cargo", "cargo", log)  # a Rust on PATH: no rustup download
    (repo / "kernel-setup" / "jupyterhub" / "provision.py").write_text("")
    conda = tmp_path / "srv-conda"
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path), "CONDA_DIR": str(conda),
           "NB_PYTHON_PREFIX": str(conda / "envs" / "notebook")}
    done = subprocess.run(["bash", str(postbuild)], cwd=repo, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    calls = log.read_text().splitlines()
    assert calls[0].startswith(f"install  PYTHON={conda}/envs/notebook/bin/python"), calls
    assert calls[1].startswith(f"venv-python kernel-setup/jupyterhub/provision.py shared --prefix {conda}/netlessons "
                               f"--python-env {conda}/envs/notebook"), calls
    assert len(calls) == 2, calls
    assert not (repo / ".venv").exists() and not (repo / "build").exists(), "postBuild leaves the build's .venv and build/"
    # Where the image's lessons are, the Helm values copy them from (repo2docker's CONDA_DIR is /srv/conda).
    hook = " ".join(yaml.safe_load(CONFIG.read_text())["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"])
    assert "cp -R -n /srv/conda/netlessons/src/notebooks/. " in hook, hook
    provision = (ROOT / "kernel-setup" / "jupyterhub" / "provision.py").read_text()
    assert 'dest = prefix / "src"' in provision, "provision.py no longer copies the checkout to PREFIX/src"
    # Without repo2docker's environment it refuses, saying why.
    env.pop("NB_PYTHON_PREFIX")
    done = subprocess.run(["bash", str(postbuild)], cwd=repo, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "repo2docker sets NB_PYTHON_PREFIX" in done.stderr, done.stderr
