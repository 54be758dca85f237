"""The Python twins' check cells: the counterpart of Rust's `netlib::exercise`.

A check runs the student's code on a few cases, each on a thread of its own
under a time limit, and reports in Korean which cases pass and why the others
do not, with the same text as the Rust lesson's report (the lesson comparison
reads both):

    check = Check('same_subnet')
    check.case('192.168.0.10, 192.168.0.200, /24', True, lambda: same_subnet('192.168.0.10', '192.168.0.200', 24))
    check.hint('/24이면 앞의 세 옥텟이 같아야 한다')
    check.finish()      # the report; raises AssertionError (after showing it) when a case failed

Standard library only, like the twins.
"""

from __future__ import annotations

import html
import socket
import threading
from dataclasses import dataclass

DEFAULT_TIME_LIMIT = 3.0
IO_TIMEOUT = 1.0

WRITE_IT_FIRST = "→ 풀이 셀의 raise NotImplementedError() 자리에 코드를 쓰고, 그 셀을 실행한 다음 채점 셀을 다시 실행하자"
PASS, FAIL = "var(--jp-success-color1, #388e3c)", "var(--jp-error-color1, #d32f2f)"


class Trouble(Exception):
    """A problem the check's own side explains in words."""


@dataclass
class Case:
    input: str
    expected: str
    outcome: str  # 'passed', 'wrong', 'not_implemented', 'raised', 'trouble', 'timed_out', 'not_run'
    detail: str = ""
    hint: str | None = None
    thread_errors: list = None  # exceptions of threads the code started, for a failed case

    @property
    def passed(self) -> bool:
        return self.outcome == "passed"

    def describe(self) -> str:
        if self.outcome == "wrong":
            return self.detail
        if self.outcome == "not_implemented":
            return "아직 작성하지 않았다 (NotImplementedError)"
        if self.outcome == "raised":
            return f"예외: {self.detail}"
        if self.outcome == "trouble":
            return self.detail
        if self.outcome == "timed_out":
            return (f"{self.detail}초 안에 끝나지 않았다: 끝없는 반복이나, 오지 않을 데이터를 기다리는 "
                    "read/recv가 있는지 보자 (그 코드는 아직 돌고 있을 수 있다; 커널을 다시 시작하면 멈춘다)")
        if self.outcome == "not_run":
            return "실행하지 않았다: 앞의 사례가 시간 안에 끝나지 않았다"
        return "통과"

    def shown_hint(self) -> str | None:
        return self.hint if self.outcome in ("wrong", "raised") else None


class Report:
    def __init__(self, title: str, cases: list[Case]):
        self.title, self.cases = title, cases

    @property
    def passed(self) -> int:
        return sum(c.passed for c in self.cases)

    @property
    def not_written_yet(self) -> bool:
        return any(c.outcome == "not_implemented" for c in self.cases)

    @property
    def all_passed(self) -> bool:
        return bool(self.cases) and self.passed == len(self.cases)

    def summary(self) -> str:
        total = len(self.cases)
        if not total:
            return f"{self.title}: 확인한 사례가 없다"
        if self.all_passed:
            return f"{self.title}: {total}개 모두 통과"
        failed = ", ".join(str(i) for i, c in enumerate(self.cases, 1) if not c.passed)
        return f"{self.title}: {total}개 중 {self.passed}개 통과 (틀린 사례: {failed})"

    def __repr__(self) -> str:
        lines = [self.summary()]
        for n, case in enumerate(self.cases, 1):
            if case.passed:
                lines.append(f"✔ {n}. {case.input} → {case.expected}")
                continue
            lines += [f"✘ {n}. {case.input}", f"     기대: {case.expected}", f"     결과: {case.describe()}"]
            if case.outcome != "not_implemented":
                lines += [f"     스레드의 예외: {e}" for e in (case.thread_errors or [])[:3]]
            if case.shown_hint():
                lines.append(f"     힌트: {case.shown_hint()}")
        if self.not_written_yet:
            lines.append(WRITE_IT_FIRST)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        esc = html.escape
        colour = PASS if self.all_passed else FAIL
        rows = []
        for n, case in enumerate(self.cases, 1):
            mark, mark_colour = ("✔", PASS) if case.passed else ("✘", FAIL)
            result = "통과" if case.passed else esc(case.describe())
            if case.shown_hint():
                result += f'<div style="opacity:0.7">힌트: {esc(case.shown_hint())}</div>'
            rows.append(f'<tr><td style="color:{mark_colour};font-weight:700">{mark} {n}</td>'
                        f"<td>{esc(case.input)}</td><td><code>{esc(case.expected)}</code></td><td>{result}</td></tr>")
        return (f'<div class="netlessons-exercise"><div style="font-family:monospace;font-weight:600">{esc(self.title)}</div>'
                f'<div style="color:{colour};font-weight:600">{esc(self.summary())}</div>'
                "<table><thead><tr><th></th><th>사례</th><th>기대</th><th>결과</th></tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>"
                + (f'<div style="opacity:0.7">{esc(WRITE_IT_FIRST)}</div>' if self.not_written_yet else "")
                + "</div>")


def _run_limited(run, limit: float):
    """(outcome, value or detail, thread errors): `run()` on a daemon thread, waited for at
    most `limit` seconds; an exception in a thread the code started meanwhile is kept for
    the report instead of threading's traceback on stderr."""
    errors = []
    previous = threading.excepthook
    threading.excepthook = lambda args: errors.append(f"{args.exc_type.__name__}: {args.exc_value}")
    try:
        return (*_wait_for(run, limit), errors)
    finally:
        threading.excepthook = previous


def _start(what: str, run):
    """`run()` on a daemon thread of its own; the box gets its "value" or its "error"
    (every failure of the student's code is a row of the report, not a traceback)."""
    box = {}

    def target():
        try:
            box["value"] = run()
        except BaseException as e:  # noqa: BLE001
            box["error"] = e

    thread = threading.Thread(target=target, name=f"netlessons-exercise-{what}", daemon=True)
    thread.start()
    return thread, box


def _wait_for(run, limit: float):
    thread, box = _start("case", run)
    thread.join(limit)
    if thread.is_alive():
        return "timed_out", f"{limit:g}"
    if "error" in box:
        e = box["error"]
        if isinstance(e, NotImplementedError):
            return "not_implemented", ""
        if isinstance(e, Trouble):
            return "trouble", str(e)
        return "raised", f"{type(e).__name__}: {e}"
    return "ok", box.get("value")


class Check:
    def __init__(self, title: str, time_limit: float = DEFAULT_TIME_LIMIT):
        self.report = Report(title, [])
        self.limit = time_limit
        self._stalled = False

    def case(self, input: str, expected, run):
        return self.case_by(input, repr(expected), run, lambda got: got == expected)

    def case_by(self, input: str, expected: str, run, judge):
        errors = []
        if self._stalled:
            outcome, detail = "not_run", ""
        else:
            outcome, detail, errors = _run_limited(run, self.limit)
            if outcome == "ok":
                outcome, detail = ("passed", "") if judge(detail) else ("wrong", repr(detail))
        self._stalled |= outcome == "timed_out"
        self.report.cases.append(Case(input, expected, outcome, detail, thread_errors=errors if outcome != "not_run" else []))
        return self

    def predict(self, question: str, prediction, actual):
        return self.case(question, actual, prediction)

    def hint(self, hint: str):
        if self.report.cases:
            self.report.cases[-1].hint = hint
        return self

    def finish(self) -> Report:
        if self.report.all_passed:
            return self.report
        try:
            from IPython.display import display
        except ImportError:
            print(repr(self.report))
        else:
            display(self.report)
        raise AssertionError(self.report.summary())


def tcp_pair():
    """A connected pair of TCP sockets on 127.0.0.1 (client, server side), each with
    IO_TIMEOUT on recv and send (socket.socketpair() would be a Unix socket)."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        client = connect(listener.getsockname())
        server, _ = listener.accept()
    server.settimeout(IO_TIMEOUT)
    return client, server


def connect(addr) -> socket.socket:
    """A client's connection with IO_TIMEOUT on connect, recv and send."""
    return socket.create_connection(addr, timeout=IO_TIMEOUT)


def _wire_error(e: OSError) -> str:
    if isinstance(e, (TimeoutError, socket.timeout)):
        return f"상대가 시간 안에 답하지 않았다 ({type(e).__name__}: {e})"
    if isinstance(e, ConnectionRefusedError):
        return f"연결이 거부되었다 (듣는 소켓이 없다) ({type(e).__name__}: {e})"
    if isinstance(e, ConnectionResetError):
        return f"상대가 연결을 끊었다 (RST) ({type(e).__name__}: {e})"
    return f"{type(e).__name__}: {e}"


def run_server(server, talk):
    """Starts the student's `server(listener)` on a thread, on a listener bound to
    127.0.0.1 port 0, calls `talk(address)`, and returns its value; the server must
    end by itself (it serves the clients it is told to, then returns)."""
    listener = socket.create_server(("127.0.0.1", 0))
    addr = listener.getsockname()
    thread, box = _start("server", lambda: server(listener))
    try:
        value, failure = talk(addr), None
    except OSError as e:
        value, failure = None, e
    thread.join(IO_TIMEOUT if failure is None else IO_TIMEOUT / 2)
    if "error" in box:
        if isinstance(box["error"], NotImplementedError):
            raise NotImplementedError()
        raise Trouble(f"서버가 멈췄다: 예외: {type(box['error']).__name__}: {box['error']}")
    if failure is not None:
        raise Trouble(f"서버와 주고받다가: {_wire_error(failure)}")
    if thread.is_alive():
        raise Trouble(f"서버가 {IO_TIMEOUT:g}초 안에 끝나지 않았다: 클라이언트를 다 처리하면 함수가 끝나야 한다 "
                      "(그 스레드는 아직 돌고 있다)")
    return value


def run_client(answer, client):
    """Answers one connection on 127.0.0.1 port 0 with `answer(conn)` on a thread
    and returns what `client(address)` returns."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(IO_TIMEOUT)
    addr = listener.getsockname()

    def serve_one():
        try:
            conn, _ = listener.accept()
        except TimeoutError:
            raise Trouble("검사용 서버: 클라이언트가 연결하지 않았다") from None
        finally:
            listener.close()
        with conn:
            conn.settimeout(IO_TIMEOUT)
            answer(conn)

    thread, box = _start("peer", serve_one)
    value = client(addr)
    thread.join(IO_TIMEOUT * 1.5)
    if thread.is_alive():
        raise Trouble("검사용 서버가 끝나지 않았다: 클라이언트가 연결을 닫지 않았다")
    error = box.get("error")
    if isinstance(error, Trouble):
        raise error
    if isinstance(error, OSError):
        raise Trouble(f"검사용 서버: {_wire_error(error)}")
    if error is not None:
        raise Trouble(f"검사용 서버: {error}")
    return value
