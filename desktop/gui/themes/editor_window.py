"""The theme editor: the vault's taxonomy as a tree, with every edit undoable."""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QToolBar,
    QTreeView,
    QWidget,
)

from db.errors import ThreadlineError
from db.services.dto import Changed, Outcome
from db.services.hub import Services
from db.services.theme_dto import (
    ArchiveNeedsConfirmation,
    CategoryDTO,
    CategoryInput,
    EditResult,
    TaxonomyDTO,
    ThemeDTO,
    ThemeInput,
)
from desktop.gui.common import dialogs
from desktop.gui.common.labels import CCRT_COMPONENT_LABELS
from desktop.gui.common.operations import error_sentence
from desktop.gui.themes.tree_model import ThemeTreeModel
from desktop.gui.themes.undo import ThemeEditCommand

TOP_LEVEL = "(top level)"


class ThemeEditorWindow(QMainWindow):
    """Add, rename, recolour, re-describe, move, merge and archive themes; Undo/Redo.

    Signals: ``changed(Changed)`` once per edit, undo or redo; ``passages_requested(theme
    id)`` for the list of a theme's passages.
    """

    changed = Signal(object)
    passages_requested = Signal(object)

    def __init__(self, services: Callable[[], Services], parent: QWidget | None = None,
                 submit: Callable[..., object] | None = None) -> None:
        super().__init__(parent)
        self._submit = submit  # the window's write pipeline; without it, edits run here
        self.setWindowTitle("Themes — Threadline")
        self.resize(980, 640)
        self._services = services
        self.taxonomy = TaxonomyDTO((), ())
        self.undo_stack = QUndoStack(self)
        self.model = ThemeTreeModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAccessibleName("Themes")
        self.tree.setTabKeyNavigation(False)  # the arrows walk the themes; Tab goes on
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(ThemeTreeModel.Column.NAME,
                                    QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ThemeTreeModel.Column.KEY,
                                    QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ThemeTreeModel.Column.MARKS,
                                    QHeaderView.ResizeMode.ResizeToContents)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setMargin(12)
        self.details.setMinimumWidth(260)
        splitter = QSplitter(self)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.setCentralWidget(splitter)
        self._make_actions()
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)
        self.tree.doubleClicked.connect(lambda _: self.rename())
        self.refresh()

    # --- actions ------------------------------------------------------------------------

    def _make_actions(self) -> None:
        bar = QToolBar("Theme editing", self)
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)

        def action(text: str, slot: Callable[[], object], keys: str | None = None,
                   tip: str = "") -> QAction:
            act = QAction(text, self)
            if keys:
                act.setShortcut(QKeySequence(keys))
            act.setToolTip(tip or text.replace("&", "").rstrip("…"))
            act.triggered.connect(lambda _=False: slot())
            self.addAction(act)
            return act

        self.add_theme_action = action("&Add theme…", self.add_theme, "Ctrl+N")
        self.add_sub_theme_action = action("Add s&ub-theme…", self.add_sub_theme)
        self.add_pattern_action = action("Client &pattern…", self.add_pattern,
                                         tip="A recurring pattern of one client")
        self.add_category_action = action("Add &category…", self.add_category)
        self.rename_action = action("&Rename…", self.rename, "F2")
        self.recolour_action = action("C&olour…", self.recolour)
        self.describe_action = action("&Describe…", self.describe)
        self.move_action = action("&Move…", self.move_selected)
        self.merge_action = action("Mer&ge into…", self.merge)
        self.archive_action = action("Arc&hive", self.toggle_archived)
        self.delete_action = action("De&lete", self.delete, tip="Delete a theme never used")
        self.passages_action = action("&Passages…", self.show_passages,
                                      tip="Every passage marked with this theme")
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        self.show_archived_action = QAction("Show archived", self)
        self.show_archived_action.setCheckable(True)
        self.show_archived_action.toggled.connect(lambda _: self.refresh())
        for act in (self.add_theme_action, self.add_category_action, None, self.rename_action,
                    self.recolour_action, self.move_action, self.merge_action,
                    self.archive_action, self.passages_action, None, self.undo_action,
                    self.redo_action, None,
                    self.show_archived_action):
            if act is None:
                bar.addSeparator()
            else:
                bar.addAction(act)
        menu = self.menuBar().addMenu("&Theme")
        everything = (self.add_theme_action, self.add_sub_theme_action, self.add_pattern_action,
                      self.add_category_action, None, self.rename_action,
                      self.recolour_action, self.describe_action, self.move_action,
                      self.merge_action, None, self.archive_action, self.delete_action)
        for act in everything:
            if act is None:
                menu.addSeparator()
            else:
                menu.addAction(act)
        # The same actions on a right click in the tree.
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for act in everything:
            if act is None:
                separator = QAction(self.tree)
                separator.setSeparator(True)
                self.tree.addAction(separator)
            else:
                self.tree.addAction(act)
        edit = self.menuBar().addMenu("&Edit")
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        view = self.menuBar().addMenu("&View")
        view.addAction(self.show_archived_action)

    # --- state ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the taxonomy, keeping the selection and what was expanded."""
        selected = self.selected()
        expanded = {item.id for i in self._all_indexes()
                    if self.tree.isExpanded(i) and (item := self.model.item(i)) is not None}
        services = self._services()
        self.taxonomy = services.themes.taxonomy()
        codes = {c.id: c.code for c in services.clients.list_clients()}
        self.model.set_rows(self.taxonomy, self.show_archived_action.isChecked(), codes)
        for index in self._all_indexes():
            item = self.model.item(index)
            if item is not None and (item.id in expanded or not expanded
                                     and isinstance(item, CategoryDTO)):
                self.tree.setExpanded(index, True)
        if selected is not None:
            index = self.model.index_of(selected.id)
            if index.isValid():
                self.tree.setCurrentIndex(index)
                self.tree.scrollTo(index)
        self._update_actions()

    def _all_indexes(self) -> list[QModelIndex]:
        found = []
        pending = [self.tree.rootIndex()]
        while pending:
            parent = pending.pop()
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, 0, parent)
                found.append(index)
                pending.append(index)
        return found

    def selected(self) -> CategoryDTO | ThemeDTO | None:
        return self.model.item(self.tree.currentIndex())

    def select(self, item_id: uuid.UUID) -> None:
        index = self.model.index_of(item_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)

    def _selection_changed(self, *_: QItemSelection) -> None:
        self._update_actions()

    def _update_actions(self) -> None:
        item = self.selected()
        for act in (self.rename_action, self.describe_action, self.move_action,
                    self.archive_action, self.delete_action):
            act.setEnabled(item is not None)
        for act in (self.recolour_action, self.merge_action, self.add_sub_theme_action):
            act.setEnabled(isinstance(item, ThemeDTO) and item.merged_into_id is None)
        self.add_theme_action.setEnabled(item is not None)
        self.passages_action.setEnabled(isinstance(item, ThemeDTO))
        archived = item is not None and item.archived_at is not None
        self.archive_action.setText("Rest&ore" if archived else "Arc&hive")
        self.details.setText(self._describe(item))

    def _describe(self, item: CategoryDTO | ThemeDTO | None) -> str:
        if item is None:
            return "<p>Choose a theme or a category.</p>"
        esc = html.escape
        parts = [f"<h2>{esc(item.name)}</h2>"]
        if isinstance(item, ThemeDTO):
            path = " › ".join(c.name for c in self.taxonomy.path(item.category_id))
            parts.append(f"<p><span style='background:{item.color}'>&nbsp;&nbsp;&nbsp;&nbsp;"
                         f"</span>&nbsp; {esc(item.color)} · {esc(path)}</p>")
            facts = []
            if item.dmrs_level is not None:
                facts.append(f"DMRS level {item.dmrs_level}")
            if item.ccrt_component is not None:
                facts.append(f"CCRT: {CCRT_COMPONENT_LABELS[item.ccrt_component]}")
            noun = "mark" if item.mark_count == 1 else "marks"
            facts.append(f"{item.mark_count} {noun}")
            parts.append(f"<p>{esc(' · '.join(facts))}</p>")
            parts.append(f"<p>{esc(item.definition) or '<i>No definition yet.</i>'}</p>")
            if item.merged_into_id is not None:
                into = self.taxonomy.theme(item.merged_into_id).name
                parts.append(f"<p><i>Merged into {esc(into)}; its marks are there now.</i></p>")
            elif item.archived_at is not None:
                parts.append("<p><i>Archived: kept in past sessions, not offered for new "
                             "marks.</i></p>")
        else:
            parts.append(f"<p>{esc(item.description)}</p>")
            if item.archived_at is not None:
                parts.append("<p><i>Archived: its themes are not offered for new marks."
                             "</i></p>")
        if item.source:
            parts.append(f"<p style='color:gray'>Source: {esc(item.source)}</p>")
        if item.key:
            parts.append(f"<p style='color:gray'>Key: {esc(item.key)}</p>")
        return "".join(parts)

    # --- running edits ------------------------------------------------------------------

    def _run(self, edit: Callable[[Services], Outcome[EditResult]],
             refused: Callable[[BaseException], bool] | None = None) -> EditResult | None:
        """Apply an edit: in the write pipeline when there is one (returns ``None``; the
        edit lands on the undo stack once stored), else here and now. ``refused`` may
        take a refusal in (e.g. ask and try again); else it is shown."""
        def failed(error: BaseException) -> None:
            if refused is None or not refused(error):
                dialogs.warning(self, "Themes not changed", error_sentence(error))

        if self._submit is not None:
            self._submit(edit, initiator=self, on_done=self._done, on_error=failed)
            return None
        try:
            outcome = edit(self._services())
        except ThreadlineError as error:
            failed(error)
            return None
        self._done(outcome.value)
        self.changed.emit(outcome.changed)
        return outcome.value

    def _done(self, result: EditResult) -> None:
        command = ThemeEditCommand(lambda: self._services().themes, result,
                                   self._after_change, self._undo_failed, self._submit, self)
        self.undo_stack.push(command)
        self.refresh()
        target = result.theme_id or result.category_id
        if target is not None:
            self.select(target)

    def _after_change(self, changed: Changed) -> None:
        self.refresh()
        if changed != Changed():  # an undo here and now (the pipeline announces its own)
            self.changed.emit(changed)

    def _undo_failed(self, message: str) -> None:
        dialogs.warning(self, "Cannot undo", message)
        self.refresh()

    def show_passages(self) -> None:
        item = self.selected()
        if isinstance(item, ThemeDTO):
            self.passages_requested.emit(item.id)

    def _category_of_selection(self) -> CategoryDTO | None:
        item = self.selected()
        if isinstance(item, ThemeDTO):
            return self.taxonomy.category(item.category_id)
        return item

    # --- the edits ----------------------------------------------------------------------

    def add_theme(self, name: str | None = None) -> EditResult | None:
        """Add a theme to the selected category (``name``: as typed in the picker)."""
        category = self._category_of_selection()
        if category is None:
            return None
        name = dialogs.ask_text(self, "Add theme", f"Name of the new theme in {category.name}:",
                                name or "")
        if not name:
            return None
        return self._run(lambda s: s.themes.add_theme(ThemeInput(name, category.id)))

    def add_sub_theme(self) -> EditResult | None:
        theme = self.selected()
        if not isinstance(theme, ThemeDTO):
            return None
        name = dialogs.ask_text(self, "Add sub-theme", f"Name of the sub-theme of {theme.name}:")
        if not name:
            return None
        return self._run(lambda s: s.themes.add_theme(
            ThemeInput(name, theme.category_id, parent_id=theme.id)))

    def add_pattern(self) -> EditResult | None:
        """A recurring pattern of one client, under the selected theme or category."""
        clients = self._services().clients.list_clients()
        if not clients:
            dialogs.information(self, "Client pattern", "Add a client first.")
            return None
        item = self.selected()
        category = self._category_of_selection()
        if category is None:
            dialogs.information(self, "Client pattern",
                                "Choose the theme or category the pattern belongs under.")
            return None
        code = dialogs.choose(self, "Client pattern", "For which client?",
                              [c.code for c in clients])
        if code is None:
            return None
        name = dialogs.ask_text(self, "Client pattern",
                                "Name the pattern (e.g. withdraws when a break is announced):")
        if not name:
            return None
        client_id = next(c.id for c in clients if c.code == code)
        parent_id = item.id if isinstance(item, ThemeDTO) else None
        return self._run(lambda s: s.themes.add_theme(
            ThemeInput(name, category.id, parent_id=parent_id, client_id=client_id)))

    def add_category(self) -> EditResult | None:
        name = dialogs.ask_text(self, "Add category", "Name of the new category:")
        if not name:
            return None
        return self._run(lambda s: s.themes.add_category(CategoryInput(name)))

    def rename(self) -> EditResult | None:
        item = self.selected()
        if item is None:
            return None
        name = dialogs.ask_text(self, "Rename", "New name:", item.name)
        if not name or name == item.name:
            return None
        if isinstance(item, ThemeDTO):
            return self._run(lambda s: s.themes.rename(item.id, name))
        return self._run(lambda s: s.themes.rename_category(item.id, name))

    def recolour(self) -> EditResult | None:
        item = self.selected()
        if not isinstance(item, ThemeDTO):
            return None
        color = dialogs.choose_color(self, f"Colour of {item.name}", item.color)
        if not color or color.lower() == item.color:
            return None
        return self._run(lambda s: s.themes.recolour(item.id, color))

    def describe(self) -> EditResult | None:
        item = self.selected()
        if item is None:
            return None
        current = item.definition if isinstance(item, ThemeDTO) else item.description
        text = dialogs.ask_text(self, "Describe", "In one line, in your own words:", current)
        if text is None or text == current:
            return None
        if isinstance(item, ThemeDTO):
            return self._run(lambda s: s.themes.redescribe(item.id, text))
        return self._run(lambda s: s.themes.redescribe_category(item.id, text))

    def _category_paths(self, exclude: uuid.UUID | None = None) -> dict[str, uuid.UUID]:
        paths: dict[str, uuid.UUID] = {}

        def visit(parent: uuid.UUID | None, prefix: str) -> None:
            for category in self.taxonomy.subcategories(parent):
                if category.id == exclude:
                    continue
                path = prefix + category.name
                paths[path] = category.id
                visit(category.id, path + " › ")

        visit(None, "")
        return paths

    def move_selected(self) -> EditResult | None:
        item = self.selected()
        if item is None:
            return None
        if isinstance(item, ThemeDTO):
            paths = self._category_paths()
            choice = dialogs.choose(self, "Move theme", f"Move “{item.name}” to:", list(paths))
            if choice is None or paths[choice] == item.category_id and item.parent_id is None:
                return None
            category_id = paths[choice]
            return self._run(lambda s: s.themes.move(item.id, category_id))
        parents: dict[str, uuid.UUID | None] = {TOP_LEVEL: None}
        parents.update(self._category_paths(exclude=item.id))
        picked = dialogs.choose(self, "Move category", f"Move “{item.name}” into:",
                                list(parents))
        if picked is None or parents[picked] == item.parent_id:
            return None
        parent_id = parents[picked]
        return self._run(lambda s: s.themes.move_category(item.id, parent_id))

    def merge(self) -> EditResult | None:
        item = self.selected()
        if not isinstance(item, ThemeDTO):
            return None
        targets: dict[str, uuid.UUID] = {}
        for theme in self.taxonomy.themes:
            if theme.offered and theme.id != item.id:
                path = " › ".join(c.name for c in self.taxonomy.path(theme.category_id))
                targets[f"{theme.name} — {path}"] = theme.id
        noun = "mark" if item.mark_count == 1 else "marks"
        choice = dialogs.choose(self, "Merge theme",
                                f"Move the {item.mark_count} {noun} of “{item.name}” to:",
                                sorted(targets))
        if choice is None:
            return None
        return self._run(lambda s: s.themes.merge(item.id, targets[choice]))

    def toggle_archived(self) -> EditResult | None:
        item = self.selected()
        if item is None:
            return None
        if isinstance(item, ThemeDTO):
            if item.archived_at is not None:
                return self._run(lambda s: s.themes.unarchive(item.id))
            return self._run(lambda s: s.themes.archive(item.id))
        if item.archived_at is not None:
            return self._run(lambda s: s.themes.unarchive_category(item.id))
        category_id = item.id
        return self._run(lambda s: s.themes.archive_category(category_id),
                         lambda question: self._archive_anyway(category_id, question))

    def _archive_anyway(self, category_id: uuid.UUID, question: BaseException) -> bool:
        """The category's themes are in use: ask, then archive with them (or not)."""
        if not isinstance(question, ArchiveNeedsConfirmation):
            return False
        if dialogs.confirm(self, "Archive category", str(question), yes="Archive"):
            self._run(lambda s: s.themes.archive_category(category_id, confirm=True))
        return True

    def delete(self) -> EditResult | None:
        item = self.selected()
        if item is None:
            return None
        kind = "theme" if isinstance(item, ThemeDTO) else "category"
        if not dialogs.confirm(self, f"Delete {kind}", f"Delete “{item.name}”?", yes="Delete",
                               destructive=True):
            return None
        if isinstance(item, ThemeDTO):
            return self._run(lambda s: s.themes.delete_theme(item.id))
        return self._run(lambda s: s.themes.delete_category(item.id))
