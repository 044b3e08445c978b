"""Every course page links the matching chapter of the video and micrograd's repository: plain links, in the
line under its title."""

import re

import pytest

from course_pages import COURSE, DOCS

CHAPTER = re.compile(r"\[(\d:\d\d:\d\d) [^\]]+\]\(https://www\.youtube\.com/watch\?v=VMj-3S1tku0&t=(\d+)s\)")


@pytest.mark.parametrize("page", COURSE)
def test_the_page_links_its_video_chapter_and_the_code(page):
    text = (DOCS / f"{page}.md").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("Video: "))
    chapters = CHAPTER.findall(line)
    assert chapters, line
    for shown, seconds in chapters:  # the time shown is the time the link starts at
        h, m, s = map(int, shown.split(":"))
        assert h * 3600 + m * 60 + s == int(seconds), (shown, seconds)
    assert "building micrograd" in line and "https://github.com/karpathy/micrograd" in line
