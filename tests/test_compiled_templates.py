"""The theme's templates are compiled once per build, however many languages it builds."""

from __future__ import annotations

import jinja2
import pytest

from policy_site.templates import CompiledTemplates


def test_each_language_reuses_the_compiled_template_and_an_edited_template_is_compiled_again(
        monkeypatch: pytest.MonkeyPatch):
    compiled = []
    compile_source = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return compile_source(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    sources = {"kuruko-test-page.html": "{{ 1 + 1 }}"}
    store = CompiledTemplates()  # one per plugin, so one per build of every language

    def render_in_a_new_environment() -> str:  # as mkdocs-static-i18n builds each language
        env = jinja2.Environment(loader=jinja2.DictLoader(sources), bytecode_cache=store)
        return env.get_template("kuruko-test-page.html").render()

    assert [render_in_a_new_environment() for _ in ("ja", "en", "de")] == ["2", "2", "2"]
    assert compiled == ["kuruko-test-page.html"]
    sources["kuruko-test-page.html"] = "{{ 2 + 2 }}"  # edited while `mkdocs serve` runs
    assert render_in_a_new_environment() == "4"
    assert compiled == ["kuruko-test-page.html", "kuruko-test-page.html"]
