"""Markdown that people wrote, rendered for a page: raw HTML in the source is not passed through, and the result
is sanitised (nh3) so that nothing but plain formatting, links and tables reaches the browser."""

from __future__ import annotations

import html
from typing import Any

import nh3
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_RENDERER = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def markdown_html(text: str) -> SafeString:
    html = _RENDERER.render(text or "")
    return mark_safe(nh3.clean(html, link_rel="noopener noreferrer nofollow"))


def escaped(value: Any) -> str:
    """`conditional_escape(value)`, as text: plain text is escaped directly (what Django's escape does to it, without
    its handling of lazy text), anything else (safe or lazy text, a number) goes through Django's."""
    if type(value) is str:
        return html.escape(value)
    return str(conditional_escape(value))
