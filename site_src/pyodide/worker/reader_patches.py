"""What the page's Python changes for readers' code, so that a worker behaves like a terminal or a notebook:
`input()` asks in a dialog, `time.sleep()` wakes for Stop, `os._exit()` ends the run (not the page's Python),
`display()` draws under the running editor."""

import asyncio
import builtins
import os
import sys
import time

import page_display
import pyscript
import stopping


class ExitCalled(SystemExit):
    """What `os._exit()` raises in an editor: it ends the run, not the page's Python (and the reader's names)."""


def exit_run(status):
    raise ExitCalled(status)


def ask(prompt=""):
    """`input()` in an editor: a worker has no keyboard, so the browser asks in a dialog. Cancel is end of input."""
    print(prompt, end="", flush=True)
    answer = pyscript.sync.ask(str(prompt))
    if answer is None:
        raise EOFError("no input: the dialog was cancelled")
    print(answer)
    return answer


def install():
    """Once, before the first run."""
    builtins.input = ask
    time.sleep, os._exit = stopping.sleep, exit_run
    # An interrupt that finds Python between two steps of the event loop (the reader's code was waiting, and
    # the page's stop() had not cancelled it yet) would end the loop's step: it cancels the reader's code.
    asyncio.get_event_loop()._keyboard_interrupt_handler = stopping.stop
    pyscript.display = sys.modules["pyscript.display"].display = page_display.display
