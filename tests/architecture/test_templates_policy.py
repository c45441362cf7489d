"""Pages keep to the Content-Security-Policy: no inline script, event handler or style in any page template
(emails are not pages and keep their inline styles)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "templates"
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "inline event handler"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_page_templates_hold_nothing_inline() -> None:
    found = []
    for path in sorted(ROOT.rglob("*.html")):
        if path.relative_to(ROOT).parts[0] == "emails":
            continue
        text = path.read_text()
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    assert not found, "\n".join(found)
