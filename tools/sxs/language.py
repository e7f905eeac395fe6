"""Guess the language of a document's "English" side from its function words.

A few pipeline files carry French, Spanish or Portuguese where the English
source should be; they must not be published as English. Function words are
frequent and distinctive enough to tell these languages apart on a page of text.
"""

from __future__ import annotations

import re
from collections import Counter

FUNCTION_WORDS = {
    "en": frozenset((
        "the", "and", "to", "of", "in", "is", "you", "your", "for", "on", "with", "that", "this",
        "it", "be", "are", "can", "or", "if", "not", "from", "by", "an",
    )),
    "fr": frozenset((
        "le", "les", "des", "du", "et", "est", "vous", "votre", "vos", "pour", "dans", "une", "que",
        "sur", "pas", "au", "aux", "avec", "cette", "qui", "ou",
    )),
    "es": frozenset((
        "el", "los", "las", "y", "en", "que", "para", "es", "su", "sus", "por", "con", "una", "del",
        "al", "lo", "como", "más",
    )),
    "pt": frozenset((
        "os", "em", "que", "para", "é", "seu", "sua", "com", "uma", "um", "não", "do", "da", "dos",
        "das", "na", "você",
    )),
}
MIN_HITS = 5  # fewer function words than this: too little text to tell
WORD = re.compile(r"[^\W\d_]+")


def guess_language(text: str) -> str | None:
    """The language whose function words dominate ``text``, or None when unsure.

    Another language is named only when it has at least ``MIN_HITS`` function
    words and more than twice as many as English.
    """
    counts = Counter(WORD.findall(text.lower()))
    hits = {lang: sum(counts[word] for word in vocabulary) for lang, vocabulary in FUNCTION_WORDS.items()}
    best = max(hits, key=hits.__getitem__)
    if best == "en":
        return "en" if hits["en"] >= MIN_HITS else None
    return best if hits[best] >= MIN_HITS and hits[best] > 2 * hits["en"] else None
