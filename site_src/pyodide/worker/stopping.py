"""Stop: the page's ■ button, as Ctrl+C in a terminal, with the reader's names kept.

The page and this worker share a one-number buffer. Stop writes STOP into it: computing code gets a
KeyboardInterrupt at its next line (Pyodide checks the buffer), and `sleep` (the page's `time.sleep`) wakes up
and raises it. Code that waits (`await asyncio.sleep(...)`) runs no line that could see the interrupt, so the
page also calls `stop()`, which cancels it.

Pyodide checks the buffer only while a reader's code runs (`start()`): a Stop that comes as the run ends on its
own (the moons training loop ends between two steps when asked) must not interrupt what Python does next, e.g.
the set-up of the page the reader went to.
"""

import asyncio
from time import monotonic

STOP = 2  # what Stop writes into the buffer shared with the page: SIGINT, as Ctrl+C in a terminal
interrupt = None  # that buffer (a JavaScript Int32Array over shared memory), once `listen_for_stop` made it
running = None  # the running code, as an asyncio task
stopped = False  # whether stop() cancelled it


def listen_for_stop():
    """Make the buffer and share it with the page."""
    global interrupt
    import js

    interrupt = js.Int32Array.new(js.SharedArrayBuffer.new(4))
    js.postMessage(interrupt)  # shared memory: posting it shares it with the page instead of copying it


def _check_for_stop(checking):
    """Have Pyodide check the buffer at every line (or no longer)."""
    import pyodide_js

    pyodide_js.setInterruptBuffer(interrupt if checking else None)


def sleep(seconds):
    """`time.sleep()` that Stop interrupts: it waits on the shared buffer, which Stop writes and wakes."""
    from js import Atomics

    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    deadline = monotonic() + seconds
    while (left := deadline - monotonic()) > 0:
        Atomics.wait(interrupt, 0, 0, min(left, 3600) * 1000)  # milliseconds
        if interrupt[0] == STOP:
            interrupt[0] = 0
            raise KeyboardInterrupt


def start(coroutine):
    """Run a reader's `coroutine` as the task stop() cancels; the task's result is `(value, None)` or
    `(None, exception)`."""
    global running, stopped
    stopped = False
    interrupt[0] = 0  # a Stop that came after the last run had ended was not for this one
    _check_for_stop(True)
    running = asyncio.ensure_future(_caught(coroutine))
    running.add_done_callback(lambda _: _check_for_stop(False))
    return running


async def _caught(coroutine):
    """Run as a task, a reader's SystemExit or KeyboardInterrupt would otherwise escape to the event loop (which
    prints it and fails the page), and Stop's cancel would end the task instead of the reader's code."""
    try:
        return await coroutine, None
    except BaseException as error:
        return None, error


def stop():
    """Stop, for a run that is waiting rather than computing (`await asyncio.sleep(...)`): Python runs no line
    that could see the interrupt, so the waiting code is cancelled instead. A computing run never lets this
    call in before it ends: the interrupt stops it."""
    global stopped
    if running and not running.done():
        stopped = True
        running.cancel()
