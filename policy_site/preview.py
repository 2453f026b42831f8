"""The live preview keeps serving through staff's mistakes: each is shown, in their language, on the pages it concerns.

make site and make check refuse the very same mistakes: outside `mkdocs serve`
a Notices object lets every PluginError through, and collects nothing.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import front_matter
from .messages import _, language
from .mkdocs_messages import explain


class Notices:
    """Mistakes found in one build, by the source they concern: a page, a language folder, or None for every page."""

    def __init__(self, collecting: bool, config_file: Path, docs: Path) -> None:
        self.collecting, self.config_file, self.docs = collecting, config_file, docs
        self.root = config_file.parent
        self._found: dict[Path | None, dict[str, None]] = {}
        self.page: Path | None = None  # the source being rendered: MkDocs' own warnings are about it
        self._warnings = _PageWarnings(self)

    @contextlib.contextmanager
    def about(self, source: Path | None):
        """Stop the build on a mistake, or in the preview note it for the source it concerns and go on."""
        try:
            yield
        except (PluginError, front_matter.FrontMatterError) as error:
            if not self.collecting:
                raise
            if isinstance(error, front_matter.FrontMatterError):
                error = front_matter.format_error(error, self.root)
            self.add(str(error), source)

    def refuse(self, problems: list[str], source: Path | None = None) -> None:
        self.refuse_each({problem: source for problem in problems})

    def refuse_each(self, problems: dict[str, Path | None]) -> None:
        """Stop the build on all these mistakes at once, or in the preview note each for its own source."""
        if problems and not self.collecting:
            raise PluginError("\n".join(problems))
        for problem, source in problems.items():
            self.add(problem, source)

    def add(self, problem: str, source: Path | None) -> None:
        self._found.setdefault(source, {})[problem] = None

    def on_page(self, source: Path | None, folder: Path) -> dict | None:
        """What the preview shows at the top of a page: the page's own mistakes, its language's and the site's."""
        problems = [problem for key in dict.fromkeys((source, folder, None)) for problem in self._found.get(key, {})]
        if not problems:
            return None
        return {"lang": language(), "title": _("Preview only: fix these before publishing"),
                "intro": _("make site and make check refuse to publish while these remain. The preview shows "
                           "the page as far as it can and updates when you save."),
                "problems": list(dict.fromkeys(problems))}

    def watch(self, source: Path | None) -> None:
        """From here until unwatch(), MkDocs' own warnings (a link to a missing page) are about this source."""
        self.page = source
        logger = logging.getLogger("mkdocs")
        if self.collecting and self._warnings not in logger.handlers:
            logger.addHandler(self._warnings)

    def unwatch(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self._warnings)


class _PageWarnings(logging.Handler):
    def __init__(self, notices: Notices) -> None:
        super().__init__(logging.WARNING)
        self.notices = notices

    def emit(self, record: logging.LogRecord) -> None:
        notices = self.notices
        if problem := explain(record.getMessage(), notices.config_file, notices.docs):  # "": a dated copy's
            notices.add(problem, notices.page)
