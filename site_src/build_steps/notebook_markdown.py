"""A course page's Markdown as plain Markdown that Jupyter renders: what only MkDocs understands is turned into
what any Markdown reader does.

- an admonition (`!!! note "Title"` and its indented body) becomes a quote headed by its title in bold; a
  collapsible one (`??? tip "Hint"`) a `<details>` with the title as its summary (open for `???+`); one whose body
  is an editor (a Solution, which becomes the next code cell) becomes its bold title;
- attribute lists (`{ .mgl-video }`, `{ .md-button }`) are dropped;
- the page's interactive HTML (a block marked `markdown="0"`, such as the moons playground) is replaced by a line
  saying it is on the site, a button by its label; a tag marked `markdown="1"` is dropped, its Markdown kept;
- links and images to the site's files (`value.md`, `backprop.md#…`, `images/…`) are written relative to the
  page's address, as the site's HTML has them. The download (notebook.js) makes every such link absolute with the
  address the reader got the page from, so they lead to the site from anywhere.
"""

import posixpath
import re
import textwrap

ADMONITION = re.compile(r'^(?P<indent>[ \t]*)(?P<kind>!!!|\?\?\?\+?)[ \t]+(?P<type>[\w-]+)(?:[ \t]+"(?P<title>[^"]*)")?[ \t]*$')
ATTRIBUTES = re.compile(r"[ \t]*\{:?[ \t]*[.#][^{}\n]*\}")
LINK = re.compile(r"(?P<before>\]\(|(?:href|src)=\")(?P<target>[^)\"\s]+)")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.I)
MARKDOWN_ONE_LINE = re.compile(r'^[ \t]*<(?P<tag>\w+)[^>]*\bmarkdown="1"[^>]*>(?P<body>.*)</(?P=tag)>[ \t]*$', re.M)
MARKDOWN_OPEN = re.compile(r'^[ \t]*<(?P<tag>\w+)[^>]*\bmarkdown="1"[^>]*>[ \t]*\n?', re.M)
BUTTON = re.compile(r"<button\b[^>]*>(?P<label>.*?)</button>(?:[ \t]*<span\b[^>]*></span>)?", re.S)
PAGE_ONLY = re.compile(r'<(?P<tag>\w+)[^>]*\bmarkdown="0"[^>]*>')
PAGE_ONLY_MARK = "\0page-only\0"  # where ON_THE_SITE goes, once the page's own links are rewritten
ON_THE_SITE = "*The interactive part of this page is on the site: [open the page](./).*"


def plain_markdown(text, page_url):
    """`text`, the Markdown of the page published at `page_url` (the site-relative address MkDocs gives it, such
    as `"backprop/"`, `""` for the home page), as plain Markdown (see the module's docs)."""
    text = _without_page_only_html(text)
    text = BUTTON.sub(lambda m: f"**{m['label']}** (on the site's page)", text)
    text = MARKDOWN_ONE_LINE.sub(lambda m: m["body"], text)
    text = _without_markdown_wrappers(text)
    text = ATTRIBUTES.sub("", text)
    text = _admonitions(text)
    text = LINK.sub(lambda m: m["before"] + _link(m["target"], page_url), text)
    return text.replace(PAGE_ONLY_MARK, ON_THE_SITE).strip()


def _link(target, page_url):
    """A link written in the page's Markdown (relative to its source file), relative to the page's address."""
    if EXTERNAL.match(target):
        return target
    path, hash_, fragment = target.partition("#")
    if path.endswith(".md"):  # as MkDocs publishes it: value.md at value/, index.md at the folder's address
        path = path.removesuffix(".md")
        path = path.removesuffix("index") if posixpath.basename(path) == "index" else path + "/"
    depth = page_url.count("/")
    return ("../" * depth + path or "./") + hash_ + fragment


def _admonitions(text):
    lines, out, i = text.split("\n"), [], 0
    while i < len(lines):
        match = ADMONITION.match(lines[i])
        if not match:
            out.append(lines[i])
            i += 1
            continue
        indent, body = len(match["indent"]), []
        i += 1
        while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > indent):
            body.append(lines[i])
            i += 1
        body = _admonitions(textwrap.dedent("\n".join(body)).strip())
        title = match["title"] if match["title"] is not None else match["type"].capitalize()
        pad = match["indent"]
        if not body:
            out.append(f"{pad}**{title}**")
        elif match["kind"].startswith("???"):
            opened = " open" if match["kind"] == "???+" else ""
            out += [f"{pad}<details{opened}><summary>{title}</summary>", "", textwrap.indent(body, pad), "",
                    f"{pad}</details>"]
        else:
            out += [f"{pad}> **{title}**", f"{pad}>"] + [f"{pad}> {line}".rstrip() for line in body.split("\n")]
        if i < len(lines) and lines[i].strip():
            out.append("")
    return "\n".join(out)


def _without_page_only_html(text):
    """Each block of the page's own HTML (`markdown="0"`) replaced by a line saying it is on the site."""
    while match := PAGE_ONLY.search(text):
        end = _closing(text, match["tag"], match.end())
        text = text[:match.start()] + PAGE_ONLY_MARK + text[end:]
    return text


def _closing(text, tag, start):
    """Where the element whose opening tag ends at `start` ends (after its closing tag), nested ones counted."""
    depth, tags = 1, re.compile(rf"<(/?){tag}\b[^>]*>")
    for match in tags.finditer(text, start):
        depth += -1 if match[1] else 1
        if depth == 0:
            return match.end()
    return len(text)


def _without_markdown_wrappers(text):
    """Tags marked `markdown="1"` around Markdown dropped, with their closing tags (an editor may sit between the
    two, so a closing tag may be in the next piece of prose: a lone closing tag of such an element goes too)."""
    tags = set()

    def drop(match):
        tags.add(match["tag"])
        return ""

    text = MARKDOWN_OPEN.sub(drop, text)
    for tag in tags | {"div"}:
        text = re.sub(rf"^[ \t]*</{tag}>[ \t]*\n?", "", text, flags=re.M) if _lone_closing(text, tag) else text
    return text


def _lone_closing(text, tag):
    return len(re.findall(rf"</{tag}>", text)) > len(re.findall(rf"<{tag}\b", text))
