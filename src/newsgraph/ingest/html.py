"""HTML pages and fragments to text plus page metadata (trafilatura for pages)."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field

_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "section", "article", "header", "footer", "table", "tr", "pre", "figure", "figcaption", "hr",
}  # fmt: skip
_DROP_TAGS = {"script", "style", "noscript", "iframe", "svg", "form", "button", "nav"}


@dataclass
class PageFields:
    text: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None


def extract_page(html: str | bytes, url: str | None = None) -> PageFields | None:
    """Main text and metadata of a news page, or None when no article text is found."""
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            deduplicate=False,
        )
    if doc is None:
        return None
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    if not text.strip():
        return None
    authors = [a.strip() for a in re.split(r";|,", data.get("author") or "") if a.strip()]
    return PageFields(
        text=text,
        title=data.get("title") or None,
        published=data.get("date") or None,
        outlet=data.get("sitename") or None,
        url=data.get("url") or url,
        authors=authors,
        language=data.get("language") or None,
    )


def fragment_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content), one paragraph per block element."""
    if "<" not in fragment:
        return fragment
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several types on broken markup
        return re.sub(r"<[^>]+>", " ", fragment)
    parts: list[str] = []

    def walk(el: lxml.html.HtmlElement) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _DROP_TAGS:
            if el.tail:
                parts.append(el.tail)
            return
        if tag in _BLOCK_TAGS:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if tag in _BLOCK_TAGS:
            parts.append("\n")
        if el.tail:
            parts.append(el.tail)

    walk(root)
    return re.sub(r"[ \t]*\n[\s]*", "\n", "".join(parts)).strip()
