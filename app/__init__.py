"""Aurion Call Review core: API client, models, demo server, export and storage (no Qt widgets)."""

#: The one place the version is written: pyproject.toml reads it (setuptools dynamic version),
#: and the CLI, the User-Agent and the About box show it.
__version__ = "0.1.0"
