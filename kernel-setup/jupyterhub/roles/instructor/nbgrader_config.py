# The instructor's server on the classroom hub (JupyterHub puts this folder first on
# JUPYTER_CONFIG_PATH): the formgrader works on the course ./kernel-setup/hub made in
# their home. The formgrader wants it inside the server's root, ~/netlessons. The rest
# (course id, exchange, Rust stub) is the class's: PREFIX/venv/etc/jupyter/nbgrader_config.py.
import os

c = get_config()  # noqa: F821
c.CourseDirectory.root = os.path.expanduser("~/netlessons/course")
