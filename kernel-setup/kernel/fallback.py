"""A stand-in kernel that answers every cell with why the Rust kernel did not start.

launch.py execs this on the same connection file after evcxr_jupyter exits
during start (netlib does not compile, cargo is missing, ...). Without it the
notebook would only say "kernel died" and the reason would sit in the server's
log. The reason comes in $NETLIB_KERNEL_FAILURE. Restarting the kernel from the
notebook runs launch.py again, so fixing the cause and restarting is enough.
"""

import os
import sys

from ipykernel.kernelapp import IPKernelApp
from ipykernel.kernelbase import Kernel

TITLE = "The Rust (netlib) kernel could not start. / Rust (netlib) 커널을 시작하지 못했습니다."


class StartFailureKernel(Kernel):
    implementation = "rust-netlib-start-failure"
    implementation_version = "1"
    banner = TITLE
    language_info = {
        "name": "rust",
        "mimetype": "text/rust",
        "file_extension": ".rs",
        "pygments_lexer": "rust",
        "codemirror_mode": "rust",
    }

    def do_execute(
        self,
        code,
        silent,
        store_history=True,
        user_expressions=None,
        allow_stdin=False,
        **_kwargs,
    ):
        message = os.environ.get("NETLIB_KERNEL_FAILURE", "(no reason recorded)")
        content = {
            "ename": "KernelStartError",
            "evalue": message,
            "traceback": [TITLE, "", *message.splitlines()],
        }
        if not silent:
            self.send_response(self.iopub_socket, "error", content)
        return {"status": "error", "execution_count": self.execution_count, **content}

    def do_is_complete(self, code):
        return {"status": "complete"}


if __name__ == "__main__":
    IPKernelApp.launch_instance(
        kernel_class=StartFailureKernel,
        argv=["-f", sys.argv[1], "--IPKernelApp.log_level=WARN"],
    )
