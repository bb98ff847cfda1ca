"""Specification of scorecard templates (validated with line numbers) and score arithmetic."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.review.scorecard import (
    NA,
    NO,
    YES,
    Answer,
    TemplateError,
    compare,
    default_template,
    load_template,
    parse_template,
    score,
)

SMALL = """\
id = "small"
title = "Small"
version = 2

[[sections]]
id = "s"
title = "Only"

  [[sections.criteria]]
  id = "a"
  question = "A?"
  weight = 60

  [[sections.criteria]]
  id = "b"
  question = "B?"
  answer = "scale"
  scale = 4
  weight = 40
  na = true

  [[sections.criteria]]
  id = "rule"
  question = "Rule kept?"
  compliance = true
  fatal = true

  [[sections.criteria]]
  id = "rule2"
  question = "Other rule kept?"
  compliance = true
  na = true
"""


@pytest.fixture
def small() -> object:
    return parse_template(SMALL, "small.toml")


def answers(**values: str | int) -> list[Answer]:
    return [Answer(k, v) for k, v in values.items()]


def test_the_default_template_covers_what_an_ai_agent_is_checked_for() -> None:
    template = default_template()
    ids = {c.id for c in template.criteria}
    assert {"greeting", "authentication", "tool_use", "ticket_when_promised", "escalation",
            "resolution", "recording_disclosure", "tone"} <= ids  # fmt: skip
    assert sum(c.weight for c in template.criteria if not c.compliance) == 100
    assert template.key == "ai-voice-agent@1"


def test_weighted_quality_score(small: object) -> None:
    result = score(small, answers(a=YES, b=2, rule=YES, rule2=YES))  # type: ignore[arg-type]
    assert result.quality == pytest.approx(60 + 40 * 2 / 4)
    assert result.compliance == 100.0 and result.complete


def test_not_applicable_leaves_its_weight_out(small: object) -> None:
    result = score(small, answers(a=YES, b=NA, rule=YES, rule2=NA))  # type: ignore[arg-type]
    assert result.quality == 100.0  # 60 of 60: the n.a. criterion's 40 do not count
    assert result.compliance == 100.0  # 1 of 1 compliance criterion that applied


def test_a_failed_fatal_criterion_zeroes_quality_but_compliance_stays_apart(small: object) -> None:
    result = score(small, answers(a=YES, b=4, rule=NO, rule2=YES))  # type: ignore[arg-type]
    assert result.quality == 0.0 and result.fatal == ("rule",)
    assert result.compliance == 50.0


def test_a_call_can_sound_fine_and_still_breach_a_rule(small: object) -> None:
    result = score(small, answers(a=YES, b=4, rule=YES, rule2=NO))  # type: ignore[arg-type]
    assert result.quality == 100.0 and result.compliance == 50.0


def test_partial_and_invalid_answers_are_reported(small: object) -> None:
    result = score(small, [Answer("a", NO), Answer("b", 7), Answer("ghost", YES)])  # type: ignore[arg-type]
    assert result.quality == 0.0 and result.compliance is None
    assert result.unanswered == ("rule", "rule2") and not result.complete
    assert result.problems == (
        "b: 7 is not an answer it allows",
        "ghost: no such criterion in small@2",
    )
    nothing = score(small, [])  # type: ignore[arg-type]
    assert nothing.quality is None and nothing.compliance is None


def test_na_only_where_allowed(small: object) -> None:
    assert score(small, answers(a=NA)).problems == ("a: 'na' is not an answer it allows",)  # type: ignore[arg-type]


def test_calibration_lists_the_criteria_two_reviewers_answered_differently(small: object) -> None:
    first = answers(a=YES, b=3, rule=YES)
    second = answers(a=YES, b=1, rule2=NA)
    assert [(d.criterion_id, d.first, d.second) for d in compare(small, first, second)] == [  # type: ignore[arg-type]
        ("b", 3, 1), ("rule", YES, None), ("rule2", None, NA),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("weight = 60", "weight = 50"),
            "small.toml:5: sections: the weights of the scored criteria add up to 90, not 100",
        ),
        (
            ('answer = "scale"', 'answer = "stars"'),
            "small.toml:17: sections[0].criteria[1].answer: must be one of yes_no, scale",
        ),
        (
            ("scale = 4", "scale = 0"),
            "small.toml:18: sections[0].criteria[1].scale: a scale answer needs scale = 1 to 10",
        ),
        (('id = "b"', 'id = "a"'), "small.toml:15: sections[0].criteria[1].id: 'a' is used twice"),
        (
            ("compliance = true\n  fatal", "compliance = true\n  weight = 5\n  fatal"),
            "small.toml:26: sections[0].criteria[2].weight: a compliance criterion is not weighted",
        ),
        (
            ('question = "B?"', "question = 3"),
            "small.toml:16: sections[0].criteria[1].question: is required text",
        ),
        (
            ("na = true\n\n", 'na = "yes"\n\n'),
            "small.toml:20: sections[0].criteria[1].na: must be true or false",
        ),
        (("version = 2", "version = 0"), "small.toml:3: version: must be a whole number from 1"),
    ],
)
def test_template_mistakes_name_their_line_and_key(change: tuple[str, str], expected: str) -> None:
    with pytest.raises(TemplateError) as info:
        parse_template(SMALL.replace(*change, 1), "small.toml")
    assert any(p.startswith(expected) for p in info.value.problems), info.value.problems


def test_toml_syntax_errors_and_unreadable_files_are_plain_messages(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="line 2"):
        parse_template('id = "x"\ntitle = \n', "broken.toml")
    with pytest.raises(TemplateError, match="cannot be read"):
        load_template(tmp_path / "missing.toml")
    path = tmp_path / "mine.toml"
    path.write_text(SMALL, encoding="utf-8")
    assert load_template(path).source == str(path)


def test_sections_and_criteria_that_are_not_tables_are_mistakes_not_crashes() -> None:
    with pytest.raises(TemplateError) as info:
        parse_template('id = "x"\ntitle = "X"\nsections = [1, "two"]\n', "flat.toml")
    assert info.value.problems[:2] == [
        "flat.toml:3: sections[0]: must be a table",
        "flat.toml:3: sections[1]: must be a table",
    ]


def test_a_template_reads_back_from_its_declared_shape(small: object) -> None:
    from app.review.scorecard import template_data, template_from_data

    data = template_data(small)  # type: ignore[arg-type]
    assert template_from_data(data, "small.toml") == small
    data["sections"][0]["criteria"][0]["weight"] = 70
    with pytest.raises(TemplateError) as info:
        template_from_data(data, "file.json templates[0]")
    # No line to name: the key is named, after where the template came from.
    assert info.value.problems == [
        "file.json templates[0]: sections: the weights of the scored criteria add up to 110, "
        "not 100"
    ]
