"""QA scorecards: templates declared in TOML, validated with line numbers, and their scores.

A template has sections of criteria. A criterion asks a question answered yes/no (or not
applicable when allowed) or on a 0..N scale. Scored criteria carry weights that add up to 100
and make the quality score; ``compliance`` criteria make a separate compliance score (a call
can sound fine and still breach a rule); a ``fatal`` criterion answered "no" (or 0) zeroes the
quality score.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from app.errors import AurionError
from app.i18n import QT_TRANSLATE_NOOP

YES, NO, NA = "yes", "no", "na"
ANSWER_KINDS = ("yes_no", "scale")
DEFAULT_TEMPLATE = "ai_voice_agent.toml"
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")


class TemplateError(AurionError):
    """A template that cannot be used; ``problems`` holds one line per mistake."""

    title = QT_TRANSLATE_NOOP("AurionError", "Scorecard template")

    def __init__(self, source: str, problems: list[str]) -> None:
        super().__init__(f"{source} cannot be used:\n" + "\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Criterion:
    id: str
    question: str
    answer: str = "yes_no"
    scale: int = 0
    weight: int = 0
    na: bool = False
    fatal: bool = False
    compliance: bool = False
    guidance: str = ""

    def fraction(self, value: str | int) -> float | None:
        """How much of the criterion an answer meets (0..1); None for "not applicable"."""
        if value == NA:
            return None
        if self.answer == "scale":
            assert isinstance(value, int)
            return value / self.scale
        return 1.0 if value == YES else 0.0

    def allows(self, value: object) -> bool:
        if value == NA:
            return self.na
        if self.answer == "scale":
            return (
                isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= self.scale
            )
        return value in (YES, NO)

    def failed(self, value: str | int) -> bool:
        return self.fraction(value) == 0.0


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    version: int
    sections: tuple[Section, ...]
    #: Where it was read from (a file, or the default shipped with the app).
    source: str = ""

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for s in self.sections for c in s.criteria)

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    @property
    def key(self) -> str:
        """``id@version``: what a scorecard records of its template."""
        return f"{self.id}@{self.version}"


# -- loading -------------------------------------------------------------------------------


class _Lines:
    """Where each key of a TOML template is written, so a problem can name its line."""

    def __init__(self, text: str) -> None:
        self.lines: dict[tuple[object, ...], int] = {}
        table: tuple[object, ...] = ()
        section = criterion = -1
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.strip()
            if line.startswith("[[") and line.endswith("]]"):
                name = line[2:-2].strip()
                if name == "sections":
                    section, criterion = section + 1, -1
                    table = ("sections", section)
                    self.lines.setdefault(("sections",), number)
                elif name == "sections.criteria":
                    criterion += 1
                    table = ("sections", section, "criteria", criterion)
                else:
                    table = (name,)
                self.lines[table] = number
            elif "=" in line and not line.startswith("#"):
                key = line.split("=", 1)[0].strip().strip('"')
                self.lines.setdefault((*table, key), number)

    def of(self, *path: object) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None


def load_template(path: Path) -> Template:
    """Read and validate a template file; ``TemplateError`` names each problem's line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(str(path), [f"it cannot be read ({exc})"]) from None
    return parse_template(text, str(path))


def default_template() -> Template:
    """The template shipped for calls handled by an AI voice agent."""
    text = resources.files("resources").joinpath("scorecards", DEFAULT_TEMPLATE).read_text("utf-8")
    return parse_template(text, f"(built-in) {DEFAULT_TEMPLATE}")


def parse_template(text: str, source: str) -> Template:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(source, [f"{source}: {exc}"]) from None
    return _build(data, _Lines(text), source)


def template_from_data(data: Any, source: str) -> Template:
    """A template from its declared shape (what a TOML file declares, as a review export
    carries it in JSON), validated as a file is; problems name the key, not a line."""
    if not isinstance(data, Mapping):
        raise TemplateError(source, [f"{source}: a template must be an object"])
    return _build(data, _Lines(""), source)


def template_data(template: Template) -> dict[str, Any]:
    """The declared shape of ``template`` (JSON-ready): ``template_from_data`` reads it back."""

    def criterion(c: Criterion) -> dict[str, Any]:
        out: dict[str, Any] = {"id": c.id, "question": c.question, "answer": c.answer}
        if c.answer == "scale":
            out["scale"] = c.scale
        if c.compliance:
            out["compliance"] = True
        else:
            out["weight"] = c.weight
        if c.na:
            out["na"] = True
        if c.fatal:
            out["fatal"] = True
        if c.guidance:
            out["guidance"] = c.guidance
        return out

    return {
        "id": template.id,
        "title": template.title,
        "version": template.version,
        "sections": [
            {"id": s.id, "title": s.title, "criteria": [criterion(c) for c in s.criteria]}
            for s in template.sections
        ],
    }


def _build(data: Mapping[str, Any], lines: _Lines, source: str) -> Template:
    problems: list[str] = []

    def problem(path: tuple[object, ...], message: str) -> None:
        line = lines.of(*path)
        where = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path)
        where = where.replace(".[", "[")
        at = f"{source}:{line}" if line else source
        problems.append(f"{at}: {where or '(top)'}: {message}")

    def text_field(table: Mapping[str, Any], path: tuple[object, ...], key: str) -> str:
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            problem((*path, key), "is required text")
            return ""
        return value.strip()

    def flag(table: Mapping[str, Any], path: tuple[object, ...], key: str) -> bool:
        value = table.get(key, False)
        if not isinstance(value, bool):
            problem((*path, key), "must be true or false")
            return False
        return value

    template_id = text_field(data, (), "id")
    if template_id and not _ID.match(template_id):
        problem(("id",), "must be lower-case letters, digits, '_', '.' or '-'")
    title = text_field(data, (), "title")
    version = data.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= 1_000_000:
        problem(("version",), "must be a whole number from 1")
        version = 1
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        problem(("sections",), "there must be at least one [[sections]]")
        raw_sections = []
    seen: set[str] = set()
    sections: list[Section] = []
    for i, raw in enumerate(raw_sections):
        path: tuple[object, ...] = ("sections", i)
        if not isinstance(raw, Mapping):
            problem(path, "must be a table")
            continue
        criteria: list[Criterion] = []
        raw_criteria = raw.get("criteria")
        if not isinstance(raw_criteria, list) or not raw_criteria:
            problem(path, "a section needs at least one [[sections.criteria]]")
            raw_criteria = []
        for j, item in enumerate(raw_criteria):
            cpath: tuple[object, ...] = (*path, "criteria", j)
            criterion = _criterion(item, cpath, problem, text_field, flag)
            if criterion.id in seen:
                problem((*cpath, "id"), f"'{criterion.id}' is used twice")
            seen.add(criterion.id)
            criteria.append(criterion)
        sections.append(Section(text_field(raw, path, "id"), text_field(raw, path, "title"),
                                tuple(criteria)))  # fmt: skip
    scored = [c for s in sections for c in s.criteria if not c.compliance]
    total = sum(c.weight for c in scored)
    if scored and total != 100:
        problem(("sections",), f"the weights of the scored criteria add up to {total}, not 100")
    if sections and not scored and not any(c.compliance for s in sections for c in s.criteria):
        problem(("sections",), "there is nothing to score")
    if problems:
        raise TemplateError(source, problems)
    return Template(template_id, title, version, tuple(sections), source)


def _criterion(
    item: Any, path: tuple[object, ...], problem: Any, text_field: Any, flag: Any
) -> Criterion:
    if not isinstance(item, Mapping):
        problem(path, "must be a table")
        return Criterion("?", "?")
    criterion_id = text_field(item, path, "id")
    if criterion_id and not _ID.match(criterion_id):
        problem((*path, "id"), "must be lower-case letters, digits, '_', '.' or '-'")
    answer = item.get("answer", "yes_no")
    if answer not in ANSWER_KINDS:
        problem((*path, "answer"), f"must be one of {', '.join(ANSWER_KINDS)}")
        answer = "yes_no"
    scale = item.get("scale", 0)
    if answer == "scale" and (isinstance(scale, bool) or not isinstance(scale, int)
                              or not 1 <= scale <= 10):  # fmt: skip
        problem((*path, "scale"), "a scale answer needs scale = 1 to 10 (answers 0..scale)")
        scale = 1
    compliance = flag(item, path, "compliance")
    weight = item.get("weight", 0)
    if isinstance(weight, bool) or not isinstance(weight, int) or not 0 <= weight <= 100:
        problem((*path, "weight"), "must be a whole number from 0 to 100")
        weight = 0
    if compliance and weight:
        problem((*path, "weight"), "a compliance criterion is not weighted (leave weight out)")
    elif not compliance and weight == 0:
        problem((*path, "weight"), "a scored criterion needs a weight above 0")
    guidance = item.get("guidance", "")
    if not isinstance(guidance, str):
        problem((*path, "guidance"), "must be text")
        guidance = ""
    return Criterion(
        id=criterion_id,
        question=text_field(item, path, "question"),
        answer=answer,
        scale=scale if answer == "scale" else 0,
        weight=weight,
        na=flag(item, path, "na"),
        fatal=flag(item, path, "fatal"),
        compliance=compliance,
        guidance=guidance,
    )


# -- scoring -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """One criterion answered: the value, the moments that show it (seconds), a comment."""

    criterion_id: str
    value: str | int
    evidence: tuple[float, ...] = ()
    comment: str = ""


@dataclass(frozen=True)
class Scores:
    """``quality`` and ``compliance`` in 0..100, None when nothing counted yet."""

    quality: float | None
    compliance: float | None
    fatal: tuple[str, ...] = ()
    unanswered: tuple[str, ...] = ()
    problems: tuple[str, ...] = field(default=())

    @property
    def complete(self) -> bool:
        return not self.unanswered and not self.problems


def score(template: Template, answers: Iterable[Answer]) -> Scores:
    """The scores of a scorecard, however partial: not applicable answers leave their weight
    out, a failed fatal criterion zeroes the quality score, compliance is counted apart."""
    given = {a.criterion_id: a for a in answers}
    problems = []
    weighted = total = 0.0
    passed = counted = 0.0
    fatal: list[str] = []
    unanswered: list[str] = []
    for criterion in template.criteria:
        answer = given.pop(criterion.id, None)
        if answer is None:
            unanswered.append(criterion.id)
            continue
        if not criterion.allows(answer.value):
            problems.append(f"{criterion.id}: {answer.value!r} is not an answer it allows")
            continue
        fraction = criterion.fraction(answer.value)
        if fraction is None:
            continue
        if criterion.fatal and criterion.failed(answer.value):
            fatal.append(criterion.id)
        if criterion.compliance:
            passed += fraction
            counted += 1
        else:
            weighted += criterion.weight * fraction
            total += criterion.weight
    problems.extend(f"{cid}: no such criterion in {template.key}" for cid in given)
    quality = 100.0 * weighted / total if total else None
    if fatal and quality is not None:
        quality = 0.0
    compliance = 100.0 * passed / counted if counted else None
    return Scores(quality, compliance, tuple(fatal), tuple(unanswered), tuple(problems))


@dataclass(frozen=True)
class Difference:
    """One criterion two reviewers answered differently (calibration)."""

    criterion_id: str
    first: str | int | None
    second: str | int | None


def compare(
    template: Template, first: Iterable[Answer], second: Iterable[Answer]
) -> list[Difference]:
    """Criteria on which two scorecards of one template disagree, in template order."""
    a = {x.criterion_id: x.value for x in first}
    b = {x.criterion_id: x.value for x in second}
    return [
        Difference(c.id, a.get(c.id), b.get(c.id))
        for c in template.criteria
        if a.get(c.id) != b.get(c.id)
    ]
