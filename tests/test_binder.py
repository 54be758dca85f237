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


def test_z2jh_values_say_what_the_classroom_measurements_say(config):
    single = config["singleuser"]
    assert single["extraEnv"]["NETLESSONS_RESERVE"] == "0"
    assert single["memory"]["limit"] and single["cpu"]["limit"]
    assert config["cull"]["enabled"] and config["prePuller"]["hook"]["enabled"]
    # Not the chart's default DummyAuthenticator (anyone may log in).
    assert config["hub"]["config"]["JupyterHub"]["authenticator_class"] not in ("dummy", "null", None)
    # The lessons copied from where binder/postBuild puts them by default.
    hook = " ".join(single["lifecycleHooks"]["postStart"]["exec"]["command"])
    postbuild = (ROOT / "binder" / "postBuild").read_text()
    assert '${CONDA_DIR:-/srv/conda}/netlessons' in postbuild
    assert "/srv/conda/netlessons/src/notebooks/." in hook and "cp -R -n" in hook


def test_binder_files_are_what_repo2docker_reads():
    binder = ROOT / "binder"
    postbuild = binder / "postBuild"
    assert postbuild.stat().st_mode & 0o111, "postBuild must be executable"
    assert subprocess.run(["bash", "-n", str(postbuild)]).returncode == 0
    for line in (binder / "requirements.txt").read_text().splitlines():
        if line.startswith("-r "):
            assert (binder / line[3:].strip()).is_file(), line
    for line in (binder / "apt.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            assert re.fullmatch(r"[a-z0-9][a-z0-9+.-]+", line.strip()), line
