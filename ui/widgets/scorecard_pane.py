"""The scorecard beside the transcript: each criterion answered, moments attached as evidence,
the quality and compliance scores as they change, and submit."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.formatting import format_duration
from app.review.scorecard import NA, NO, YES, Criterion, Scores, Template
from app.review.store import Scorecard
from ui.i18n import format_clock, format_time, number, yes_no

NOT_ANSWERED = "—"


def answer_choices(criterion: Criterion) -> list[tuple[str, str | int | None]]:
    """The answers a criterion allows, as shown in its box (the first: not answered)."""
    choices: list[tuple[str, str | int | None]] = [(NOT_ANSWERED, None)]
    if criterion.answer == "scale":
        of = QCoreApplication.translate("ScorecardPane", "{value} of {scale}")
        choices += [
            (of.format(value=number(n), scale=number(criterion.scale)), n)
            for n in range(criterion.scale + 1)
        ]
    else:
        choices += [(yes_no(True), YES), (yes_no(False), NO)]
    if criterion.na:
        choices.append((QCoreApplication.translate("ScorecardPane", "Not applicable"), NA))
    return choices


def percent(value: float | None) -> str:
    """``92%`` in English, ``92 %`` (a narrow no-break space) in French."""
    if value is None:
        return "—"
    locale = QLocale()
    space = "\u202f" if locale.language() == QLocale.Language.French else ""
    return f"{locale.toString(round(value))}{space}%"


class CriterionRow(QWidget):
    """One criterion: its question, its answer, its evidence moments.

    Signals:
        answered(str, object): criterion id and the answer chosen (None: not answered).
        evidence_requested(str): attach the playhead to this criterion.
        evidence_removed(str, float): drop this moment.
        play_requested(float): play from this moment.
    """

    answered = Signal(str, object)
    evidence_requested = Signal(str)
    evidence_removed = Signal(str, float)
    play_requested = Signal(float)

    def __init__(self, criterion: Criterion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.criterion = criterion
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(3)
        marks = []
        if criterion.fatal:
            marks.append(self.tr("fatal"))
        if criterion.compliance:
            marks.append(self.tr("compliance"))
        elif criterion.weight:
            marks.append(self.tr("weight {weight}").format(weight=number(criterion.weight)))
        self.question = QLabel(
            self.tr("{question} <i>({marks})</i>").format(
                question=html.escape(criterion.question), marks=", ".join(marks)
            )
        )
        self.question.setWordWrap(True)
        if criterion.guidance:
            self.question.setToolTip(criterion.guidance)
        layout.addWidget(self.question)
        line = QHBoxLayout()
        line.setSpacing(6)
        self.choices = answer_choices(criterion)
        self.box = QComboBox()
        for text, _value in self.choices:
            self.box.addItem(text)
        self.box.setAccessibleName(criterion.question)
        self.box.setAccessibleDescription(criterion.guidance)
        self.question.setBuddy(self.box)
        self.box.activated.connect(self._chosen)
        line.addWidget(self.box)
        self.mark = QToolButton()
        self.mark.setText(self.tr("Mark moment"))
        self.mark.setToolTip(self.tr("Attach the moment playing now as evidence (E)"))
        self.mark.setAccessibleName(
            self.tr("Mark the moment as evidence for: {question}").format(
                question=criterion.question
            )
        )
        self.mark.clicked.connect(lambda: self.evidence_requested.emit(criterion.id))
        line.addWidget(self.mark)
        line.addStretch(1)
        layout.addLayout(line)
        self.evidence = QLabel()
        self.evidence.setTextFormat(Qt.TextFormat.RichText)
        links = Qt.TextInteractionFlag
        self.evidence.setTextInteractionFlags(
            links.LinksAccessibleByKeyboard | links.LinksAccessibleByMouse
        )
        self.evidence.linkActivated.connect(self._link)
        self.evidence.hide()
        layout.addWidget(self.evidence)
        self.moments: tuple[float, ...] = ()

    def show_answer(self, value: str | int | None, moments: tuple[float, ...]) -> None:
        index = next((i for i, (_t, v) in enumerate(self.choices) if v == value), 0)
        self.box.setCurrentIndex(index)
        self.moments = moments
        if moments:
            links = "  ".join(
                f'<a href="play:{t}">{format_duration(t)}</a> <a href="drop:{t}">✕</a>'
                for t in moments
            )
            self.evidence.setText(self.tr("Evidence: {links}").format(links=links))
            self.evidence.setAccessibleDescription(
                self.tr("Evidence at {moments}").format(
                    moments=", ".join(format_duration(t) for t in moments)
                )
            )
        self.evidence.setVisible(bool(moments))

    def set_editable(self, on: bool) -> None:
        self.box.setEnabled(on)
        self.mark.setEnabled(on)

    def _chosen(self, index: int) -> None:
        self.answered.emit(self.criterion.id, self.choices[index][1])

    def _link(self, link: str) -> None:
        kind, _, value = link.partition(":")
        try:
            seconds = float(value)
        except ValueError:
            return
        if kind == "play":
            self.play_requested.emit(seconds)
        elif kind == "drop":
            self.evidence_removed.emit(self.criterion.id, seconds)


class ScorecardPane(QWidget):
    """The scorecard of the open call for the chosen template.

    Signals:
        template_chosen(str): show the scorecard of this template key.
        load_template_requested(): read a template file.
        answered(str, object): a criterion's answer (None: not answered).
        evidence_requested(str): attach the playhead to this criterion.
        evidence_removed(str, float): drop a moment from a criterion.
        play_requested(float): play from this moment.
        submit_requested(): submit the scorecard.
        revise_requested(): start a new draft from the submitted one.
        layout_changed(): its controls changed (another template; evidence shown or not).
    """

    template_chosen = Signal(str)
    load_template_requested = Signal()
    answered = Signal(str, object)
    evidence_requested = Signal(str)
    evidence_removed = Signal(str, float)
    play_requested = Signal(float)
    submit_requested = Signal()
    revise_requested = Signal()
    layout_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: dict[str, CriterionRow] = {}
        self.template: Template | None = None
        self.card: Scorecard | None = None
        self._focused: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        top = QHBoxLayout()
        self.templates = QComboBox()
        self.templates.setAccessibleName(self.tr("Scorecard template"))
        self.templates.activated.connect(
            lambda i: self.template_chosen.emit(str(self.templates.itemData(i)))
        )
        top.addWidget(self.templates, 1)
        self.load_button = QToolButton()
        self.load_button.setText(self.tr("Load…"))
        self.load_button.setToolTip(self.tr("Load a scorecard template file (TOML)"))
        self.load_button.clicked.connect(self.load_template_requested)
        top.addWidget(self.load_button)
        layout.addLayout(top)
        self.scores = QLabel()
        self.scores.setWordWrap(True)
        self.scores.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.scores.setAccessibleName(self.tr("Scores"))
        layout.addWidget(self.scores)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 6, 0)
        self.scroller.setWidget(self.body)
        layout.addWidget(self.scroller, 1)
        bottom = QHBoxLayout()
        self.state = QLabel()
        self.state.setWordWrap(True)
        bottom.addWidget(self.state, 1)
        self.submit_button = QPushButton(self.tr("&Submit"))
        self.submit_button.setToolTip(self.tr("Submit the scorecard: it no longer changes"))
        self.submit_button.clicked.connect(self.submit_requested)
        self.revise_button = QPushButton(self.tr("&Revise"))
        self.revise_button.setToolTip(self.tr("Start a new draft from the submitted scorecard"))
        self.revise_button.clicked.connect(self.revise_requested)
        bottom.addWidget(self.submit_button)
        bottom.addWidget(self.revise_button)
        layout.addLayout(bottom)
        self.evidence_key = QShortcut(QKeySequence(Qt.Key.Key_E), self)
        self.evidence_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.evidence_key.activated.connect(self._evidence_key)
        self.set_call_open(False)

    # -- what is shown ---------------------------------------------------------------------

    def set_templates(self, templates: list[Template], current: str) -> None:
        self.templates.clear()
        for template in templates:
            self.templates.addItem(
                self.tr("{title} (v{version})").format(
                    title=template.title, version=template.version
                ),
                template.key,
            )
        self.templates.setCurrentIndex(max(0, self.templates.findData(current)))

    def show_card(self, template: Template, card: Scorecard | None) -> None:
        if self.template is None or self.template.key != template.key:
            self._build(template)
        self.card = card
        index = self.templates.findData(template.key)
        if index >= 0:
            self.templates.setCurrentIndex(index)
        for cid, row in self.rows.items():
            answer = card.answer(cid) if card is not None else None
            row.show_answer(answer.value if answer else None, answer.evidence if answer else ())
        submitted = card is not None and card.submitted
        for row in self.rows.values():
            row.set_editable(self._open and not submitted)
        self.submit_button.setVisible(not submitted)
        self.revise_button.setVisible(submitted)
        self.submit_button.setEnabled(self._open)
        if card is None:
            self.state.setText(
                self.tr("Not started: answer a criterion to begin.") if self._open else ""
            )
        elif submitted and card.submitted_at is not None:
            self.state.setText(
                self.tr("Submitted {when} by {reviewer}.").format(
                    when=format_time(card.submitted_at), reviewer=card.reviewer.label
                )
            )
        else:
            self.state.setText(
                self.tr("Draft, saved {when}.").format(when=format_clock(card.updated_at))
            )

    def show_answer(self, criterion_id: str, value: str | int | None, moments: tuple[float, ...]
                    ) -> None:  # fmt: skip
        row = self.rows.get(criterion_id)
        if row is not None:
            row.show_answer(value, moments)

    def show_scores(self, scores: Scores) -> None:
        total = len(self.rows)
        answered = total - len(scores.unanswered)
        text = self.tr(
            "<b>Quality {quality}</b> · <b>Compliance {compliance}</b> · {answered} of {total} "
            "answered"
        ).format(
            quality=percent(scores.quality),
            compliance=percent(scores.compliance),
            answered=number(answered),
            total=number(total),
        )
        if scores.fatal:
            text += "<br>" + self.tr("A fatal criterion failed ({criteria}): quality is 0.").format(
                criteria=", ".join(scores.fatal)
            )
        self.scores.setText(text)
        self.scores.setAccessibleDescription(self.scores.text().replace("<b>", "")
                                             .replace("</b>", "").replace("<br>", " "))  # fmt: skip

    def set_call_open(self, on: bool) -> None:
        self._open = on
        for row in self.rows.values():
            row.set_editable(on and not (self.card is not None and self.card.submitted))
        self.submit_button.setEnabled(on)
        if not on:
            self.state.setText(self.tr("Open a call to score it."))

    def tab_order(self) -> list[QWidget]:
        order: list[QWidget] = [self.templates, self.load_button]
        for row in self.rows.values():
            order += [row.box, row.mark]
            if row.evidence.isVisible():
                order.append(row.evidence)
        return [*order, self.submit_button, self.revise_button]

    # -- inside ----------------------------------------------------------------------------

    def _build(self, template: Template) -> None:
        self.template = template
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.rows = {}
        for section in template.sections:
            title = QLabel(section.title)
            title.setTextFormat(Qt.TextFormat.PlainText)
            bold = title.font()
            bold.setBold(True)
            title.setFont(bold)
            self.body_layout.addWidget(title)
            for criterion in section.criteria:
                row = CriterionRow(criterion)
                row.answered.connect(self.answered)
                row.evidence_requested.connect(self.evidence_requested)
                row.evidence_removed.connect(self.evidence_removed)
                row.play_requested.connect(self.play_requested)
                row.box.installEventFilter(self)
                row.mark.installEventFilter(self)
                self.rows[criterion.id] = row
                self.body_layout.addWidget(row)
        self.body_layout.addStretch(1)
        self.layout_changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            for cid, row in self.rows.items():
                if watched in (row.box, row.mark):
                    self._focused = cid
                    self.scroller.ensureWidgetVisible(row)
        return False

    def _evidence_key(self) -> None:
        if self._focused is not None:
            self.evidence_requested.emit(self._focused)
