"""Words in another language than the page's, or a translation that is not current: said by their type.

:class:`ForeignWords` is a ``str`` that also says which language its words are in and why
they are there. It is made in two places:

- :func:`generator.project.translations.localise`, for content on a page of another
  language than the content's default: a text not yet translated (``"untranslated"``, in
  the default language) and a translation written for an earlier source text
  (``"stale"``, in the page's own language: ``language`` is ``""``);
- the builders' ``t`` (:meth:`generator.document.build.Builder.t`), for an interface
  string the catalogue of the page's language lacks (``"fallback"``, in English).

It behaves as its words everywhere a ``str`` goes (compared, hashed, written as JSON or
as an attribute: plain words), so titles, menus and attributes need nothing. What is
lost is lost honestly: a ``str`` operation (formatting, joining, splitting) gives a plain
``str``. The document builders keep the information where it shows: they put the nodes
made from such a text in a :class:`~generator.document.nodes.Foreign` node, which every
writer renders (the site as ``<span lang>``, Typst as ``text(lang: …)``, Word as
``w:lang`` on the runs). Nothing is written into the text itself.
"""

from __future__ import annotations

from typing import Any

STATES = ("fallback", "untranslated", "stale")
"""Why words are shown that are not the page's language's current words."""


class ForeignWords(str):
    """Words with their language (a BCP 47 tag; ``""``: the page's own) and their state (:data:`STATES`)."""

    language: str
    state: str

    def __new__(cls, text: str, language: str, state: str) -> "ForeignWords":
        if state not in STATES:
            raise ValueError(f"unknown state {state!r}; states: {', '.join(STATES)}")
        made = super().__new__(cls, text)
        object.__setattr__(made, "language", language)
        object.__setattr__(made, "state", state)
        return made

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __reduce__(self) -> tuple:  # crosses into worker processes with the printables
        return (ForeignWords, (str(self), self.language, self.state))

    def __repr__(self) -> str:
        return f"ForeignWords({str(self)!r}, {self.language!r}, {self.state!r})"

    def again(self, text: str) -> "ForeignWords":
        """Other words (this text squashed, say) in the same language and state."""
        return ForeignWords(text, self.language, self.state)


def kept(original: str, text: str) -> str:
    """``text`` (made from ``original``) with ``original``'s language and state, if it had any."""
    return original.again(text) if isinstance(original, ForeignWords) else text
