"""Numbers in Russian text: Roman numerals, ordinals, cardinals and anniversaries.

These are functions over short strings (a token or a few words); callers decide the
context ("X Международный сбор" → edition 10, "80-летию Победы" → 80). Word forms are
read through pymorphy3 (any case, any gender), so "десятого", "десятую", "десятый" are
all 10.
"""

from __future__ import annotations

import re

from svodka.text.morph import analyze

__all__ = ["anniversary", "cardinal", "ordinal_to_int", "roman_to_int"]

_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
# Russian texts often type X and I with Cyrillic look-alikes ("Х Международный сбор").
# Only Х and І: Cyrillic С and М are too often a preposition or an initial.
_CYRILLIC_ROMAN = str.maketrans({"Х": "X", "І": "I"})

_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—−", "-"))
# "85-го", "85-е", "3-ем", "10-й", "85-х"; not "5-ти"/"5 лет" (cardinal)
_NUMERIC_ORDINAL = re.compile(
    r"^(\d{1,4})-?(й|я|е|ю|х|м|го|му|ми|ой|ый|ий|ая|ое|ую|ые|ых|ым|ом|ем|им|ей|ье|ья|ого|ому)$"
)
_DIGITS = re.compile(r"^\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+$|^\d+$")
_NUMERIC_CARDINAL = re.compile(r"^(\d+)-(?:[а-я]{1,3})$")  # "5-ти", "2-х"

_CARDINALS: dict[str, int] = {
    "ноль": 0, "нуль": 0, "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5,
    "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10,
    "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14,
    "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18,
    "девятнадцать": 19, "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50,
    "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90,
    "сто": 100, "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500,
    "шестьсот": 600, "семьсот": 700, "восемьсот": 800, "девятьсот": 900,
}  # fmt: skip
_MULTIPLIERS = {"тысяча": 1000, "миллион": 10**6, "миллиард": 10**9}

_ORDINALS: dict[str, int] = {
    "первый": 1, "второй": 2, "третий": 3, "четвертый": 4, "пятый": 5, "шестой": 6,
    "седьмой": 7, "восьмой": 8, "девятый": 9, "десятый": 10, "одиннадцатый": 11,
    "двенадцатый": 12, "тринадцатый": 13, "четырнадцатый": 14, "пятнадцатый": 15,
    "шестнадцатый": 16, "семнадцатый": 17, "восемнадцатый": 18, "девятнадцатый": 19,
    "двадцатый": 20, "тридцатый": 30, "сороковой": 40, "пятидесятый": 50,
    "шестидесятый": 60, "семидесятый": 70, "восьмидесятый": 80, "девяностый": 90,
    "сотый": 100, "двухсотый": 200, "трехсотый": 300, "четырехсотый": 400,
    "пятисотый": 500, "шестисотый": 600, "семисотый": 700, "восьмисотый": 800,
    "девятисотый": 900, "тысячный": 1000,
}  # fmt: skip

# Stems of numbers inside compounds: "двадцатипяти|летие", "сто|летие", "тысяче|летие".
_COMPOUND_STEMS: dict[str, int] = {
    "двух": 2, "трех": 3, "четырех": 4, "пяти": 5, "шести": 6, "семи": 7, "восьми": 8,
    "девяти": 9, "десяти": 10, "одиннадцати": 11, "двенадцати": 12, "тринадцати": 13,
    "четырнадцати": 14, "пятнадцати": 15, "шестнадцати": 16, "семнадцати": 17,
    "восемнадцати": 18, "девятнадцати": 19, "двадцати": 20, "тридцати": 30,
    "сорока": 40, "пятидесяти": 50, "шестидесяти": 60, "семидесяти": 70,
    "восьмидесяти": 80, "девяноста": 90, "сто": 100, "двухсот": 200, "трехсот": 300,
    "четырехсот": 400, "пятисот": 500, "тысяче": 1000,
}  # fmt: skip
_STEMS_LONGEST_FIRST = sorted(_COMPOUND_STEMS, key=len, reverse=True)

_LET = r"лет(?:ие|ия|ию|ием|ии|ний|него|нему|нем|ним|няя|ней|нюю|нее|ние|них|ними)"
_NUMERIC_ANNIVERSARY = re.compile(r"(?<!\d)(\d{1,4})-?" + _LET + r"(?![а-я])")
_WORD_ANNIVERSARY = re.compile(r"(?<![а-я])([а-я]+?)" + _LET + r"(?![а-я])")
_WORD = re.compile(r"[а-я]+|\d+(?:-[а-я]{1,3})?")


def _norm(text: str) -> str:
    return text.strip().translate(_DASHES).lower().replace("ё", "е")


def roman_to_int(s: str) -> int | None:
    """A Roman numeral in standard upper-case form ("X" → 10, "XXI" → 21), else None.

    Lower case, non-standard ("IIII", "VV") and empty strings give None. Any upper-case
    string of Roman letters counts ("MIX" → 1009): callers decide the context.
    """
    s = s.strip().translate(_CYRILLIC_ROMAN)
    if not s or not _ROMAN.match(s):
        return None
    total = 0
    for a, b in zip(s, s[1:] + " ", strict=True):
        value = _ROMAN_VALUES[a]
        total += -value if b != " " and _ROMAN_VALUES[b] > value else value
    return total


def _lookup(word: str, table: dict[str, int]) -> int | None:
    """The value of the first analysis of a word whose normal form is in the table."""
    if word in table:
        return table[word]
    for parse in analyze(word):
        value = table.get(parse.normal_form.replace("ё", "е"))
        if value is not None:
            return value
    return None


def _rank(v: int) -> int:
    return 2 if v >= 100 else 1 if v >= 20 else 0


def _compose(values: list[int]) -> int | None:
    """Sum of number words from hundreds to units ("сто двадцать пять"), else None."""
    for a, b in zip(values, values[1:], strict=False):
        if _rank(b) >= _rank(a) or (_rank(a) == 1 and b >= 10):
            return None
    return sum(values)


def ordinal_to_int(token_text: str) -> int | None:
    """An ordinal as a number: "85-го" → 85, "3-ем" → 3, "X" → 10, "десятого" → 10,
    "двадцать пятого" → 25, "сто первый" → 101; None when it is not an ordinal."""
    roman = roman_to_int(token_text)
    if roman is not None:
        return roman
    text = _norm(token_text)
    if not text:
        return None
    if text.isdigit():
        return int(text)
    m = _NUMERIC_ORDINAL.match(text)
    if m:
        return int(m.group(1))
    words = text.split()
    if not all(w.isalpha() for w in words):
        return None
    last = _lookup(words[-1], _ORDINALS)
    if last is None:
        return None
    head = [_lookup(w, _CARDINALS) for w in words[:-1]]
    if any(v is None for v in head):
        return None
    return _compose([v for v in head if v is not None] + [last])


def cardinal(text: str) -> int | None:
    """A cardinal as a number: "пять"/"пяти" → 5, "14" → 14, "1 200" → 1200, "5-ти" → 5,
    "сорок" → 40, "двести тридцать" → 230, "две тысячи двадцать пять" → 2025."""
    text = _norm(text)
    if not text:
        return None
    if _DIGITS.match(text):
        return int(re.sub(r"\D", "", text))
    m = _NUMERIC_CARDINAL.match(text)
    if m:
        return int(m.group(1))
    words = text.split()
    if not all(w.isalpha() for w in words):
        return None
    total = 0
    last_mult = 0
    group: list[int] = []
    for w in words:
        mult = _lookup(w, _MULTIPLIERS)
        if mult is not None and (not last_mult or mult < last_mult):
            small = _compose(group) if group else 1
            if not small:
                return None
            total += small * mult
            last_mult = mult
            group = []
            continue
        value = _lookup(w, _CARDINALS)
        if value is None:
            return None
        group.append(value)
    if group:
        small = _compose(group)
        if small is None:
            return None
        total += small
    return total


def _compound(prefix: str) -> int | None:
    """The number spelled inside a compound: "двадцатипяти" → 25, "сто" → 100."""
    values = []
    rest = prefix
    while rest:
        for stem in _STEMS_LONGEST_FIRST:
            if rest.startswith(stem):
                values.append(_COMPOUND_STEMS[stem])
                rest = rest[len(stem) :]
                break
        else:
            return None
    return _compose(values) if values else None


def anniversary(text: str) -> int | None:
    """The number of years of an anniversary: "80-летие" → 80, "100-летию" → 100,
    "30-летнюю годовщину" → 30, "75-й годовщины" → 75, "столетие" → 100; else None."""
    text = _norm(text)
    m = _NUMERIC_ANNIVERSARY.search(text)
    if m:
        return int(m.group(1))
    for m in _WORD_ANNIVERSARY.finditer(text):
        value = _compound(m.group(1))
        if value is not None:
            return value
    words = _WORD.findall(text)
    for k, w in enumerate(words):
        if w.startswith("годовщин") and k:
            for size in (3, 2, 1):
                if k - size >= 0:
                    value = ordinal_to_int(" ".join(words[k - size : k]))
                    if value is not None:
                        return value
    return None
