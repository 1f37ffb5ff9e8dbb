"""Record or edit a CCRT relationship episode: who, wish, response of other, response of
self — up to three categories each, and whether each response was positive or negative."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.services.episodes import OTHER_KIND_LABELS, OTHER_KINDS, EpisodeDTO, EpisodeInput
from db.services.passages import PassageInput
from db.services.theme_dto import ThemeDTO
from db.vocabulary import OtherPerson, Valence
from desktop.gui.themes.swatch import swatch

COMPONENTS = (("W", "&Wish"), ("RO", "Response of &other"), ("RS", "Response of &self"))
VALENCE_COMPONENTS = ("RO", "RS")
VALENCE_CHOICES = (("Not rated", None), ("Positive", Valence.POSITIVE.value),
                   ("Negative", Valence.NEGATIVE.value))
TRANSFERENCE_NOTE = "With the therapist: this episode is transference material."


class EpisodeDialog(QDialog):
    """Fill in an episode; :meth:`value` gives the :class:`EpisodeInput` once accepted."""

    def __init__(self, themes: list[ThemeDTO], passage: PassageInput | None = None,
                 episode: EpisodeDTO | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Relationship episode")
        self.setMinimumWidth(680)
        self._passage = passage if episode is None else None
        self.other = QLineEdit(self)
        self.other.setPlaceholderText("Who, in a few words (e.g. her older brother)")
        self.kinds = QButtonGroup(self)
        self.kinds.setExclusive(True)
        grid = QGridLayout()
        grid.setSpacing(4)
        for i, kind in enumerate(OTHER_KINDS):
            button = QPushButton(OTHER_KIND_LABELS[kind], self)
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setProperty("kind", str(kind))
            self.kinds.addButton(button, i)
            grid.addWidget(button, i // 5, i % 5)
        self.kinds.button(OTHER_KINDS.index(OtherPerson.OTHER)).setChecked(True)
        self.kinds.idToggled.connect(lambda *_: self._kind_changed())
        self.transference = QLabel(TRANSFERENCE_NOTE, self)
        self.transference.setWordWrap(True)
        self.transference.hide()
        self.boxes: dict[str, QComboBox] = {}
        #: The second and third category of each component (Luborsky scores up to three).
        self.more_boxes: dict[str, list[QComboBox]] = {}
        #: Positive / negative rating of RO and RS; "Not rated" keeps it open.
        self.valence: dict[str, QComboBox] = {}
        form = QFormLayout()
        form.addRow("&Other person:", self.other)
        form.addRow("", grid)
        form.addRow("", self.transference)
        for component, label in COMPONENTS:
            row = QHBoxLayout()
            combos = []
            for slot in range(3):
                box = QComboBox(self)
                box.addItem("—" if slot == 0 else "+ another", None)
                for theme in themes:
                    if theme.ccrt_component == component:
                        box.addItem(swatch(theme.color), theme.name, str(theme.id))
                combos.append(box)
                row.addWidget(box, 1)
            self.boxes[component], self.more_boxes[component] = combos[0], combos[1:]
            if component in VALENCE_COMPONENTS:
                rating = QComboBox(self)
                for text, value in VALENCE_CHOICES:
                    rating.addItem(text, value)
                rating.setToolTip("Is this response positive or negative for the client?")
                self.valence[component] = rating
                row.addWidget(rating)
            form.addRow(label + ":", row)
        self.narrative = QPlainTextEdit(self)
        self.narrative.setPlaceholderText("The story, briefly (optional)")
        self.narrative.setMaximumHeight(90)
        self.narrative.setTabChangesFocus(True)
        form.addRow("&Narrative:", self.narrative)
        if self._passage is not None:
            quote = " ".join(self._passage.text.split())
            form.addRow("Passage:", QLabel(f"“{quote[:80]}{'…' if len(quote) > 80 else ''}”"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save episode")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        if episode is not None:
            self._fill(episode)

    def kind(self) -> str:
        button = self.kinds.checkedButton()
        return str(button.property("kind")) if button else OtherPerson.OTHER

    def choose_kind(self, kind: str) -> None:
        self.kinds.button(OTHER_KINDS.index(kind)).setChecked(True)

    def choose_theme(self, component: str, theme_id: uuid.UUID | None) -> None:
        # Ids are kept as text: a combo box compares Python objects by identity.
        box = self.boxes[component]
        box.setCurrentIndex(max(0, box.findData(str(theme_id)) if theme_id else 0))

    def value(self) -> EpisodeInput:
        def chosen(component: str) -> uuid.UUID | None:
            data = self.boxes[component].currentData()
            return uuid.UUID(data) if isinstance(data, str) else None

        def more(component: str) -> tuple[uuid.UUID, ...]:
            ids = (box.currentData() for box in self.more_boxes[component])
            found = [uuid.UUID(d) for d in ids if isinstance(d, str)]
            return tuple(dict.fromkeys(found))  # the same category twice counts once

        def rated(component: str) -> str | None:
            value = self.valence[component].currentData()
            return value if isinstance(value, str) else None

        return EpisodeInput(self.other.text(), self.kind(), chosen("W"), chosen("RO"),
                            chosen("RS"), self.narrative.toPlainText(), self._passage,
                            wish_more=more("W"), response_of_other_more=more("RO"),
                            response_of_self_more=more("RS"),
                            response_of_other_valence=rated("RO"),
                            response_of_self_valence=rated("RS"))

    def choose_more(self, component: str, theme_ids: tuple[uuid.UUID, ...]) -> None:
        for box, theme_id in zip(self.more_boxes[component], (*theme_ids, None, None),
                                 strict=False):
            box.setCurrentIndex(max(0, box.findData(str(theme_id)) if theme_id else 0))

    def choose_valence(self, component: str, valence: str | None) -> None:
        box = self.valence[component]
        box.setCurrentIndex(max(0, box.findData(valence) if valence else 0))

    def _kind_changed(self) -> None:
        self.transference.setVisible(self.kind() == "therapist")

    def _fill(self, episode: EpisodeDTO) -> None:
        self.other.setText(episode.other_person)
        self.choose_kind(episode.other_kind)
        for component, ref in (("W", episode.wish), ("RO", episode.response_of_other),
                               ("RS", episode.response_of_self)):
            if ref is not None and self.boxes[component].findData(str(ref.id)) < 0:
                self.boxes[component].addItem(swatch(ref.color, True), ref.name, str(ref.id))
            self.choose_theme(component, ref.id if ref else None)
            more = episode.categories(component)[1:]
            for box in self.more_boxes[component]:
                for extra in more:
                    if box.findData(str(extra.id)) < 0:
                        box.addItem(swatch(extra.color, True), extra.name, str(extra.id))
            self.choose_more(component, tuple(r.id for r in more))
        self.choose_valence("RO", episode.response_of_other_valence)
        self.choose_valence("RS", episode.response_of_self_valence)
        self.narrative.setPlainText(episode.narrative)
