"""The reviewer's desk: who reviews, their audit trail and scorecard templates, shared by the
window's review tools (no Qt here: the window is one view of it)."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.accounts import config_dir
from app.review.audit import AuditLog, audit_path
from app.review.identity import Reviewer, ReviewerStore, Signer, fingerprint
from app.review.scorecard import Template, TemplateError, default_template, load_template
from app.storage import atomic_write_text

log = logging.getLogger(__name__)

#: Template files the reviewer loaded, remembered between runs (paths only).
TEMPLATES_FILE = "scorecard-templates.json"
#: At most this many remembered template files.
MAX_TEMPLATES = 50


class ReviewDesk:
    """The reviewer (name, e-mail, signing key), the audit trail written as them, and the
    scorecard templates at hand (the built-in one, and files the reviewer loaded)."""

    def __init__(
        self,
        reviewers: ReviewerStore | None = None,
        trail_path: Path | None = None,
        templates_file: Path | None = None,
    ) -> None:
        self.reviewers = reviewers or ReviewerStore()
        reviewer = self.reviewers.load()
        self.trail = AuditLog(
            reviewer, trail_path or audit_path(), Signer(reviewer, self.reviewers)
        )
        self._templates_file = templates_file or config_dir() / TEMPLATES_FILE
        self.templates: list[Template] = [default_template()]
        #: Remembered template files that could not be read again, with why.
        self.template_problems: list[str] = []
        self._load_remembered()

    # -- who reviews -----------------------------------------------------------------------

    @property
    def reviewer(self) -> Reviewer:
        return self.trail.reviewer

    def set_reviewer(self, reviewer: Reviewer) -> None:
        """Save the reviewer's name and e-mail; what is recorded from now on names them."""
        self.reviewers.save(reviewer)
        self.trail.reviewer = reviewer
        self.trail.signer = Signer(reviewer, self.reviewers)

    def public_key(self) -> str:
        """The reviewer's public key (the key pair is made on first use, private half in the
        keyring): ``KeyStoreUnavailableError`` without a keyring."""
        return self.trail.require_signer().public_key()

    def fingerprint(self) -> str | None:
        """The fingerprint of this reviewer's key, if it was made already (never makes one;
        another name or e-mail has a key of its own): ``KeyStoreUnavailableError`` without
        a keyring."""
        signer = self.trail.signer
        key = signer.existing_public_key() if signer is not None else None
        return fingerprint(key) if key else None

    # -- the audit trail -------------------------------------------------------------------

    async def record(
        self,
        event: str,
        *,
        call_id: str | None = None,
        source: str | None = None,
        data: Mapping[str, Any] | None = None,
    ) -> None:
        """Append an audit entry off the event loop (the write is fsynced)."""
        await asyncio.to_thread(self.trail.append, event, call_id=call_id, source=source, data=data)

    # -- scorecard templates ---------------------------------------------------------------

    def template(self, key: str) -> Template | None:
        return next((t for t in self.templates if t.key == key), None)

    def load_template(self, path: Path) -> Template:
        """Read a template file (``TemplateError`` names each problem's line), keep it at
        hand, and remember it for the next runs. A template of the same key replaces it."""
        template = load_template(path)
        self.templates = [t for t in self.templates if t.key != template.key] + [template]
        paths = [p for p in self._remembered() if p != str(path.resolve())]
        paths.append(str(path.resolve()))
        try:
            atomic_write_text(
                self._templates_file, json.dumps(paths[-MAX_TEMPLATES:], indent=1) + "\n"
            )
        except OSError as exc:
            log.warning("the template list cannot be saved: %s", exc)
        return template

    def _remembered(self) -> list[str]:
        try:
            data = json.loads(self._templates_file.read_text("utf-8"))
        except (OSError, ValueError):
            return []
        if not isinstance(data, list):
            return []
        return [p for p in data[:MAX_TEMPLATES] if isinstance(p, str)]

    def _load_remembered(self) -> None:
        for name in self._remembered():
            try:
                template = load_template(Path(name))
            except TemplateError as exc:
                self.template_problems.append(str(exc))
                continue
            self.templates = [t for t in self.templates if t.key != template.key] + [template]
