"""The README's input-contract tables are generated from the field registry."""

from greenkit.fields.docs import render
from greenkit.paths import home


def test_readme_field_tables_are_current():
    text = (home() / "README.md").read_text(encoding="utf-8")
    assert "<!-- fields:loans -->" in text
    assert render(text) == text, "run: python -m greenkit.fields.docs"


def test_readme_opens_with_the_two_commands():
    head = (home() / "README.md").read_text(encoding="utf-8")[:600]
    assert "make demo" in head and "make test" in head
