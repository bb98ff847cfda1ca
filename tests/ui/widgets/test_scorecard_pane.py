"""The scorecard pane: the answers each criterion allows, scores as they read, evidence links."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.review.scorecard import NA, NO, YES, Answer, default_template, score
from ui.widgets.scorecard_pane import ScorecardPane, answer_choices


def test_each_criterion_offers_the_answers_it_allows() -> None:
    template = default_template()
    by_id = {c.id: c for c in template.criteria}
    assert answer_choices(by_id["greeting"]) == [("—", None), ("Yes", YES), ("No", NO)]
    assert answer_choices(by_id["authentication"])[-1] == ("Not applicable", NA)
    tone = answer_choices(by_id["tone"])
    assert tone[1:] == [(f"{n} of 4", n) for n in range(5)]


def test_scores_fatal_and_evidence_read_as_a_reviewer_expects(qtbot: QtBot) -> None:
    pane = ScorecardPane()
    qtbot.addWidget(pane)
    template = default_template()
    pane.set_templates([template], template.key)
    pane.set_call_open(True)
    pane.show_card(template, None)
    answers = [Answer("greeting", YES), Answer("authentication", NO)]
    pane.show_scores(score(template, answers))
    text = pane.scores.text()
    assert "Quality 0%" in text and "Compliance 0%" in text
    assert "2 of 8 answered" in text and "fatal criterion failed (authentication)" in text
    assert "Quality 0%" in pane.scores.accessibleDescription()
    assert "<b>" not in pane.scores.accessibleDescription()

    played: list[float] = []
    dropped: list[tuple[str, float]] = []
    pane.play_requested.connect(played.append)
    pane.evidence_removed.connect(lambda cid, t: dropped.append((cid, t)))
    pane.show_answer("greeting", YES, (12.5, 61.0))
    row = pane.rows["greeting"]
    assert row.box.currentText() == "Yes"
    assert "0:12" in row.evidence.text() and "1:01" in row.evidence.text()
    row.evidence.linkActivated.emit("play:61.0")
    row.evidence.linkActivated.emit("drop:12.5")
    row.evidence.linkActivated.emit("play:not-a-number")
    assert played == [61.0] and dropped == [("greeting", 12.5)]
