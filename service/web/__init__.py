"""The web service: the Flask application, its JSON API and its pages.

* :mod:`~service.web.app` - :func:`create_app`, the error handlers (RFC 9457
  problem documents for the API, friendly pages otherwise), ``/healthz``;
* :mod:`~service.web.api` - the JSON API under ``/api``;
* :mod:`~service.web.pages` - the web pages: library, compare and series forms, reports;
* :mod:`~service.web.schemas` and :mod:`~service.web.openapi` - the JSON
  contract, declared once, and the OpenAPI document made from it;
* :mod:`~service.web.context` - the store and library of a request, a report as a response;
* :mod:`~service.web.server` - ``resdiff serve`` under gunicorn.
"""

from service.web.app import create_app

__all__ = ["create_app"]
