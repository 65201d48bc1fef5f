"""The language of the web pages: the reader's choice, else the browser's, else English.

``?lang=fr`` on any page switches the interface to French and remembers the
choice in a cookie; without one, the browser's ``Accept-Language`` decides
among the languages that have a catalog (:func:`service.i18n.available`).
Reports keep the language of the documents they compare (or the one asked for
with ``?language=``): a French comparison reads French on an English page.
The page templates get ``_``/``gettext``/``ngettext`` of that language (Jinja's
i18n extension), ``ui_lang`` and ``ui_dir`` for the ``<html>`` element, and
``languages`` for the switch.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, g, request, url_for
from werkzeug.wrappers import Response

from service import i18n

__all__ = ["COOKIE", "init_app", "lang_url", "ui_chrome"]

COOKIE = "resdiff_lang"


def _choose() -> str:
    asked = request.args.get("lang", "").lower()
    if asked in i18n.available():
        return asked
    kept = request.cookies.get(COOKIE, "").lower()
    if kept in i18n.available():
        return kept
    return i18n.best_match(request.accept_languages) or i18n.DEFAULT


def ui_chrome() -> i18n.Chrome:
    """The chrome of the current request's pages."""
    if "ui_chrome" not in g:
        g.ui_chrome = i18n.Chrome.of(_choose())
    chrome: i18n.Chrome = g.ui_chrome
    return chrome


def _gettext(message: str) -> str:
    return ui_chrome().translation.gettext(message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return ui_chrome().translation.ngettext(singular, plural, n)


def _pgettext(context: str, message: str) -> str:
    return ui_chrome().translation.pgettext(context, message)


def lang_url(code: str) -> str:
    """This page in another language (the home page after a form was sent)."""
    if request.method == "GET" and request.endpoint and request.endpoint.startswith("web."):
        args = {**request.args.to_dict(), **(request.view_args or {}), "lang": code}
        return url_for(request.endpoint, **args)
    return url_for("web.home", lang=code)


def _context() -> dict[str, Any]:
    chrome = ui_chrome()
    return {
        "ui_lang": chrome.lang,
        "ui_dir": chrome.dir,
        "ui": chrome,
        "languages": [(code, i18n.NAMES.get(code, code)) for code in i18n.available()],
        "lang_url": lang_url,
    }


def _remember(response: Response) -> Response:
    """Keep a language chosen with ``?lang=``; pages vary with the reader's language."""
    asked = request.args.get("lang", "").lower()
    if asked in i18n.available() and request.cookies.get(COOKIE) != asked:
        response.set_cookie(COOKIE, asked, max_age=365 * 86400, samesite="Lax", httponly=True)
    if response.mimetype == "text/html":
        response.vary.add("Accept-Language")
        response.vary.add("Cookie")
    return response


def init_app(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=_gettext, ngettext=_ngettext, pgettext=_pgettext, newstyle=True
    )
    app.context_processor(_context)
    app.after_request(_remember)
