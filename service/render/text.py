"""Plain-text reports for the terminal: the documents, the warnings, the change list, then
each change with a compact word diff (the unchanged paragraphs are never printed).

Insertions print as ``{+new words+}``, deletions as ``[-old words-]`` (the
``git diff --word-diff`` convention), paragraph ids as ``PP5 (was PP4)``. The
report speaks the language of the documents (or ``language``), as the HTML one.
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

from diffing.model import AmendmentRef, Comparison, Resolution, Series
from diffing.renewal import Draft
from diffing.worddiff import diff_words
from service.i18n import Chrome, chrome_language
from service.render.amendments import action_name, status_name, target_names
from service.render.changelist import ChangeList, Row, build_change_list
from service.render.draft_view import build_draft_view, draft_chrome
from service.render.html import comparison_chrome, tally
from service.render.series_view import build_series_view
from service.render.view import ChangeView, ParaView, Segment, build_view
from service.render.warnings import Warning, comparison_warnings, series_warnings
from service.render.words import Words, doc_more

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


def _doc(label: str, r: Resolution, w: Words) -> list[str]:
    """``old: A/RES/77/20  resolution  adopted 21 November 2022  [en]``, then what else
    the parser read of the document (sponsors, drafts...)."""
    chrome = w.chrome
    bits = [r.symbol or chrome.gettext("(no symbol)")]
    kind = ", ".join(x for x in (w.doctype(r.document_type), w.committee(r.committee)) if x)
    if kind:
        bits.append(kind)
    if r.adopted:
        bits.append(chrome.gettext("adopted %(date)s", date=chrome.date(r.adopted)))
    if r.language:
        bits.append(f"[{r.language}]")
    lines = [chrome.gettext("%(label)s: %(document)s", label=label, document="  ".join(bits))]
    lines.extend(_wrap(m, " " * (len(label) + 2)) for m in doc_more(r, chrome))
    return lines


def _warnings(found: list[Warning], chrome: Chrome) -> list[str]:
    out = [_wrap(chrome.gettext("WARNING: %(text)s", text=x.text(chrome)), "") for x in found]
    return [*out, ""] if out else []


def _wrap(text: str, indent: str = "    ") -> str:
    return "\n".join(
        textwrap.fill(
            line, WIDTH, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
        )
        for line in text.splitlines()
    )


def _refs(refs: list[AmendmentRef]) -> str:
    """``[A/80/L.28 #1, #5]``: the instructions that made a change."""
    parts: list[str] = []
    last: str | None = None
    for r in refs:
        n = "" if r.instruction is None else f"#{r.instruction}"
        parts.append(n if r.symbol == last and n else f"{r.symbol or '?'} {n}".strip())
        last = r.symbol
    return "[" + ", ".join(parts) + "]"


def _missed(comparison: Comparison, chrome: Chrome) -> list[str]:
    """``NOT APPLIED: 1 instruction``, then each instruction not applied and why."""
    missed = comparison.not_applied()
    if not missed:
        return []
    out = [
        chrome.ngettext(
            "NOT APPLIED: %(num)d instruction", "NOT APPLIED: %(num)d instructions", len(missed)
        )
    ]
    for a, i in missed:
        n = (
            chrome.gettext("instruction %(number)s", number=i.number)
            if i.number is not None
            else chrome.gettext("its instruction")
        )
        line = chrome.gettext(
            "%(instruction)s: %(status)s: %(detail)s",
            instruction=f"{a.symbol or '?'} {n}",
            status=status_name(i.status, chrome),
            detail=i.detail,
        )
        out.append(_wrap(line, "  "))
    return [*out, ""]


def _amendments(comparison: Comparison, chrome: Chrome) -> list[str]:
    """Instructions not applied first, then what each amendment did, then the title."""
    out = _missed(comparison, chrome)
    for a in comparison.amendments or []:
        done = sum(i.status == "applied" for i in a.instructions)
        who = f" ({', '.join(a.sponsors)})" if a.sponsors else ""
        out.append(
            chrome.ngettext(
                "Amendment %(amendment)s: %(applied)d of %(num)d applied",
                "Amendment %(amendment)s: %(applied)d of %(num)d applied",
                len(a.instructions),
                amendment=f"{a.symbol or '?'}{who}",
                applied=done,
            )
        )
        for i in a.instructions:
            n = f"{i.number}." if i.number is not None else "-"
            targets = f" {target_names(i.targets, chrome)}" if i.targets else ""
            detail = f" ({i.detail})" if i.detail and i.status == "applied" else ""
            what = chrome.gettext(
                "%(status)s: %(action)s",
                status=status_name(i.status, chrome),
                action=action_name(i.action, chrome),
            )
            out.append(f"  {n} {what}{targets}{detail}")
    old, new = comparison.old.title or "", comparison.new.title or ""
    if old != new:
        change = comparison.title_change
        ops = change.ops if change is not None else diff_words(old, new).ops
        diff = "".join(
            o.old
            if o.op == "equal"
            else (f"[-{o.old}-]" if o.old else "") + (f"{{+{o.new}+}}" if o.new else "")
            for o in ops
        )
        refs = f"  {_refs(change.amendment)}" if change is not None and change.amendment else ""
        out.append(_wrap(chrome.gettext("Title: %(text)s", text=diff), "") + refs)
    out.append("")
    return out


def _agreed(c: ChangeView, chrome: Chrome) -> str:
    """``agreed language: A/RES/78/125 OP7 (96%); A/RES/79/10 OP3 (90%)``."""
    found = "; ".join(f"{p.label} ({p.percent})" for p in c.precedents or ())
    return f"{chrome.gettext('agreed language:')} {found or chrome.gettext('none in the library')}"


def _agreed_tally(agreed: list[ChangeView], searched: list[ChangeView], chrome: Chrome) -> str:
    """How many of the paragraphs searched have agreed language (the HTML's sentence)."""
    return chrome.ngettext(
        "Agreed language: %(found)d of %(num)d new or reworded paragraph has a paragraph of the"
        " library at least 50%% similar.",
        "Agreed language: %(found)d of %(num)d new or reworded paragraphs have a paragraph of the"
        " library at least 50%% similar.",
        len(searched),
        found=len(agreed),
    )


def _amended_header(comparison: Comparison, w: Words) -> list[str]:
    """``draft: A/80/L.3 [en]`` and ``amended by: A/80/L.28 (Ukraine)``."""
    names = [
        f"{a.symbol or '?'}" + (f" ({', '.join(a.sponsors)})" if a.sponsors else "")
        for a in comparison.amendments or []
    ]
    by = w.chrome.gettext("amended by: %(amendments)s", amendments="; ".join(names))
    return [*_doc(w.chrome.gettext("draft"), comparison.old, w), _wrap(by, "")]


def _heading(c: ChangeView, w: Words) -> str:
    bits = [c.label, w.kind(c.kind)]
    if c.tags:
        bits.append("[" + ", ".join(w.tag(t) for t in c.tags) + "]")
    if c.verb_change:
        bits.append(w.chrome.gettext("verb: %(verdict)s", verdict=w.verdict(c.verb_change)))
    return "  ".join(bits)


def _what(r: Row, w: Words) -> str:
    """ "reworded", "routine update [rollover]"."""
    tags = r.change.tags
    return w.kind(r.kind) + (" [" + ", ".join(w.tag(t) for t in tags) + "]" if tags else "")


def _rows(rows: list[Row], w: Words, widths: tuple[int, int, int]) -> list[str]:
    """The lines of a change list's table: new id, old id, what happened, opening words."""
    a, b, k = widths
    out = []
    for r in rows:
        c = r.change
        what = _what(r, w)
        begins = (r.lead + r.rest).strip()
        head = f"  {w.chrome.pids(c.new_ids) or '-':<{a}}  {w.chrome.pids(c.old_ids) or '-':<{b}}  "
        out.append(f"{head}{what:<{k}}  {begins}".rstrip())
        if c.verb_change:
            out.append(" " * len(head) + w.verdict(c.verb_change))
    return out


def _change_list(cl: ChangeList, w: Words) -> list[str]:
    chrome = w.chrome
    out = [chrome.gettext("Changes: %(tally)s", tally=tally(cl, chrome)), ""]
    everything = cl.rows + cl.routine
    if not everything:
        return out
    heads = [
        chrome.gettext("new"),
        chrome.gettext("old"),
        chrome.gettext("change"),
        chrome.gettext("opening words"),
    ]
    a = max(len(heads[0]), *(len(chrome.pids(r.change.new_ids)) for r in everything))
    b = max(len(heads[1]), *(len(chrome.pids(r.change.old_ids)) for r in everything))
    k = max(len(heads[2]), *(len(_what(r, w)) for r in everything))
    columns = f"  {heads[0]:<{a}}  {heads[1]:<{b}}  {heads[2]:<{k}}  {heads[3]}"
    groups = [(w.section(name), rows) for name, rows in cl.sections]
    if cl.routine:
        groups.append((chrome.gettext("Routine updates"), cl.routine))
    for name, rows in groups:
        out.append(f"{name} ({len(rows)})")
        out.append(columns)
        out.extend(_rows(rows, w, (a, b, k)))
        out.append("")
    return out


def render_comparison_text(
    comparison: Comparison,
    *,
    language: str | None = None,
    changes_only: bool = True,
    summary_only: bool = False,
) -> str:
    """The text report: documents, warnings, change list, then each change's word diff
    (``summary_only``: no word diffs). The unchanged paragraphs are never printed, so
    ``changes_only`` is always true here."""
    chrome = comparison_chrome(comparison, language)
    w = Words(chrome)
    v = build_view(comparison, chrome=chrome)
    if comparison.amendments is not None:
        out = _amended_header(comparison, w)
    else:
        out = [*_doc(chrome.gettext("old"), v.old, w), *_doc(chrome.gettext("new"), v.new, w)]
    title = v.new.title or v.old.title
    if title:
        out.append(textwrap.fill(title, WIDTH))
    out.append("")
    out.extend(_warnings(comparison_warnings(comparison), chrome))
    if comparison.amendments is not None:
        out.extend(_amendments(comparison, chrome))
    out.extend(_change_list(build_change_list(v), w))
    if v.searched:
        out += [_wrap(_agreed_tally(v.agreed, v.searched, chrome), ""), ""]
    changed = v.navigable
    if not changed:
        out.append(chrome.gettext("No change: the texts are identical paragraph by paragraph."))
    for c in [] if summary_only else changed:
        refs = comparison.changes[c.index].amendment
        out.append(_heading(c, w) + (f"  {_refs(refs)}" if refs else ""))
        out.append(_wrap(word_diff(c.inline)))
        if c.precedents is not None:
            out.append(_wrap(_agreed(c, chrome), "      "))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def render_series_text(series: Series, *, language: str | None = None) -> str:
    langs = [v.language for v in reversed(series.versions)]
    chrome = Chrome.of(chrome_language(language, *langs))
    s = build_series_view(series, chrome=chrome)
    syms = [r.symbol or f"v{k + 1}" for k, r in enumerate(s.versions)]
    width = max([14, *(len(x) + 2 for x in syms)])
    out = [chrome.gettext("Series: %(versions)s", versions=" -> ".join(syms)), ""]
    out.extend(_warnings(series_warnings(series), chrome))
    out.append("".join(x.ljust(width) for x in syms))
    for row in s.rows:
        cells = []
        for k, cell in enumerate(row.cells):
            if cell.pid is None:
                txt = "-" if cell.what != "removed" else chrome.gettext("(removed)")
            else:
                txt = chrome.pid(cell.pid) + (_MARKS.get(cell.what, "") if k else "")
            cells.append(txt.ljust(width))
        out.append("".join(cells).rstrip())
    out.append("")
    out.append(
        chrome.gettext(
            "+ added  ~ reworded  > moved  / split  & merged  · routine update  - absent"
        )
    )
    return "\n".join(out) + "\n"


def render_draft_text(draft: Draft, *, date: str | None = None, language: str | None = None) -> str:
    """The next draft: its front matter, each routine edit made with its reason
    (``{+inserted+}``, ``[-deleted-]``), then each edit proposed, not made; in the
    draft's language (or ``language``)."""
    chrome = draft_chrome(draft, language)
    d = build_draft_view(draft, date=date, chrome=chrome)
    f, v = d.front, d.view
    _ = chrome.gettext
    out = [
        _("Draft for the %(session)s, from %(base)s", session=f.session.lower(), base=d.base)
        + (" " + _("(adopted %(date)s)", date=d.adopted) if v.old.adopted else "")
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
        _(
            "Routine edits made: %(made)s (tracked changes in the Word file); proposed, not"
            " made: %(proposed)s",
            made=d.made,
            proposed=len(d.proposals),
        ),
        "",
    ]
    if not d.made:
        out += [_("No routine renewal edit made: the draft is the base text as it stands."), ""]
    for i, reason in d.reasons.items():
        c = v.changes[i]
        out.append(f"{c.label}  {reason}")
        out.append(_wrap(word_diff(c.inline)))
        out.append("")
    if d.proposals:
        out += [_("PROPOSED, NOT MADE (not in the draft):"), ""]
    for p in d.proposals:
        out.append(f"{p.label}  {p.reason}")
        out.append(_wrap(_marked(p.segments)))
        out.append("")
    return "\n".join(out).rstrip() + "\n"
