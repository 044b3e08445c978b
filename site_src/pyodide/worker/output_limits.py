"""What one run may show under its editor, and where a print goes: pure Python, no page needed.

Everything a run shows (prints to `stdout` and `stderr`, the last expression's value, the error report) counts
against one cap, so nothing a run prints can make the page hold more than that. A long line shows its start and a
count of what was cut, and the lines after it still show. Past the cap, lines are only counted: a million prints
cost a million counts here, not a million page updates.

Text leaves through the `show(text, kind, target)` a `RunOutput` is given: in the page, PyScript's `sync.show`,
which editors.js puts under the editor whose output element has the id `target`.
"""

import sys
from contextvars import ContextVar

MAX_LINES = 1_000  # what one run shows under its editor, everything counted together; past either cap, lines
MAX_CHARS = 100_000  # are only counted
MAX_LINE = 10_000  # characters of one line; a longer line shows its start and how much was cut
ERROR_ALLOWANCE = 100, 10_000  # lines and characters a run's error report may add past the cap, to be seen
MAX_FIGURES = 20  # matplotlib figures one run shows; past it they are only counted


class RunOutput:
    """Everything one run shows under its editor, within one cap (MAX_LINES lines, MAX_CHARS characters, MAX_LINE
    a line). `show(text, kind, target)` sends text to the page, `kind` being "out", "err" or "notice" and `target`
    the id of the output element under the run's editor."""

    def __init__(self, target=None, show=None):
        self.target, self.show, self.closed = target, show, False
        self.lines = self.chars = self.hidden = 0
        self.kept = []  # lines that show whatever the cap (always()), held until the cap's note
        self.figures = self.hidden_figures = 0
        self.max_lines, self.max_chars = MAX_LINES, MAX_CHARS
        self.stdout, self.stderr = Stream(self, "out"), Stream(self, "err")

    @property
    def full(self):
        return self.lines >= self.max_lines or self.chars >= self.max_chars

    def take_figure(self):
        """Whether one more figure may be shown (at most MAX_FIGURES a run); one that may not is counted."""
        if self.figures < MAX_FIGURES:
            self.figures += 1
            return True
        self.hidden_figures += 1
        return False

    def close(self, error_report=""):
        """End the run: what is still waiting, then how much was left out, then `error_report` (shown even when
        the prints took the whole cap: the cap grows by ERROR_ALLOWANCE for it). A task the run started may
        still write afterwards: that goes under the same editor, within the same cap, at once."""
        self.closed = True
        for stream in self.stdout, self.stderr:
            stream.close()
        if self.hidden:
            n = self.hidden
            self.show(f"… {n:,} more line{'s' * (n != 1)} not shown (an editor shows the first {self.lines:,})\n",
                      "notice", self.target)
        if self.hidden_figures:
            n = self.hidden_figures
            self.show(f"… {n:,} more figure{'s' * (n != 1)} not shown (an editor shows the first {MAX_FIGURES})\n",
                      "notice", self.target)
        for line in self.kept:
            self.show(line, "out", self.target)
        if error_report:
            self.max_lines, self.max_chars = self.lines + ERROR_ALLOWANCE[0], self.chars + ERROR_ALLOWANCE[1]
            self.stderr.write(error_report)
            self.stderr.close()

    def always(self, line):
        """Show `line` whatever the cap (an exercise check's verdict, which must not be lost in a flood of prints):
        at once within the cap, else after the cap's note."""
        line = line.rstrip("\n") + "\n"
        if not self.full:
            self.stdout.write(line)
        elif self.closed:  # a task the run started, past the cap
            self.show(line, "out", self.target)
        else:
            self.stdout.flush()
            self.kept.append(line)


class Stream:
    """`sys.stdout` or `sys.stderr` while an editor runs: text goes to the page a line at a time, within the
    run's cap. Only the part of a line that will be shown is ever kept, however long the line."""

    def __init__(self, output, kind):
        self.output, self.kind = output, kind
        self.waiting = []  # text for the page, sent at the next newline or flush
        self.taken = self.cut = 0  # characters of the current line kept, and left out
        self.fresh, self.hiding = True, False  # at a line's start; the current line is past the cap

    def write(self, text):
        output, start, size, newline = self.output, 0, len(text), False
        while start < size:
            if self.fresh:
                self.fresh, self.hiding = False, output.full
            if self.hiding:  # past the cap: count the lines, keep nothing
                output.hidden += text.count("\n", start)
                self.fresh = text.endswith("\n")
                break
            end = text.find("\n", start)
            stop = size if end < 0 else end
            room = max(0, min(MAX_LINE - self.taken, output.max_chars - output.chars))
            piece = text[start:start + min(room, stop - start)]
            if piece:  # past the cap nothing is kept, not even an empty piece per write
                self.waiting.append(piece)
            self.taken += len(piece)
            output.chars += len(piece)
            self.cut += stop - start - len(piece)
            if end < 0:
                break
            self._end_line()
            newline, start = True, end + 1
        if newline or output.closed:
            self.flush()
        return size

    def _end_line(self):
        if self.cut:
            self.waiting.append(f" … [{self.cut:,} more characters not shown]")
        self.waiting.append("\n")
        self.output.lines += 1
        self.taken = self.cut = 0
        self.fresh = True

    def flush(self):
        if self.waiting:
            text, self.waiting = "".join(self.waiting), []
            if text:
                self.output.show(text, self.kind, self.output.target)

    def close(self):
        if not self.fresh and self.hiding:
            self.output.hidden += 1
        elif self.cut:
            self._end_line()
        self.fresh = True
        self.flush()

    def isatty(self):
        return False


run_output = ContextVar("run_output", default=None)  # the RunOutput of the run whose code (or task) is running


class RunStream:
    """The page's `sys.stdout` (or `sys.stderr`): each write goes to the run whose code made it, found in the
    context that asyncio tasks inherit. So a background task's late print shows under the editor that started it
    and counts against that run's cap, not the run showing now; outside any run, to the browser's console."""

    def __init__(self, name, console):
        self.name, self.console = name, console

    def _stream(self):
        output = run_output.get()
        return getattr(output, self.name) if output else self.console

    def write(self, text):
        return self._stream().write(text)

    def flush(self):
        self._stream().flush()

    def always_show(self, line):
        """Print `line` past the run's cap if need be (RunOutput.always): course's verdicts use it."""
        output = run_output.get()
        if output:
            output.always(line)
        else:
            self.console.write(line.rstrip("\n") + "\n")

    def isatty(self):
        return False


STDOUT, STDERR = RunStream("stdout", sys.__stdout__), RunStream("stderr", sys.__stderr__)
