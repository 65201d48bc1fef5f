"""Renderers of comparisons, series and drafts, one module per output:

* :mod:`~service.render.view`, :mod:`~service.render.series_view`,
  :mod:`~service.render.draft_view` - the presentation models every
  human-readable report prints (a draft's: its front matter, reasons, proposals);
* :mod:`~service.render.html` - HTML (inline or side by side), styled by
  :func:`report_css`; :mod:`~service.render.pdf` - PDF from that HTML with
  WeasyPrint, one render at a time per process (the service renders in its pool);
* :mod:`~service.render.docx` - Word with tracked changes;
  :mod:`~service.render.draft_docx` - the Word base of the next draft (tracked
  changes, comments, footnotes, the front matter of a draft);
  :mod:`~service.render.text` - plain text for the terminal.

Which kind of report exists in which format, with which options and limits,
is said once, in :mod:`service.reports`.
"""

from __future__ import annotations

from service.render.html import VIEWS, View, render_comparison_html, render_series_html, report_css

__all__ = ["VIEWS", "View", "render_comparison_html", "render_series_html", "report_css"]
