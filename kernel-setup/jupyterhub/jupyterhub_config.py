# JupyterHub configuration for ./kernel-setup/hub: one machine, local Unix accounts.
# hub.py writes the instructor's choices to <state>/settings.json (its header says
# which keys) and names it in $NETLESSONS_HUB_SETTINGS; everything else is decided here.
#
# - Login: JupyterHub's PAMAuthenticator (the accounts' Unix passwords), only for
#   the listed users; the hub's REST API takes the tokens a user gets by logging
#   in through it (POST /hub/api/users/<name>/tokens with the password).
# - Each user's server: `jupyterhub-singleuser` started as that user by the
#   LocalProcessSpawner, through `singleuser` (their own copy of the lessons,
#   files private to them), on 127.0.0.1 behind the proxy; only the proxy's
#   public port is reachable from outside, and only if --ip says so.
# - The kernel: Rust (netlib) by default, from the shared, read-only install.
# - Grading: nbgrader, its exchange in the shared install; the instructor (if any) has
#   the formgrader, students the Assignments tab.

import json
import os
import socket
import sys
from pathlib import Path

c = get_config()  # noqa: F821  (provided by JupyterHub when it loads this file)
settings = Path(os.environ["NETLESSONS_HUB_SETTINGS"])
s = json.loads(settings.read_text())
prefix = Path(s["prefix"])
state = settings.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- where it listens ------------------------------------------------------------
c.JupyterHub.ip = s["ip"]
c.JupyterHub.port = s["port"]
# The hub's own API and the proxy's API stay on loopback, on free ports: fixed
# defaults (8081, 8001) collide with a second hub or another service.
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = free_port()
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.command = [s["proxy"]]
c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
# Servers and proxy end with the hub (the defaults, said aloud: the tests rely on it).
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

# --- who may log in --------------------------------------------------------------
c.JupyterHub.authenticator_class = "pam"
instructor = s.get("instructor", "")
c.Authenticator.allowed_users = set(s["users"]) | ({instructor} - {""})
c.Authenticator.admin_users = set()
# No PAM session (pam_systemd and friends) for a login that only starts a server.
c.PAMAuthenticator.open_sessions = False
# Tokens users create through the API expire (a trial's tokens should not outlive it).
c.JupyterHub.token_expires_in_max_seconds = 7 * 24 * 3600

# --- each user's server ----------------------------------------------------------
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(prefix / "src" / "kernel-setup" / "jupyterhub" / "singleuser")]
c.Spawner.notebook_dir = "~/netlessons"
# The student copies: the lessons with their exercises, without the answers.
c.Spawner.default_url = "/lab/tree/student"
c.Spawner.args = ["--MappingKernelManager.default_kernel_name=rust-netlib"]
# `singleuser` finds the lessons, the server and its PATH from where it is installed.
# The rust-netlib kernelspec is the shared venv's; no user-wide one may win.
# nbgrader's parts by role (roles/<role>/, first on the config path): a student has the
# Assignments tab (fetch, submit, feedback) and no formgrader; the instructor has the
# formgrader on their course, ~/netlessons/course (provision.py: grading).
roles = prefix / "src" / "kernel-setup" / "jupyterhub" / "roles"  # students read the shared copy
c.Spawner.environment = {
    "JUPYTER_PREFER_ENV_PATH": "1",
    "JUPYTER_CONFIG_PATH": lambda spawner: str(roles / ("instructor" if spawner.user.name == instructor else "student")),
}
# A class logging in together on a small machine: starts take longer than alone.
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300

# --- culling idle servers -------------------------------------------------------
if s["cull_idle"]:
    culler = [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={s['cull_idle']}"]
    c.JupyterHub.services = [{"name": "idle-culler", "command": culler}]
    c.JupyterHub.load_roles = [{"name": "idle-culler", "services": ["idle-culler"],
                                "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]}]
