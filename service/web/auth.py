"""Who a request is, and the protection of the forms: accounts, sessions, CSRF.

With no account (and ``RESDIFF_AUTH`` not ``required``) resdiff is the
single-person tool: every request acts as :meth:`Viewer.local` and sees
everything. As soon as one account exists every request is authenticated:

* the API with ``Authorization: Bearer TOKEN`` (401 problem+json otherwise);
* the pages with a session cookie set by the sign-in form (name and token):
  ``HttpOnly``, ``SameSite=Lax``, ``Secure`` whenever the request came over HTTPS
  (through a reverse proxy too, with ``RESDIFF_PROXIES``); the cookie holds the
  account and a fingerprint of its token, so a new token (``resdiff user token``)
  or a removed account ends every session made with the old one.

Every form carries a CSRF token (Flask-WTF's :class:`CSRFProtect`), the sign-in
form too. A request with a Bearer token needs none: a browser never adds that
header to a request another site makes it send. An API call authenticated by
the session cookie needs the token in ``X-CSRFToken`` (the pages hold it in
``<meta name="csrf-token">`` for their scripts); without accounts, an API call
that a browser says another site sent (``Sec-Fetch-Site``, ``Origin``) needs it
too, so that no web page can post to the resdiff on the delegate's machine.
"""

from __future__ import annotations

import hmac
import logging
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    current_app,
    g,
    has_request_context,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFProtect
from werkzeug.wrappers import Response as BaseResponse

from service.errors import NotAuthenticatedError
from service.library import Accounts, User, Viewer
from service.web.context import get_store
from service.web.limits import sign_in_rate
from service.web.locale import ui_chrome

__all__ = ["bp", "csrf", "init_app", "safe_next", "viewer_of"]

log = logging.getLogger(__name__)
bp = Blueprint("auth", __name__)
csrf = CSRFProtect()

#: what anyone may ask for without signing in
OPEN_ENDPOINTS = frozenset(
    {
        "auth.login",
        "auth.logout",
        "static",
        "healthz",
        "readyz",
        "api.openapi_json",
        "web.problem_type",
    }
)
#: answered without reading who asks: liveness touches no database (issue 16)
UNREAD_ENDPOINTS = frozenset({"healthz"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class _Sessions(SecureCookieSessionInterface):
    """The session cookie is ``Secure`` whenever the request came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        secure = bool(app.config.get("SESSION_COOKIE_SECURE"))
        return secure or (has_request_context() and request.is_secure)


def init_app(app: Flask) -> None:
    """Sessions, CSRF and the authentication of every request."""
    app.config["SESSION_COOKIE_NAME"] = "resdiff_session"
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # as long as the session
    # the token (bound to the session) and SameSite protect the forms; the Referer
    # check of HTTPS would break under a strict Referrer-Policy
    app.config.setdefault("WTF_CSRF_SSL_STRICT", False)
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False  # checked in _protect, after authentication
    app.session_interface = _Sessions()
    csrf.init_app(app)
    app.before_request(_authenticate)
    app.before_request(_protect)
    app.context_processor(lambda: {"viewer": g.get("viewer"), "open_network": _open_network()})
    app.register_blueprint(bp)


def _open_network() -> bool:
    """Served on the network without accounts (``--no-auth``): every page says so."""
    viewer = g.get("viewer")
    return bool(current_app.config.get("RESDIFF_OPEN_NETWORK")) and (
        viewer is not None and viewer.kind == "local"
    )


def viewer_of(user: User) -> Viewer:
    return Viewer.user(user.id, user.name, admin=user.admin, groups=user.groups)


def accounts_required() -> bool:
    if str(current_app.config.get("RESDIFF_AUTH", "auto")).lower() == "required":
        return True
    return get_store().count_users() > 0


def _bearer() -> str | None:
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticatedError("send the token as 'Authorization: Bearer TOKEN'")
    return token.strip()


def _authenticate() -> BaseResponse | None:
    """Set ``g.viewer`` and ``g.via`` (``token``, ``session``, ``local`` or None)."""
    g.viewer, g.via = None, None
    if request.endpoint in UNREAD_ENDPOINTS:
        return None
    token = _bearer()
    if token is not None:
        user = Accounts(get_store()).authenticate(token)
        if user is None:  # logged without the token, ever
            log.warning(
                "refused a token on %s %s from %s",
                request.method,
                request.path,
                request.remote_addr,
            )
            raise NotAuthenticatedError(
                "the token is not valid (a new one may have replaced it: resdiff user token NAME)"
            )
        g.viewer, g.via = viewer_of(user), "token"
        return None
    user = _session_user()
    if user is not None:
        g.viewer, g.via = viewer_of(user), "session"
        return None
    if not accounts_required():
        g.viewer, g.via = Viewer.local(), "local"
        return None
    if request.endpoint in OPEN_ENDPOINTS:
        return None
    if request.path.startswith("/api/"):
        raise NotAuthenticatedError("this service has accounts: send 'Authorization: Bearer TOKEN'")
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def _session_user() -> User | None:
    uid = session.get("uid")
    if not isinstance(uid, int):
        return None
    user = get_store().user_by_id(uid)
    fingerprint = str(session.get("tv", ""))
    if user is None or not hmac.compare_digest(fingerprint, user.token_hash[:16]):
        session.clear()
        return None
    return user


def _cross_site() -> bool:
    """Whether the browser says another site made it send the request (a program sends
    neither ``Sec-Fetch-Site`` nor ``Origin``)."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    return origin is not None and origin != request.host_url.rstrip("/")


def _protect() -> None:
    """The CSRF check of every request that changes something."""
    if request.method in SAFE_METHODS or not current_app.config.get("WTF_CSRF_ENABLED", True):
        return
    if g.via == "token":
        return
    if request.path.startswith("/api/") and g.via != "session" and not _cross_site():
        return  # no account: a program, or a page of this very site
    csrf.protect()


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a path of this site only.

    >>> safe_next("/report/abc?view=inline"), safe_next("//evil.example/"), safe_next(None)
    ('/report/abc?view=inline', '/', '/')
    """
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return "/"
    return target


# -- the sign-in form ------------------------------------------------------------------


@bp.route("/login", methods=["GET", "POST"])
@sign_in_rate
def login() -> Any:
    if request.method == "GET":
        return render_template("web/login.html", next=safe_next(request.args.get("next")))
    name = request.form.get("name", "").strip()
    token = request.form.get("token", "").strip()
    store = get_store()
    user = Accounts(store).authenticate(token) if token else None
    if user is None or not hmac.compare_digest(user.name.encode(), name.encode()):
        shown = name if name.isprintable() and len(name) <= 64 else "?"
        log.warning("failed sign-in as %r from %s", shown, request.remote_addr)
        store.audit(shown or "?", "login-failed", None, request.remote_addr)
        page = render_template(
            "web/login.html",
            next=safe_next(request.form.get("next")),
            name=name,
            error=ui_chrome().gettext("That name and token do not match an account."),
        )
        return page, 401
    session.clear()  # a new session: nothing of the one before survives
    session["uid"], session["tv"] = user.id, user.token_hash[:16]
    session.permanent = True
    store.audit(user.name, "login", None, request.remote_addr)
    return redirect(safe_next(request.form.get("next")), code=303)


@bp.post("/logout")
def logout() -> BaseResponse:
    viewer = g.get("viewer")
    if viewer is not None and viewer.kind == "user":
        get_store().audit(viewer.name, "logout")
    session.clear()
    return redirect(url_for("auth.login"), code=303)
