"""The PDF report against WeasyPrint's floor (issue 18).

The floor is WeasyPrint on the *bare document*: the same paragraphs with their
``<ins>`` and ``<del>``, no report around them (no header, change list, labels,
running heads), a minimal stylesheet (:func:`bare_document`). The report and the
floor are rendered in the same process, warm, in interleaved rounds; a run gives
the ratio of their medians, and the figure is the median of the runs' ratios with
their spread (min and max), because the machine is shared::

    python benchmarks/pdfs.py [--runs 3] [--rounds 7]
"""

from __future__ import annotations

import argparse
import html
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import INTERPOL, interleaved, median, ms, time_runs

#: the floor's stylesheet: the page and the text's font, nothing else
BARE_CSS = (
    "@page { size: A4; margin: 20mm 16mm 18mm 16mm }"
    " body { font-family: 'Noto Serif', serif; font-size: 10.5pt; line-height: 1.5 }"
)
_MARK = {"insert": "ins", "delete": "del"}


def bare_document(comparison: Any) -> str:
    """The paragraphs of the report's text (the new text with the insertions and
    deletions, the removed paragraphs where they stood) as plain ``<p>`` elements."""
    from service.render.view import build_view

    out = []
    for entry in build_view(comparison).entries:
        for p in entry.change.inline:
            text = "".join(
                f"<{_MARK[s.kind]}>{html.escape(s.text)}</{_MARK[s.kind]}>"
                if s.kind in _MARK
                else html.escape(s.text)
                for s in p.segments
            )
            out.append(f"<p>{html.escape(p.number)} {text}</p>")
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<style>{BARE_CSS}</style></head><body>{''.join(out)}</body></html>"
    )


def bare_pdf(document: str, *, gc_paused: bool = False) -> bytes:
    """WeasyPrint on the bare document, untagged, with the process's fonts; with
    ``gc_paused``, the garbage collector paused as the report's renders pause it."""
    import contextlib

    import weasyprint

    from diffing.collector import paused
    from service.render.pdf import _font_config

    with paused() if gc_paused else contextlib.nullcontext():
        out = weasyprint.HTML(string=document).write_pdf(font_config=_font_config())
    assert isinstance(out, bytes)
    return out


def interpol_pair() -> Any:
    import diffing

    old, new = (
        diffing.parse((INTERPOL / n).read_text(encoding="utf-8"))
        for n in ("A_RES_73_11_en.txt", "A_RES_75_10_en.txt")
    )
    return diffing.compare(old, new)


def series_pdf_times(runs: int = 5) -> list[float]:
    """Warm times of the series PDF of the four INTERPOL versions (one warm-up first)."""
    import diffing
    from service.reports import render_series

    names = (
        "A_RES_73_11_en.txt",
        "A_RES_75_10_en.txt",
        "A_RES_77_20_en.txt",
        "A_RES_79_136_en.txt",
    )
    series = diffing.compare_series(
        [diffing.parse((INTERPOL / n).read_text(encoding="utf-8")) for n in names]
    )
    return time_runs(lambda: render_series(series, "pdf"), runs=runs, warmup=1)


def contenders(comparison: Any) -> dict[str, Callable[[], Any]]:
    """The report as a user gets it (view, HTML, tagged PDF), the same untagged, and
    the floor: plain WeasyPrint, and WeasyPrint with the garbage collector paused as
    :func:`service.render.pdf.html_to_pdf` pauses it (the same settings for both)."""
    from service.render.html import render_comparison_html
    from service.render.pdf import html_to_pdf
    from service.reports import render_comparison

    bare = bare_document(comparison)
    return {
        "report (tagged, PDF/UA-1)": lambda: render_comparison(comparison, "pdf"),
        "report untagged": lambda: html_to_pdf(
            render_comparison_html(comparison, pdf=True), variant=None
        ),
        "bare document": lambda: bare_pdf(bare),
        "bare document, GC paused": lambda: bare_pdf(bare, gc_paused=True),
    }


def ratio_runs(
    fns: dict[str, Callable[[], Any]], base: str, *, runs: int, rounds: int
) -> dict[str, dict[str, Any]]:
    """Each contender's time and ratio to ``base``: per run, the medians of ``rounds``
    interleaved rounds; over the runs, the median ratio and its min and max."""
    per: dict[str, list[float]] = {k: [] for k in fns}
    ratios: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(runs):
        times = interleaved(fns, rounds=rounds, warmup=1)
        floor = median(times[base])
        for k, ts in times.items():
            per[k].append(median(ts))
            ratios[k].append(median(ts) / floor)
    return {
        k: {
            "time": statistics.median(per[k]),
            "ratio": statistics.median(ratios[k]),
            "low": min(ratios[k]),
            "high": max(ratios[k]),
            "ratios": ratios[k],
        }
        for k in fns
    }


def spread(r: dict[str, Any]) -> str:
    """``3.10x (2.95-3.30)``: the median ratio of the runs and its range."""
    return f"{r['ratio']:.2f}x ({r['low']:.2f}-{r['high']:.2f})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    c = interpol_pair()
    t0 = time.perf_counter()
    res = ratio_runs(contenders(c), "bare document", runs=args.runs, rounds=args.rounds)
    for k, r in res.items():
        print(f"{k:28s} {ms(r['time']):>10}  {spread(r)}")
    series = series_pdf_times()
    print(f"series PDF (4 INTERPOL versions), warm: median {ms(median(series))}")
    print(f"({time.perf_counter() - t0:.0f} s)")


if __name__ == "__main__":
    main()
