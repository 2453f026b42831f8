"""Messages staff read, in Japanese unless English is asked for: one gettext catalog for the plugin, scripts and guard.

The msgids in the code are English; locale/ja/LC_MESSAGES/messages.po holds the Japanese.
The .po is compiled when first needed (nothing generated is kept in git), and untranslated or
fuzzy entries fall back to English, which tests/test_messages.py forbids.
POLICY_SITE_MESSAGES=en (or ja) chooses; otherwise LC_ALL, LC_MESSAGES or LANG starting with
'en' means English, and anything else Japanese, the staff's language.
"""

from __future__ import annotations

import functools
import gettext as _gettext
import io
import os
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"
LANGUAGES = ("ja", "en")  # the first is the default
CHOICE = "POLICY_SITE_MESSAGES"


def language() -> str:
    """The language of the messages, read from the environment each time, so a test or a caller may change it."""
    chosen = os.environ.get(CHOICE, "").strip().lower()
    if chosen in LANGUAGES:
        return chosen
    system = next((value for name in ("LC_ALL", "LC_MESSAGES", "LANG") if (value := os.environ.get(name))), "")
    return "en" if system.lower().startswith("en") else LANGUAGES[0]


def _(message: str) -> str:
    """The message in the chosen language; its placeholders ({file}) are filled by the caller with .format."""
    return translations(language()).gettext(message)


def fault(where: str, problem: str, fix: str) -> str:
    """The form of most staff messages: the file and line, what is wrong there, then how to fix it."""
    return explained(f"{where}: {problem}", fix)


def explained(problem: str, fix: str) -> str:
    """What is wrong, then on its own line how to fix it: the one place the words "How to fix" are written."""
    return _("{problem}\n  How to fix: {fix}").format(problem=problem, fix=fix)


def listing(items) -> str:
    """Names listed in a message, joined the way the language joins them."""
    return _(", ").join(items)


@functools.cache
def translations(language: str) -> _gettext.NullTranslations:
    """The catalog of one language, compiled once per process from its .po; English needs none (the msgids are English)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    po = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.is_file():
        return _gettext.NullTranslations()
    with po.open("rb") as source:
        catalog = read_po(source, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # leaves out fuzzy entries, as pybabel compile does
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


def N_(message: str) -> str:
    """Marks a message kept in a constant for extraction; it is translated with _() where it is shown."""
    return message


def extract_with_help(fileobj, keywords, comment_tags, options):
    """For make messages (babel.cfg): a staff command's messages and the docstrings its --help shows.

    A verb is a top-level function of the parsed arguments alone (args: argparse.Namespace); with
    'description = module' in babel.cfg, the module's docstring (the commands' description) too.
    """
    import ast
    import inspect

    from babel.messages.extract import extract_python

    tree = ast.parse(fileobj.read())
    fileobj.seek(0)
    yield from extract_python(fileobj, keywords, comment_tags, options)
    if options.get("description") == "module" and (described := ast.get_docstring(tree)):
        yield 1, "_", inspect.cleandoc(described), []
    for node in tree.body:
        if (isinstance(node, ast.FunctionDef) and [ast.unparse(a.annotation) for a in node.args.args if a.annotation]
                == ["argparse.Namespace"] and (described := ast.get_docstring(node))):
            yield node.lineno, "_", inspect.cleandoc(described), []
