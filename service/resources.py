"""Where the files that ship with resdiff are: templates, stylesheets, scripts.

The top-level ``templates/`` folder of the source tree is installed as the
package ``service.templates`` (see ``[tool.setuptools.package-dir]`` in
``pyproject.toml``), so an installed resdiff never depends on a checkout.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["REPORT_TEMPLATES", "TEMPLATES", "WEB_STATIC"]

#: the ``templates/`` folder, wherever resdiff is installed (a real folder:
#: resdiff is never run from a zip file)
TEMPLATES = Path(str(files("service.templates")))
REPORT_TEMPLATES = TEMPLATES / "report"
WEB_STATIC = TEMPLATES / "web" / "static"
