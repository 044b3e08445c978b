"""The editor experience: keyboard runs, edits that survive a reload (whatever made them, whatever the storage),
Reset and Reset all, output that is only ever text."""

import re

from playwright.sync_api import expect

from expected import README_EXAMPLE, README_OUTPUT
from pages import RUN, RUNTIME_TIMEOUT_MS, open_isolated


def set_code(page, code):
    """Replace the first editor's code as a reader would, by typing (select all, then type). Several lines are
    entered as one input: typed, an Enter could accept the completion CodeMirror offers (`ValueError` for
    `Value`) when the machine is slow enough for it to show."""
    content = page.locator(".mgl-editor .cm-content").first
    content.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(code) if "\n" in code else page.keyboard.type(code)


def reload(page):
    page.reload()
    page.wait_for_function("() => self.crossOriginIsolated === true", timeout=RUNTIME_TIMEOUT_MS)
    expect(page.locator(".mgl-editor .cm-content").first).to_be_visible(timeout=RUNTIME_TIMEOUT_MS)


def saved_code(page, index=0):
    return page.evaluate("""(i) => JSON.parse(localStorage.getItem(
        "micrograd-live:edit:" + location.pathname.replace(/index\\.html$/, "") + "#" + i))?.code""", index)


PASTE = """(text) => {
  const content = document.querySelector(".mgl-editor .py-editor-input > div").shadowRoot.querySelector(".cm-content");
  const data = new DataTransfer();
  data.setData("text/plain", text);
  content.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
}"""


def test_every_change_is_kept_without_run_whatever_made_it(page, site_server):
    """Enter, Backspace, paste and undo change the code without typing a character: each is kept over a reload
    that comes at once, with no Run and no pause."""
    open_isolated(page, site_server)
    content = page.locator(".mgl-editor .cm-content").first
    content.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("# abcd")
    page.keyboard.press("Backspace")
    reload(page)
    expect(content).to_contain_text(README_EXAMPLE.splitlines()[-1] + "# abc")  # lines join in textContent
    assert saved_code(page).endswith("dg/db\n# abc")
    expect(page.locator(".mgl-editor").first.get_by_role("status")).to_have_text(
        "Your edited version (Reset brings back the original).")

    content.click()
    page.keyboard.press("Control+End")
    page.evaluate(PASTE, "\nprint('pasted')")
    reload(page)
    assert saved_code(page).endswith("# abc\nprint('pasted')")

    content.click()
    page.keyboard.press("Control+End")
    page.keyboard.insert_text("  # more")  # one change, so one undo takes all of it (typed keys may group apart)
    page.wait_for_function("() => document.querySelector('.mgl-editor script').code.endsWith('# more')")
    page.keyboard.press("Control+z")  # undoes the typing: the code is back to what the last reload showed
    reload(page)
    assert saved_code(page).endswith("# abc\nprint('pasted')")


FILL_STORAGE = """() => {
  let n = 0;
  for (let size = 1 << 20; size >= 1; size >>= 1) {
    const filler = "x".repeat(size);
    for (;;) {
      try { localStorage.setItem(`someone else's ${n}`, filler); n += 1; } catch { break; }
    }
  }
  return n;
}"""


def test_full_storage_keeps_and_shows_what_was_saved_and_says_what_is_not(page, site_server):
    open_isolated(page, site_server)
    set_code(page, "print('saved')")
    page.wait_for_function("() => localStorage.getItem('micrograd-live:edit:/#0')?.includes(`print('saved')`)")
    assert page.evaluate(FILL_STORAGE) > 0
    page.keyboard.type(" # this change does not fit")
    editor = page.locator(".mgl-editor").first
    expect(editor.get_by_role("status")).to_contain_text("Not saved: this browser's storage for the site is full")
    assert saved_code(page) == "print('saved')"

    reload(page)  # storage is full now: what was saved before is shown all the same
    expect(editor.locator(".cm-content")).to_have_text("print('saved')")
    expect(editor.get_by_role("status")).to_have_text("Your edited version (Reset brings back the original).")

    # Reset all asks first, forgets only the site's edits, and can be undone.
    answers = iter([False, True])
    page.on("dialog", lambda dialog: dialog.accept() if next(answers) else dialog.dismiss())
    reset_all = page.get_by_role("button", name="Reset all my edits")
    reset_all.click()
    assert saved_code(page) == "print('saved')"
    reset_all.click()
    status = reset_all.locator("xpath=following-sibling::span[@role='status']")
    expect(status).to_contain_text("Forgot 1 edited example: every page shows its original code.")
    expect(editor.locator(".cm-content")).to_contain_text("from micrograd.engine import Value")  # at once
    expect(editor.get_by_role("status")).to_have_text("")
    assert saved_code(page) is None
    status.get_by_role("button", name="Undo").click()
    expect(status).to_have_text("Put back 1 edited example.")
    expect(editor.locator(".cm-content")).to_have_text("print('saved')")
    assert saved_code(page) == "print('saved')"


def test_one_page_keeps_one_edit_whatever_its_url_and_a_foreign_value_is_ignored(page, site_server):
    """/derivatives/ and /derivatives/index.html are one page. A value under an editor's key that is not an edit
    of ours (another program's, an older format) is ignored: the original code is shown, nothing else is lost."""
    page.goto(f"{site_server}derivatives/")
    page.evaluate("""() => {
        localStorage.setItem("micrograd-live:edit:/derivatives/#0", JSON.stringify({code: 42}));
        localStorage.setItem("micrograd-live:edit:/derivatives/#1", "not JSON");
        localStorage.setItem("micrograd-live:edit:/derivatives/#2", JSON.stringify({code: "print('mine')", original: ""}));
    }""")
    open_isolated(page, f"{site_server}derivatives/index.html")
    editors = page.locator(".mgl-editor")
    expect(editors.nth(2).locator(".cm-content")).to_have_text("print('mine')", timeout=RUNTIME_TIMEOUT_MS)
    original = page.evaluate("document.querySelectorAll('.mgl-editor script')[0].textContent")
    assert original.strip() and page.evaluate("document.querySelectorAll('.mgl-editor script')[0].code") == original.strip()
    expect(editors.nth(0).get_by_role("status")).to_have_text("")
    assert page.evaluate("Object.keys(localStorage).filter((k) => k.startsWith('micrograd-live:')).length") == 3

    editors.nth(1).locator(".cm-content").click()
    page.keyboard.type("# kept at index.html ")
    page.wait_for_function("() => localStorage.getItem('micrograd-live:edit:/derivatives/#1').includes('# kept')")
    page.goto(f"{site_server}derivatives/")
    expect(editors.nth(1).locator(".cm-content")).to_contain_text("# kept at index.html", timeout=RUNTIME_TIMEOUT_MS)


def test_ctrl_enter_and_shift_enter_run_the_editor(page, site_server):
    open_isolated(page, site_server)
    output = page.get_by_role("log", name="Output").first
    page.locator(".mgl-editor .cm-content").first.click()
    page.keyboard.press("Control+Enter")
    expect(output).to_have_text(README_OUTPUT, use_inner_text=True, timeout=RUNTIME_TIMEOUT_MS)
    expect(page.locator(".py-editor-run-button.running")).to_have_count(0, timeout=RUNTIME_TIMEOUT_MS)
    page.keyboard.press("Shift+Enter")
    expect(output).to_have_text(README_OUTPUT, use_inner_text=True, timeout=RUNTIME_TIMEOUT_MS)


def test_an_edit_survives_a_reload_and_reset_brings_back_the_original(page, site_server):
    open_isolated(page, site_server)
    set_code(page, "print(6 * 7)")
    editor = page.locator(".mgl-editor").first
    editor.get_by_role("button", name=RUN).click()
    expect(editor.get_by_role("log", name="Output")).to_have_text("42", use_inner_text=True, timeout=RUNTIME_TIMEOUT_MS)

    page.reload()
    page.wait_for_function("() => self.crossOriginIsolated === true", timeout=RUNTIME_TIMEOUT_MS)
    editor = page.locator(".mgl-editor").first
    expect(editor.locator(".cm-content")).to_have_text("print(6 * 7)", timeout=RUNTIME_TIMEOUT_MS)
    expect(editor.get_by_role("status")).to_contain_text("Your edited version")

    editor.get_by_role("button", name="Reset code").click()
    expect(editor.locator(".cm-content")).to_contain_text("from micrograd.engine import Value")
    page.reload()
    page.wait_for_function("() => self.crossOriginIsolated === true", timeout=RUNTIME_TIMEOUT_MS)
    expect(page.locator(".mgl-editor .cm-content").first).to_contain_text("from micrograd.engine import Value", timeout=RUNTIME_TIMEOUT_MS)


def test_output_and_errors_are_text_never_html(page, site_server):
    open_isolated(page, site_server)
    hostile = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    set_code(page, f"import sys\nprint({hostile!r})\nprint({hostile!r}, file=sys.stderr)\nraise ValueError({hostile!r})")
    page.on("dialog", lambda dialog: (_ for _ in ()).throw(AssertionError(f"a dialog opened: {dialog.message}")))
    editor = page.locator(".mgl-editor").first
    editor.get_by_role("button", name=RUN).click()
    output = editor.get_by_role("log", name="Output")
    expect(output).to_contain_text("ValueError: " + hostile, timeout=RUNTIME_TIMEOUT_MS)
    assert output.inner_text().count(hostile) == 4  # print, stderr, the traceback's source line, the error
    expect(output.locator("img, script")).to_have_count(0)

    set_code(page, repr(hostile))  # a last expression is displayed, as in a notebook: as its repr, in text
    editor.get_by_role("button", name=RUN).click()
    expect(output).to_have_text(repr(hostile), use_inner_text=True, timeout=RUNTIME_TIMEOUT_MS)
    expect(output.locator("img, script")).to_have_count(0)


def test_a_traceback_shows_the_readers_lines_not_the_runtimes(page, site_server):
    open_isolated(page, site_server)
    set_code(page, "from micrograd.engine import Value\nx = Value(-1.0)\ny = x.log()")
    editor = page.locator(".mgl-editor").first
    editor.get_by_role("button", name=RUN).click()
    output = editor.get_by_role("log", name="Output")
    expect(output).to_contain_text("ValueError: log is only defined for positive numbers", timeout=RUNTIME_TIMEOUT_MS)
    text = output.inner_text()
    assert re.search(r'line 3, in <module>\s+y = x\.log\(\)', text), text
    assert "_pyodide" not in text and "/lib/python312.zip" not in text


def test_input_asks_in_a_dialog_and_cancel_is_end_of_input(page, site_server):
    open_isolated(page, site_server)
    replies = iter(["Ada", None])  # None: the reader presses Cancel

    def reply(dialog):
        text = next(replies)
        dialog.accept(text) if text is not None else dialog.dismiss()

    page.on("dialog", reply)
    set_code(page, "name = input('Your name? ')\nprint('Hello,', name)")
    editor = page.locator(".mgl-editor").first
    output = editor.get_by_role("log", name="Output")
    editor.get_by_role("button", name=RUN).click()
    expect(output).to_have_text("Your name? Ada\nHello, Ada", use_inner_text=True, timeout=RUNTIME_TIMEOUT_MS)
    editor.get_by_role("button", name=RUN).click()
    expect(output).to_contain_text("EOFError: no input: the dialog was cancelled", timeout=RUNTIME_TIMEOUT_MS)
    assert "_input" not in output.inner_text()  # the traceback ends at the reader's line, not in the site's code


def test_an_edit_of_an_example_that_changed_since_says_so(page, site_server):
    """The reader edited an example that the site has since rewritten: their edit is shown, with a note."""
    page.goto(site_server)
    page.evaluate("""() => localStorage.setItem("micrograd-live:edit:" + location.pathname + "#0",
        JSON.stringify({code: "print('mine')", original: "print('the old example')", saved: Date.now()}))""")
    open_isolated(page, site_server)
    editor = page.locator(".mgl-editor").first
    expect(editor.locator(".cm-content")).to_have_text("print('mine')", timeout=RUNTIME_TIMEOUT_MS)
    expect(editor.get_by_role("status")).to_have_text(
        "Your edited version: this example has changed since you edited it. Reset to see the new one.")
    editor.get_by_role("button", name="Reset code").click()
    expect(editor.locator(".cm-content")).to_contain_text("from micrograd.engine import Value")
    expect(editor.get_by_role("status")).to_have_text("")


def test_search_works_from_the_site_itself_even_while_the_editors_are_drawn(page, site_server):
    """Material's search index is part of the built site: a search for a course word finds its page offline.
    Typed at once, while PyScript is still drawing the editors (it focuses each one it draws), every key stays in
    the search box: none lands in an example, none is saved as an edit."""
    open_isolated(page, site_server)
    search = page.get_by_role("textbox", name="Search")  # the header's search box
    search.click()
    page.keyboard.type("zero_grad", delay=50)
    expect(page.locator(".mgl-editor .cm-content")).to_have_count(1, timeout=RUNTIME_TIMEOUT_MS)  # drawn by now
    expect(search).to_have_value("zero_grad")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=RUNTIME_TIMEOUT_MS)
    expect(page.locator(".md-search-result")).to_contain_text("Training")
    expect(page.locator(".mgl-editor .cm-content").first).to_contain_text("from micrograd.engine import Value")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('micrograd-live:edit:'))") == []


def test_without_storage_editing_works_and_the_reader_is_told_it_is_not_kept(page, site_server):
    """As in a private window whose localStorage refuses every write (Safari's did): the editor says edits are
    not kept, and still runs."""
    page.add_init_script("""Storage.prototype.setItem = () => {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };""")
    open_isolated(page, site_server)
    editor = page.locator(".mgl-editor").first
    expect(editor.get_by_role("status")).to_have_text(
        "This browser keeps no storage here: edits will not survive a reload.", timeout=RUNTIME_TIMEOUT_MS)
    set_code(page, "print(6 * 7)")
    editor.get_by_role("button", name=RUN).click()
    expect(editor.get_by_role("log", name="Output")).to_have_text("42", use_inner_text=True, timeout=RUNTIME_TIMEOUT_MS)


def test_a_package_the_page_did_not_load_is_loaded_at_its_import_and_one_the_site_lacks_says_so(page, site_server):
    """The home page starts without matplotlib; a reader's import of it loads it from the site (with a notice,
    since it takes seconds) and a figure as the last line is drawn. scipy is in Pyodide but not in the site."""
    open_isolated(page, site_server)
    editor = page.locator(".mgl-editor").first
    output = editor.get_by_role("log", name="Output")
    set_code(page, "import matplotlib.pyplot as plt\nfig, ax = plt.subplots(figsize=(3, 2))\n"
                   "ax.plot([0, 1, 4, 9])\nfig")
    editor.get_by_role("button", name=RUN).click()
    expect(output).to_contain_text("Loading matplotlib (the first import on this page", timeout=RUNTIME_TIMEOUT_MS)
    picture = output.locator(".mgl-figure svg")
    expect(picture).to_have_count(1, timeout=3 * RUNTIME_TIMEOUT_MS)
    assert picture.evaluate("(svg) => svg.getBoundingClientRect().width") > 100

    set_code(page, "import scipy")
    editor.get_by_role("button", name=RUN).click()
    expect(output).to_contain_text("ModuleNotFoundError", timeout=RUNTIME_TIMEOUT_MS)
    expect(output).to_contain_text("`scipy` cannot be installed here: this site runs offline")


def test_two_tabs_editing_one_example_are_told_and_keep_both_versions(page, site_server):
    """Tab A types, tab B types in the same editor, A types once more: each tab says the other changed the example
    and offers its version; nothing is overwritten unseen."""
    open_isolated(page, site_server)
    tab_b = page.context.new_page()
    open_isolated(tab_b, site_server)
    set_code(page, "print('tab A')")
    page.wait_for_function("() => localStorage.length > 0 && Object.values(localStorage).some((v) => v.includes('tab A'))")
    set_code(tab_b, "print('tab B')")
    alert_a = page.locator(".mgl-editor").first.get_by_role("alert")
    expect(alert_a).to_have_text("This example was changed in another tab: Use that version Keep mine")
    set_code(page, "print('tab A again')")
    page.wait_for_function("() => Object.values(localStorage).some((v) => v.includes('tab A again'))")
    alert_b = tab_b.locator(".mgl-editor").first.get_by_role("alert")
    expect(alert_b).to_be_visible()  # (since A's first edit, which B had not seen either)

    alert_a.get_by_role("button", name="Use that version").click()  # A takes B's version: B's text was kept
    expect(page.locator(".mgl-editor .cm-content").first).to_have_text("print('tab B')")
    expect(alert_a).to_be_hidden()
    page.wait_for_function("() => Object.values(localStorage).some((v) => v.includes(\"print('tab B')\"))")
    expect(alert_b).to_be_hidden()  # B's text is the saved one again
    tab_b.close()
