"""Read one amendment instruction, English or French, into :mod:`actions <diffing.amendments.actions>`.

:func:`read_instruction` takes the quotations out (:mod:`.quotes`), then the
paragraph references (:mod:`.places`), and reads the wording left, lower-cased,
against the forms UN amendments are written in:

* words: "In the fourth preambular paragraph, delete “...”", "In operative
  paragraph 1, replace “Takes note” with “Welcomes”", "... insert “of Ukraine”
  after “...”", "after “...”, insert “...”", "At the end of operative paragraph
  5, add “...”", "delete “...” from operative paragraph 3"; several clauses
  joined by "and" or ";"; French "Au quatrième alinéa du préambule, supprimer
  « ... »", "remplacer « ... » par « ... »", "insérer « ... » après « ... »",
  "À la fin du paragraphe 5 du dispositif, ajouter « ... »";
* everywhere: "Replace “Chernobyl” with “Chornobyl” in the title, the
  preambular paragraphs and the operative paragraphs" (or "throughout the
  text"), "Remplacer « ... » par « ... » dans l'ensemble du texte";
* whole paragraphs: "Delete the sixteenth preambular paragraph", "Delete
  operative paragraphs 5 to 7", "Replace operative paragraph 5 with the
  following: ...", "Operative paragraph 5 should read: ...", "After the fifth
  preambular paragraph, insert a new preambular paragraph reading: ...",
  "Insert two new operative paragraphs after operative paragraph 4 ...",
  "Add a new subparagraph to operative paragraph 5 ...", "At the end of the
  operative part, add ..."; French "Supprimer le seizième alinéa du
  préambule", "Remplacer le paragraphe 5 du dispositif par le texte suivant :",
  "Après le paragraphe 4 du dispositif, insérer deux nouveaux paragraphes
  ainsi libellés :";
* the title: "Replace the title with “...”", "Le titre se lira comme suit : ...".

The text of new paragraphs is what follows the first colon outside
quotations ("... reading:", "ainsi libellé :"), else the quotations that end
the instruction. Anything else raises :class:`NotUnderstood`, whose message
says what was not read.

>>> [a] = read_instruction("In operative paragraph 1, replace “Takes note” with “Welcomes”.")
>>> a.verb, a.place.pid, a.old, a.new
('replace', 'OP1', 'Takes note', 'Welcomes')
>>> read_instruction("Supprimer les paragraphes 5 à 7 du dispositif.")[0].places[-1].pid
'OP7'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

from diffing.amendments.actions import (
    Action,
    DeleteParagraphs,
    DeleteSpan,
    EditWords,
    InsertParagraphs,
    Renumber,
    ReplaceEverywhere,
    ReplaceParagraph,
    ReplaceTitle,
    Scope,
)
from diffing.amendments.places import Place, find_places, find_subparagraphs
from diffing.amendments.quotes import extract_quotes, quote_spans
from diffing.lexicon import CARDINAL_PATTERN as CARDINAL
from diffing.lexicon import ORDINAL_PATTERN as ORDINAL
from diffing.lexicon import cardinal_value, ordinal_value

__all__ = ["NotUnderstood", "read_instruction"]


class NotUnderstood(ValueError):
    """The instruction is not in a form resdiff reads; the message says why."""


def _q(name: str) -> str:
    return rf"⟦q(?P<{name}>\d+)⟧"


_P = r"⟦p(?P<p>\d+)⟧"
_ANY_Q = r"⟦q\d+⟧"
#: "the words", "les mots" ... before a quotation
_W = (
    r"(?:(?:the\s+)?(?:following\s*)?(?:words?|phrase|text|terms?|expression)?\s*:?\s+"
    r"|(?:les?\s+)?mots?\s+|l'expression\s+|le\s+membre\s+de\s+phrase\s+)?"
)
_DELETE = r"(?:delete|strike(?:\s+out)?|remove|omit|supprimer|biffer|retirer)"
_REPLACE = r"(?:replace|remplacer)"
_INSERT = r"(?:insert|add|include|insérer|ajouter|inclure)"
_WITH = r"(?:with|by|par)"
_AFTER = r"(?P<where>after|before|following|preceding|après|avant)"
_END = (
    r"(?P<pos>at\s+the\s+(?:end|beginning|start)(?:\s+of\s+the\s+(?:paragraph|sub-?paragraph|sentence|text))?"
    r"|(?:just\s+|immediately\s+)?before\s+the\s+(?:final|closing|last|concluding)\s+"
    r"(?:semi-?colon|full\s+stop|period|comma|colon|punctuation(?:\s+mark)?)"
    r"|avant\s+le\s+(?:point-virgule|point|deux-points)\s+final"
    r"|à\s+la\s+fin|au\s+début)(?:\s+d[eu]\s+(?:l'alinéa|paragraphe|la\s+phrase|texte))?"
)
_VERB = rf"(?:{_DELETE}|{_REPLACE}|substitute|{_INSERT}|after|before|après|avant|at\s+the\s+(?:end|beginning)|à\s+la\s+fin|au\s+début)\b"
_CLAUSE_SPLIT = re.compile(rf"\s*(?:[;,]\s*(?:and\s+|et\s+)?|\s+and\s+|\s+et\s+)(?={_VERB})")
#: words that may stand between a paragraph action and its new text
_TAIL = re.compile(
    r"(?:\s*,?\s*(?:reading|which\s+reads?|(?:to|should|shall|would|will)\s+(?:now\s+)?read"
    r"|as\s+follows|(?:with\s+|by\s+)?the\s+following(?:\s+[a-z-]+){0,3}"
    r"|ainsi\s+(?:libellée?s?|conçue?s?|rédigée?s?)|libellée?s?\s+comme\s+suit|comme\s+suit"
    r"|(?:le|les)\s+(?:texte|libellé|paragraphes?|alinéas?)\s+suivants?|suivante?s?|text)\b)*"
    rf"\s*:?(?:\s*{_ANY_Q}(?:\s*(?:,|and|et))?)*\s*"
)
_WHAT = (
    rf"(?:(?:the\s+following|les?|la|(?P<count>{CARDINAL}))\s+)?(?:new\s+|nouvel(?:le)?s?\s+|nouveaux?\s+)?"
    r"(?:(?P<kind>preambular|operative)\s+)?"
    r"(?P<noun>(?:sous-)?alinéas?|paragraphes?|(?:sub-?)?paragraphs?)\b(?:\s*\(?[a-z]{1,4}\))?"
    r"(?:\s+(?P<part>du\s+préambule|du\s+dispositif))?"
)
_PART_END = (
    r"(?:at\s+the\s+(?P<end>end|beginning)\s+of|(?P<endfr>à\s+la\s+fin|au\s+début))"
    r"\s+(?:the\s+|du\s+|de\s+la\s+|de\s+l')?(?P<partname>preamble|preambular\s+part|operative\s+part"
    r"|draft(?:\s+resolution|\s+decision)?|text|préambule|dispositif|projet\s+de\s+(?:résolution|décision)|texte)"
)
_SCOPE_WORDS = (
    r"throughout|wherever|entire|whole|all\b|ensemble|partout|tout\s+le\s+texte|tout\s+au\s+long"
)
_REST = rf"(?P<rest>{_TAIL.pattern})"
#: "the paragraph" of an instruction under a paragraph named on its own line
_THE_PARAGRAPH = (
    r"\b(?:the|this|that|said)\s+(?:whole\s+|entire\s+|existing\s+)?(?:sub-?)?paragraph\b"
    r"|\b(?:le|ce)\s+(?:sous-)?(?:paragraphe|alinéa)\b(?!\s+\(?[a-z0-9]{1,4}\))|\bcet\s+alinéa\b"
)
_INSERT_FORMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"{_AFTER}\s+{_P}\s*,?\s*{_INSERT}\s+{_WHAT}{_REST}"), "anchor"),
    (re.compile(rf"{_INSERT}\s*,?\s+{_AFTER}\s+{_P}\s*,?\s+{_WHAT}{_REST}"), "anchor"),
    (re.compile(rf"{_INSERT}\s+{_WHAT}\s*,?\s+{_AFTER}\s+{_P}{_REST}"), "anchor"),
    (
        re.compile(
            rf"{_INSERT}\s+(?:an?\s+|un\s+|une\s+)?(?:new\s+|nouvel(?:le)?\s+|nouveau\s+)?{_P}\s*(?:bis|ter|quater){_REST}"
        ),
        "bis",
    ),
    (
        re.compile(
            rf"{_INSERT}\s+(?:an?\s+|un\s+|une\s+)?(?:new\s+|nouvel(?:le)?\s+|nouveaux?\s+){_P}{_REST}"
        ),
        "at",
    ),
    (
        re.compile(
            rf"{_INSERT}\s+{_WHAT}\s+(?:(?:to|in|into|à)\s+|at\s+the\s+end\s+of\s+|à\s+la\s+fin\s+)?{_P}{_REST}"
        ),
        "into",
    ),
    (re.compile(rf"{_INSERT}\s+{_P}\s*,?\s+{_WHAT}{_REST}"), "into"),
    (
        re.compile(
            rf"(?:at\s+the\s+end\s+of|à\s+la\s+fin)\s+{_P}\s*,?\s*{_INSERT}\s+{_WHAT}{_REST}"
        ),
        "into",
    ),
    (re.compile(rf"{_PART_END}\s*,?\s*{_INSERT}\s+{_WHAT}{_REST}"), "part"),
    (re.compile(rf"{_INSERT}\s+{_WHAT}\s*,?\s+{_PART_END}{_REST}"), "part"),
]


def _split_block(text: str) -> tuple[str, str]:
    """The wording of the instruction, and the text of new paragraphs after its
    first colon outside quotations ("... reading:", "ainsi libellé :")."""
    spans = quote_spans(text)
    for i, c in enumerate(text):
        if c == ":" and not any(a <= i < b for a, b in spans):
            return text[: i + 1], text[i + 1 :]
    return text, ""


_RENUMBER = re.compile(
    r"\s*[,;]?\s*(?:and\s+|et\s+)?(?:renumber|renuméroter)\b[^⟦]*$|\s*\((?:renumber|renuméroter)[^)]*\)\s*$"
)


def _clean(skeleton: str) -> str:
    """Lower case, one space, no closing full stop, no "and renumber accordingly"."""
    s = skeleton.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")
    s = " ".join(s.split()).lower().strip().rstrip(".;").strip()
    return _RENUMBER.sub("", s).rstrip(".;,").strip()


def _where(word: str | None) -> Literal["after", "before"]:
    return "before" if (word or "").lower() in ("before", "preceding", "avant") else "after"


def _new_kind(
    kind: str | None, noun: str | None, part: str | None
) -> Literal["preambular", "operative", "subparagraph"] | None:
    if kind:
        return "preambular" if kind.startswith("pream") else "operative"
    n = (noun or "").lower()
    if n.startswith(("sub", "sous")):
        return "subparagraph"
    if part:
        return "preambular" if "préambule" in part else "operative"
    return None


def _strip_quotes(text: str) -> str:
    t = text.strip().rstrip(".")
    if len(t) >= 2 and t[0] in '“«"' and t[-1] in '”»"':
        return t[1:-1]
    return t


class _Reader:
    """One instruction being read: its quotations, places and new text."""

    def __init__(self, text: str, *, split: bool = True) -> None:
        head, self.block = _split_block(text) if split else (text, "")
        skeleton, self.quotes = extract_quotes(head)
        skeleton, self.places = find_places(skeleton.replace("’", "'"))
        self.s = _clean(skeleton)
        self._heading()
        self._subparagraphs()

    def _heading(self) -> None:
        """A paragraph named on its own, then what to do with it ("Operative paragraph
        4 / Delete the paragraph."): "the paragraph" stands for it."""
        m = re.fullmatch(r"⟦p(?P<n>\d+)⟧\s*[:.]?\s+(?P<rest>[^,].*)", self.s)
        if not m:
            return
        rest = m.group("rest")
        if "⟦p" in rest:  # "Operative paragraph 4 / Delete operative paragraph 4."
            self.s = rest
            return
        new, count = re.subn(_THE_PARAGRAPH, f"⟦p{m.group('n')}⟧", rest, count=1)
        if count:
            self.s = new

    def _subparagraphs(self) -> None:
        """ "In operative paragraph 20, delete subparagraphs (m) and (q)": the
        sub-paragraphs named by their labels alone are those of the paragraph named."""
        m = re.fullmatch(
            r"(?:(?:in|within|dans|à|au|en)\s+)?⟦p(?P<n>\d+)⟧\s*[,:]?\s*(?P<rest>.+)", self.s
        )
        if not m or len(self.places[int(m.group("n"))]) != 1:
            return
        parent = self.places[int(m.group("n"))][0]
        rest, found = find_subparagraphs(m.group("rest"), parent, len(self.places))
        if found and parent.kind != "title":
            self.places.extend(found)
            self.s = rest

    def q(self, m: re.Match[str], group: str) -> str:
        return self.quotes[int(m.group(group))]

    def one_place(self, m: re.Match[str]) -> Place:
        places = self.places[int(m.group("p"))]
        if len(places) != 1:
            raise NotUnderstood("one paragraph expected, several named")
        return places[0]

    def new_text(self, rest: str) -> str:
        """The new text: after the colon, else the quotations left in ``rest``."""
        if self.block.strip():
            return self.block
        found = [self.quotes[int(n)] for n in re.findall(r"⟦q(\d+)⟧", rest)]
        if not found:
            raise NotUnderstood("the new text is missing")
        return "\n\n".join(found)

    # -- whole-instruction forms ----------------------------------------------

    def everywhere(self) -> list[Action] | None:
        pair = rf"{_REPLACE}\s+{_W}{_q('a')}\s+{_WITH}\s+{_W}{_q('b')}"
        m = re.fullmatch(rf"{pair}\s*,?\s+(?P<scope>.+)", self.s) or re.fullmatch(
            rf"(?P<scope>(?:throughout|in|dans|partout)\b[^,]*?)\s*,\s*{pair}", self.s
        )
        if not m:
            return None
        scopes = self.scopes(m.group("scope"))
        if scopes is None or (
            scopes == {"title"} and not re.search(_SCOPE_WORDS, m.group("scope"))
        ):
            return None  # words of one paragraph, or of the title
        return [ReplaceEverywhere(self.q(m, "a"), self.q(m, "b"), scopes)]

    def scopes(self, text: str) -> frozenset[Scope] | None:
        """The parts a scope phrase names; None when it names paragraphs."""
        out: set[Scope] = set()
        for n in re.findall(r"⟦p(\d+)⟧", text):
            if any(p.kind != "title" for p in self.places[int(n)]):
                return None
            out.add("title")
        if re.search(r"\btit(?:le|re)\b", text):
            out.add("title")
        if re.search(r"pream|préam", text):
            out.add("preamble")
        if re.search(r"operative|dispositif", text):
            out.add("operative")
        if re.search(_SCOPE_WORDS, text):
            out.update(("title", "preamble", "operative"))
        return frozenset(out) if out else None

    def delete_paragraphs(self) -> list[Action] | None:
        m = re.fullmatch(rf"{_DELETE}\s+{_P}", self.s) or re.fullmatch(
            rf"{_P}\s+(?:(?:should|shall|is\s+to|are\s+to|must)\s+be\s+deleted|(?:est|sont)\s+supprimée?s?)",
            self.s,
        )
        if not m:
            return None
        places = self.places[int(m.group("p"))]
        if any(p.kind == "title" for p in places):
            raise NotUnderstood("the title cannot be deleted")
        return [DeleteParagraphs(tuple(places))]

    def replace_paragraph(self) -> list[Action] | None:
        forms = (
            rf"{_REPLACE}\s+(?:(?:the\s+)?(?:(?:existing|current|present)\s+)?(?:text|wording)\s+of\s+"
            rf"|the\s+(?:existing|current|present)\s+|le\s+(?:texte|libellé)\s+d[eu]\s+)?{_P}\s+{_WITH}\b{_REST}",
            rf"(?:amend|modify|revise|modifier)\s+{_P}\s*(?:so\s+as\s+)?(?:to\s+read|as\s+follows|comme\s+suit|pour\s+qu'il\s+se\s+lise\s+comme\s+suit){_REST}",
            rf"{_P}\s+(?:(?:should|shall|would|will|is\s+to)\s+(?:now\s+)?(?:read|be\s+replaced\s+(?:with|by))"
            r"|is\s+replaced\s+(?:with|by)|se\s+lir(?:a|ait)|est\s+remplacée?\s+par|sera\s+libellée?"
            r"|to\s+read|(?:is|be|shall\s+be|should\s+be|to\s+be)\s+(?:amended|revised|modified)"
            r"(?:\s+(?:so\s+)?as)?\s+(?:to\s+read|follows)"
            r"|doit\s+se\s+lire|(?:est|sera)\s+(?:ainsi\s+)?(?:modifiée?|libellée?|rédigée?)(?:\s+comme\s+suit)?)"
            + _REST,
        )
        for form in forms:
            m = re.fullmatch(form, self.s)
            if m:
                places = self.places[int(m.group("p"))]
                text = self.new_text(m.group("rest"))
                if len(places) > 1:  # "Replace operative paragraphs 5 and 6 with the following:"
                    return _replace_several(places, text)
                if places[0].kind == "title":
                    return [ReplaceTitle(" ".join(_strip_quotes(text).split()))]
                return [ReplaceParagraph(places[0], text)]
        return None

    def insert_paragraphs(self) -> list[Action] | None:
        for pattern, how in _INSERT_FORMS:
            m = pattern.fullmatch(self.s)
            if m:
                return [self._insert(m, how)]
        return None

    def _insert(self, m: re.Match[str], how: str) -> InsertParagraphs:
        g = m.groupdict()
        kind = _new_kind(g.get("kind"), g.get("noun"), g.get("part"))
        count = cardinal_value(g["count"]) if g.get("count") else None
        text = self.new_text(m.group("rest"))
        if how == "part":
            part: Literal["PP", "OP"] = (
                "PP" if re.search(r"pream|préam", m.group("partname")) else "OP"
            )
            start = bool(re.search(r"beginning|début", m.group(0)[: m.start("partname")]))
            if kind is None:
                kind = "preambular" if part == "PP" else "operative"
            return InsertParagraphs(text, "start" if start else "end", None, part, kind, count)
        if how == "at":  # "insert a new operative paragraph 5": the paragraph numbered 5
            places = self.places[int(m.group("p"))]
            at = places[0]
            kind = "subparagraph" if at.sub else ("preambular" if at.kind == "PP" else "operative")
            if at.kind == "title":
                raise NotUnderstood("new paragraphs cannot go next to the title")
            count = len(places) if len(places) > 1 else count
            return InsertParagraphs(text, "at", at, "PP" if at.kind == "PP" else "OP", kind, count)
        anchor = self.one_place(m)
        part = "PP" if anchor.kind == "PP" else "OP"
        if how == "into":
            return InsertParagraphs(text, "into", anchor, part, "subparagraph", count)
        if how == "bis":
            kind = "preambular" if anchor.kind == "PP" else "operative"
            return InsertParagraphs(text, "after", anchor, part, kind, 1)
        return InsertParagraphs(text, _where(m.group("where")), anchor, part, kind, count)

    # -- words ----------------------------------------------------------------

    def words(self) -> list[Action] | None:
        m = re.fullmatch(
            r"(?:(?:in|within|dans|à|en)\s+)?"
            r"(?:(?:the\s+)?(?P<end>at\s+the\s+end\s+of|at\s+the\s+beginning\s+of|à\s+la\s+fin|au\s+début)\s+)?"
            rf"{_P}\s*,?\s*(?P<rest>.+)",
            self.s,
        ) or re.fullmatch(rf"(?P<rest>.+?)\s*,?\s+(?:in|from|of|dans|de|du|à)?\s*{_P}", self.s)
        if not m:
            # the paragraph in the middle: "add at the end of operative paragraph 24: “...”",
            # "replace the last sentence of operative paragraph 3 with “...”"
            m = re.fullmatch(
                rf"(?P<a>.+?)\s+(?:(?:of|in|from|to|dans|de|du|à)\s+)?{_P}\s*[,:]?\s*(?P<b>.+)",
                self.s,
            )
            if not m:
                return None
            return self.each(m, f"{m.group('a')} {m.group('b')}", None)
        at = m.groupdict().get("end")
        where = ("start" if re.search(r"beginning|début", at) else "end") if at else None
        return self.each(m, m.group("rest"), where)

    def each(self, m: re.Match[str], rest: str, where: str | None) -> list[Action]:
        """The clauses of ``rest`` in each paragraph named ("In the third and fourth
        preambular paragraphs, replace ...", "... in operative paragraphs 3 and 7")."""
        return [a for p in self.places[int(m.group("p"))] for a in self.clauses(rest, p, where)]

    def clauses(self, rest: str, place: Place, where: str | None) -> list[Action]:
        """The clauses of ``rest`` ("replace ... and delete ..."), each read whole: a
        piece that does not read on its own is joined to the next ("after ..., insert ...")."""
        out: list[Action] = []
        cur = ""
        pos = 0
        cuts = [*_CLAUSE_SPLIT.finditer(rest), None]
        for cut in cuts:
            piece = rest[pos : cut.start() if cut else len(rest)]
            cur = cur + piece
            actions = self.clause(cur.strip(" ,"), place, where)
            if actions is not None:
                out.extend(actions)
                cur = ""
            elif cut is not None:
                cur += cut.group(0)
            pos = cut.end() if cut else len(rest)
        if cur.strip(" ,"):
            raise NotUnderstood(f"not read: “{cur.strip(' ,')}”")
        return out

    def clause(self, c: str, place: Place, where: str | None) -> list[Action] | None:
        numbers = [int(n) for n in re.findall(r"⟦q(\d+)⟧", c)]
        if re.fullmatch(_DELETE_MANY, c):  # "delete “X” and “Y”"
            return [EditWords("delete", place, old=self.quotes[n]) for n in numbers]
        if re.fullmatch(_REPLACE_MANY, c):  # "replace “A” with “B” and “C” with “D”"
            pairs = zip(numbers[::2], numbers[1::2], strict=True)
            return [
                EditWords("replace", place, old=self.quotes[a], new=self.quotes[b])
                for a, b in pairs
            ]
        for pattern, build in _CLAUSES:
            m = re.fullmatch(pattern, c)
            if m:
                return [build(self, m, place, where)]
        return None


def _delete(r: _Reader, m: re.Match[str], place: Place, where: str | None) -> Action:
    return EditWords("delete", place, old=r.q(m, "a"))


def _replace(r: _Reader, m: re.Match[str], place: Place, where: str | None) -> Action:
    return EditWords("replace", place, old=r.q(m, "a"), new=r.q(m, "b"))


def _insert_at(r: _Reader, m: re.Match[str], place: Place, where: str | None) -> Action:
    return EditWords(
        "insert", place, new=r.q(m, "a"), anchor=r.q(m, "b"), where=_where(m.group("where"))
    )


def _replace_several(places: list[Place], text: str) -> list[Action]:
    """Several paragraphs replaced by new text: they go, the new ones stand before them."""
    first = places[0]
    if any(p.kind == "title" for p in places):
        raise NotUnderstood("the title and paragraphs replaced together")
    kind: Literal["preambular", "operative", "subparagraph"] = (
        "subparagraph" if first.sub else ("preambular" if first.kind == "PP" else "operative")
    )
    part: Literal["PP", "OP"] = "PP" if first.kind == "PP" else "OP"
    return [DeleteParagraphs(tuple(places)), InsertParagraphs(text, "before", first, part, kind)]


def _sentence(m: re.Match[str]) -> int:
    word = m.group("ord") or m.group("ordfr")
    if re.fullmatch(r"last|final|dernière", word):
        return -1
    n = ordinal_value(word)
    if n is None:
        raise NotUnderstood(f"which sentence is “{word}”")
    return n


def _delete_sentence(r: _Reader, m: re.Match[str], place: Place, where: str | None) -> Action:
    return EditWords("delete", place, sentence=_sentence(m))


def _replace_sentence(r: _Reader, m: re.Match[str], place: Place, where: str | None) -> Action:
    return EditWords("replace", place, new=r.q(m, "b"), sentence=_sentence(m))


def _delete_after(r: _Reader, m: re.Match[str], place: Place, where: str | None) -> Action:
    return DeleteSpan(place, r.q(m, "a"), after=True)


def _delete_range(r: _Reader, m: re.Match[str], place: Place, where: str | None) -> Action:
    end = r.q(m, "b") if m.group("b") is not None else ""
    return DeleteSpan(place, r.q(m, "a"), end)


def _insert_end(r: _Reader, m: re.Match[str], place: Place, where: str | None) -> Action:
    pos = m.groupdict().get("pos") or where
    if pos is None:
        raise NotUnderstood("where the words go is not said")
    start = re.search(r"beginning|début|start", pos)
    return EditWords("insert", place, new=r.q(m, "a"), where="start" if start else "end")


_DELETE_MANY = rf"{_DELETE}\s+{_W}{_ANY_Q}(?:\s*(?:,|and|et)\s*{_W}{_ANY_Q})+"
_PAIR = rf"{_W}{_ANY_Q}\s+{_WITH}\s+{_W}{_ANY_Q}"
_REPLACE_MANY = rf"{_REPLACE}\s+{_PAIR}(?:\s*(?:,|;|,?\s*and|,?\s*et)\s*{_PAIR})+"
_Build = Callable[[_Reader, re.Match[str], Place, str | None], Action]
_BE = r"(?:(?:should|shall|is\s+to|are\s+to|must|will)\s+be|is|are|be)"
_SENTENCE = rf"(?:the\s+(?P<ord>{ORDINAL}|last|final)\s+sentence|la\s+(?P<ordfr>{ORDINAL}|dernière)\s+phrase)"
_TO_END = (
    r"(?:(?:up\s+)?to|until|through|jusqu'à|à)\s+(?:and\s+including\s+)?"
    r"(?:the\s+end(?:\s+of\s+the\s+(?:paragraph|sub-?paragraph|sentence))?"
    r"|la\s+fin(?:\s+du\s+paragraphe|\s+de\s+l'alinéa|\s+de\s+la\s+phrase)?)"
)
_CLAUSES: list[tuple[str, _Build]] = [
    (rf"{_DELETE}\s+{_W}{_q('a')}", _delete),
    (
        rf"{_W}{_q('a')}\s+(?:{_BE}\s+deleted|(?:est|sont)\s+supprimée?s?|(?:doit|doivent)\s+être\s+supprimée?s?)",
        _delete,
    ),
    (rf"{_REPLACE}\s+{_W}{_q('a')}\s+{_WITH}\s+{_W}{_q('b')}", _replace),
    (
        rf"{_W}{_q('a')}\s+(?:{_BE}\s+replaced\s+(?:with|by)|(?:should|shall|would|to)\s+(?:now\s+)?read"
        rf"|(?:est|sont)\s+remplacée?s?\s+par)\s+{_W}{_q('b')}",
        _replace,
    ),
    (rf"{_DELETE}\s+{_SENTENCE}", _delete_sentence),
    (rf"{_REPLACE}\s+{_SENTENCE}\s+{_WITH}\s+{_W}{_q('b')}", _replace_sentence),
    (
        rf"{_DELETE}\s+(?:all\s+(?:of\s+)?)?(?:the\s+)?(?:rest\s+of\s+the\s+)?"
        r"(?:text|words?|wording|everything|remainder(?:\s+of\s+the\s+(?:paragraph|sentence))?"
        r"|(?:le\s+)?texte|les\s+mots|tout\s+ce\s+qui)?\s*(?:that\s+)?(?:comes?\s+|appears?\s+|suit\s+)?"
        rf"(?:after|following|après)\s+{_W}{_q('a')}(?:\s*,?\s*{_TO_END})?",
        _delete_after,
    ),
    (
        rf"{_DELETE}\s+(?:(?:the\s+)?(?:text|words?|wording)\s+|(?:le\s+texte|les\s+mots)\s+)?"
        rf"(?:from|starting\s+(?:with|from)|depuis|de)\s+{_W}{_q('a')}\s*,?\s*"
        rf"(?:(?:(?:up\s+)?to|until|through|jusqu'à|à)\s+(?:and\s+including\s+)?{_W}{_q('b')}|{_TO_END})"
        r"(?:\s*,?\s*(?:inclusive(?:ly)?|inclus))?",
        _delete_range,
    ),
    (
        rf"{_INSERT}\s+(?:the\s+following\s+(?:words?\s+|text\s+)?)?{_END}\s*:?\s*{_W}{_q('a')}",
        _insert_end,
    ),
    (rf"substitute\s+{_W}{_q('b')}\s+for\s+{_W}{_q('a')}", _replace),
    (rf"{_INSERT}\s+{_W}{_q('a')}\s*,?\s+{_AFTER}\s+{_W}{_q('b')}", _insert_at),
    (rf"{_AFTER}\s+{_W}{_q('b')}\s*,?\s*{_INSERT}\s+{_W}{_q('a')}", _insert_at),
    (rf"{_INSERT}\s+{_W}{_q('a')}(?:\s*,?\s+{_END})?", _insert_end),
    (rf"{_END}\s*,?\s*{_INSERT}\s+{_W}{_q('a')}", _insert_end),
]


def read_instruction(text: str) -> list[Action]:
    """The actions of one instruction, in order; :class:`NotUnderstood` if unread."""
    if not text or not text.strip():
        raise NotUnderstood("the instruction is empty")
    r = _Reader(text)
    if not r.s and not r.quotes and re.search(r"\b(?:renumber|renuméroter)", text, re.IGNORECASE):
        return [Renumber()]  # "Renumber the subsequent paragraphs accordingly."
    if r.block.strip() and re.fullmatch(rf"{_P}\s*:", r.s):
        # "Operative paragraph 5: replace “X” with “Y”"
        head, _, rest = text.partition(":")
        r = _Reader(f"In {head.strip()}, {rest.strip()}")
    for form in (r.everywhere, r.delete_paragraphs, r.replace_paragraph, r.insert_paragraphs):
        found = form()
        if found is not None:
            return found
    if r.block.strip():
        # a colon before quoted words ("add the following words: “...”"): read it whole
        found = _Reader(text, split=False).words()
        if found is None:
            raise NotUnderstood("new text is given, but not where it goes")
        return found
    found = r.words()
    if found is None:
        raise NotUnderstood("no paragraph of the draft is named" if not r.places else "not read")
    return found
