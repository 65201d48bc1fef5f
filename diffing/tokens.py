"""Tokens of a paragraph: words and punctuation, each carrying its own spacing.

A token is the original text of one word (``73/11``, ``Counter-Terrorism``,
``l’Organisation`` and ``money-\\nlaundering`` are one word each) or one
punctuation sign, with the whitespace that follows it; the first token also
carries any leading whitespace. Concatenating the tokens gives the text back
exactly. Each token has a key (:func:`diffing.normalize.token_key`) that is
compared instead of the text.

>>> [t.text for t in tokenize("Urges  States, inter alia;")]
['Urges  ', 'States', ', ', 'inter ', 'alia', ';']
>>> paragraph_key("Recalling  “its” resolution\\u00a073/11 ,")
'Recalling " its " resolution 73/11 ,'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from diffing.normalize import INNER_HYPHEN, fold_chars, token_key

__all__ = ["Token", "paragraph_key", "split_tokens", "tokenize"]

_WORD = r"\w+(?:(?:[-\u2010\u2011\u2012\u2212\u00ad]\s*|['\u2019/.:](?=\w)|(?<=\d),(?=\d))\w+)*|\S"
_TOKEN = re.compile(rf"\s*(?:{_WORD})\s*")
_BARE = re.compile(_WORD)
_INVISIBLE_CHARS = "\u00ad\u200b\u2060\ufeff"  # looked for with ``in``: faster than a class
_HYPHEN_SPACE = re.compile(r"-(?<=\w-)\s+(?=\w)")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    key: str


@lru_cache(maxsize=4096)
def split_tokens(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The token texts and the token keys of *text*, as two parallel tuples."""
    # fast path: texts and keys each in one C-level pass, zipped when they agree
    # (they may not around zero-width characters and soft hyphens: slow path)
    texts = _TOKEN.findall(text)
    if texts and not any(c in text for c in _INVISIBLE_CHARS):
        keys = paragraph_key(text).split(" ")
        if len(keys) == len(texts) and "".join(texts) == text:
            return tuple(texts), tuple(keys)
    slow = _tokenize_slowly(text)
    return tuple(t.text for t in slow), tuple(t.key for t in slow)


def _tokenize_slowly(text: str) -> tuple[Token, ...]:
    out: list[Token] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() != pos:  # pragma: no cover - the pattern covers everything
            raise AssertionError("tokenizer skipped text")
        tok = m.group()
        out.append(Token(tok, token_key(tok)))
        pos = m.end()
    if pos != len(text):
        # only whitespace can be left (an all-blank text): keep it on a last token
        if out:
            out[-1] = Token(out[-1].text + text[pos:], out[-1].key)
        else:
            out.append(Token(text, ""))
    return tuple(out)


def tokenize(text: str) -> tuple[Token, ...]:
    """Split *text* into tokens whose texts concatenate back to *text*."""
    texts, keys = split_tokens(text)
    return tuple(map(Token, texts, keys))


@lru_cache(maxsize=8192)
def paragraph_key(text: str) -> str:
    """The key two paragraphs share exactly when they differ only in typography.

    It is the token keys joined by one space, computed in one pass over the
    folded text (the fast twin of ``" ".join(t.key for t in tokenize(text))``).
    """
    joined = " ".join(_BARE.findall(_HYPHEN_SPACE.sub("-", fold_chars(text))))
    return INNER_HYPHEN.sub("", joined)
