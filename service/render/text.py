"""Plain-text reports for the terminal: a summary, then each change with a compact word diff.

Insertions print as ``{+new words+}``, deletions as ``[-old words-]`` (the
``git diff --word-diff`` convention), paragraph ids as ``PP5 (was PP4)``.
A draft compared with the draft as amended lists first every instruction not
applied, then each amendment's instructions, and marks each change with the
instructions that made it (``[A/80/L.28 #5]``). The next draft of a resolution
(:func:`render_draft_text`) prints its front matter, each routine edit made
with its reason, then the edits proposed but not made.
"""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Iterable

from diffing.model import AmendmentRef, Comparison, Resolution, Series, VerbChange
from diffing.renewal import Draft
from diffing.worddiff import diff_words
from service.render.draft_view import build_draft_view
from service.render.series_view import build_series_view
from service.render.view import ChangeView, ParaView, Segment, build_view

__all__ = ["render_comparison_text", "render_draft_text", "render_series_text", "word_diff"]

WIDTH = 100
#: the mark after a paragraph id in the series grid, by how it got there
_MARKS = {"added": "+", "reworded": "~", "moved": ">", "quiet": "·", "split": "/", "merged": "&"}


def _marked(segments: Iterable[Segment]) -> str:
    out = []
    for kind, group in itertools.groupby(segments, key=lambda s: s.kind):
        text = "".join(s.text for s in group)
        if kind == "insert":
            out.append(f"{{+{text}+}}")
        elif kind == "delete":
            out.append(f"[-{text}-]")
        else:
            out.append(text)
    return "".join(out)


def word_diff(paras: Iterable[ParaView]) -> str:
    """``[-deleted-]{+inserted+}`` text of paragraphs, one line per paragraph."""
    lines = []
    for p in paras:
        number = f"{p.number} " if p.number else ""
        lines.append(number + _marked(p.segments))
    return "\n".join(lines)


def _doc(label: str, r: Resolution) -> str:
    bits = [r.symbol or "(no symbol)"]
    if r.adopted:
        bits.append(f"adopted {r.adopted}")
    if r.language:
        bits.append(f"[{r.language}]")
    return f"{label}: " + "  ".join(bits)


def _wrap(text: str, indent: str = "    ") -> str:
    return "\n".join(
        textwrap.fill(
            line, WIDTH, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
        )
        for line in text.splitlines()
    )


def _verb(vc: VerbChange) -> str:
    """``Urges -> Encourages: weaker, rung 7 -> rung 5``: the verdict and why."""
    return vc.reason or f"{vc.old} -> {vc.new} ({vc.direction})"


def _refs(refs: list[AmendmentRef]) -> str:
    """``[A/80/L.28 #1, #5]``: the instructions that made a change."""
    parts: list[str] = []
    last: str | None = None
    for r in refs:
        n = "" if r.instruction is None else f"#{r.instruction}"
        parts.append(n if r.symbol == last and n else f"{r.symbol or '?'} {n}".strip())
        last = r.symbol
    return "[" + ", ".join(parts) + "]"


def _amendments(comparison: Comparison) -> list[str]:
    """Instructions not applied first, then what each amendment did, then the title."""
    out: list[str] = []
    missed = comparison.not_applied()
    if missed:
        out.append(f"NOT APPLIED: {len(missed)} instruction{'s' if len(missed) > 1 else ''}")
        for a, i in missed:
            n = f"instruction {i.number}" if i.number is not None else "its instruction"
            out.append(_wrap(f"{a.symbol or '?'} {n}: {i.status}: {i.detail}", "  "))
        out.append("")
    for a in comparison.amendments or []:
        done = sum(i.status == "applied" for i in a.instructions)
        who = f" ({', '.join(a.sponsors)})" if a.sponsors else ""
        out.append(f"Amendment {a.symbol or '?'}{who}: {done} of {len(a.instructions)} applied")
        for i in a.instructions:
            n = f"{i.number}." if i.number is not None else "-"
            targets = f" {', '.join(i.targets)}" if i.targets else ""
            detail = f" ({i.detail})" if i.detail and i.status == "applied" else ""
            out.append(f"  {n} {i.status}: {i.action}{targets}{detail}")
    old, new = comparison.old.title or "", comparison.new.title or ""
    if old != new:
        ops = diff_words(old, new).ops
        diff = "".join(
            o.old
            if o.op == "equal"
            else (f"[-{o.old}-]" if o.old else "") + (f"{{+{o.new}+}}" if o.new else "")
            for o in ops
        )
        out.append(_wrap(f"Title: {diff}", ""))
    out.append("")
    return out


def _agreed(c: ChangeView) -> str:
    """``agreed language: A/RES/78/125 OP7 (96%); A/RES/79/10 OP3 (90%)``."""
    found = "; ".join(f"{p.label} ({p.percent})" for p in c.precedents or ())
    return f"agreed language: {found or 'none in the library'}"


def _heading(c: ChangeView) -> str:
    bits = [c.label, c.type]
    if c.tags:
        bits.append("[" + ", ".join(c.tags) + "]")
    if c.verb_change:
        bits.append(f"verb: {_verb(c.verb_change)}")
    return "  ".join(bits)


def render_comparison_text(comparison: Comparison) -> str:
    v = build_view(comparison)
    out = [_doc("old", v.old), _doc("new", v.new)]
    title = v.new.title or v.old.title
    if title:
        out.append(textwrap.fill(title, WIDTH))
    out.append("")
    if comparison.amendments is not None:
        out.extend(_amendments(comparison))
    out.append("Summary: " + ", ".join(f"{n} {t}" for t, n in v.summary.items()))
    g = v.groups
    for key, name in (
        ("verbs", "Verb changes"),
        ("added", "Added"),
        ("removed", "Removed"),
        ("moved", "Moved"),
        ("split", "Split"),
        ("merged", "Merged"),
        ("parts", "Part changes"),
        ("reworded", "Reworded"),
        ("quiet", "Routine updates"),
    ):
        if not g[key]:
            continue
        if key == "verbs":
            items = [f"{c.label}: {_verb(c.verb_change)}" for c in g[key] if c.verb_change]
            out.append(f"  {name}:")
            out.extend(f"    {i}" for i in items)
        else:
            labels = ", ".join(c.label.replace(" ", "\u00a0") for c in g[key])
            out.append(_wrap(f"{name}: {labels}", "  ").replace("\u00a0", " "))
    if v.searched:
        out.append(
            f"  Agreed language: {len(v.agreed)} of {len(v.searched)} new or reworded paragraphs"
            " have a paragraph of the library at least 50% similar"
        )
    out.append("")
    changed = v.navigable
    if not changed:
        out.append("No change: the texts are identical paragraph by paragraph.")
    for c in changed:
        refs = comparison.changes[c.index].amendment
        out.append(_heading(c) + (f"  {_refs(refs)}" if refs else ""))
        out.append(_wrap(word_diff(c.inline)))
        if c.precedents is not None:
            out.append(_wrap(_agreed(c), "      "))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def render_series_text(series: Series) -> str:
    s = build_series_view(series)
    syms = [r.symbol or f"v{k + 1}" for k, r in enumerate(s.versions)]
    width = max([14, *(len(x) + 2 for x in syms)])
    out = ["Series: " + " -> ".join(syms), ""]
    out.append("".join(x.ljust(width) for x in syms))
    for row in s.rows:
        cells = []
        for k, cell in enumerate(row.cells):
            if cell.pid is None:
                txt = "-" if cell.what != "removed" else "(removed)"
            else:
                txt = cell.pid + (_MARKS.get(cell.what, "") if k else "")
            cells.append(txt.ljust(width))
        out.append("".join(cells).rstrip())
    out.append("")
    out.append("+ added  ~ reworded  > moved  / split  & merged  · routine update  - absent")
    return "\n".join(out) + "\n"


def render_draft_text(draft: Draft, *, date: str | None = None) -> str:
    """The next draft: its front matter, each routine edit made with its reason
    (``{+inserted+}``, ``[-deleted-]``), then each edit proposed, not made."""
    d = build_draft_view(draft, date=date)
    f, v = d.front, d.view
    out = [
        f"Draft for the {f.session.lower()}, from {d.base}"
        + (f" (adopted {v.old.adopted})" if v.old.adopted else "")
        + f"  [{v.lang}]",
        "",
        f"{f.organization} / {f.organ}    {f.symbol}  {f.distribution}  {f.date}  {f.original}",
        f.session,
        f.agenda,
        _wrap(f.title, ""),
        f.sponsors,
        _wrap(f.title, ""),
        f.assembly,
        "",
        f"Routine edits made: {d.made} (tracked changes in the Word file); "
        f"proposed, not made: {len(d.proposals)}",
        "",
    ]
    if not d.made:
        out += ["No routine renewal edit made: the draft is the base text as it stands.", ""]
    for i, reason in d.reasons.items():
        c = v.changes[i]
        out.append(f"{c.label}  {reason}")
        out.append(_wrap(word_diff(c.inline)))
        out.append("")
    if d.proposals:
        out += ["PROPOSED, NOT MADE (not in the draft):", ""]
    for p in d.proposals:
        out.append(f"{p.label}  {p.reason}")
        out.append(_wrap(_marked(p.segments)))
        out.append("")
    return "\n".join(out).rstrip() + "\n"
