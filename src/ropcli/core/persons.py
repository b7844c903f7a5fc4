"""Russian forms of people's names for letters: initials, the dative case of the address
block, the salutation. Only forms that follow from regular endings are produced; anything
else keeps a form that needs no case («Руководителю …» and the name in full)."""

from __future__ import annotations

# The head's position as the first line of the address block, in the dative.
_POSITIONS = {
    "директор": "Директору",
    "заведующий": "Заведующему",
    "заведующая": "Заведующей",
    "руководитель": "Руководителю",
    "ректор": "Ректору",
    "начальник": "Начальнику",
}
_FEMALE_SURNAME = (
    ("ова", "овой"),
    ("ева", "евой"),
    ("ёва", "ёвой"),
    ("ина", "иной"),
    ("ына", "ыной"),
    ("ская", "ской"),
    ("цкая", "цкой"),
)
_MALE_SURNAME = (
    ("ский", "скому"),
    ("цкий", "цкому"),
    ("ов", "ову"),
    ("ев", "еву"),
    ("ёв", "ёву"),
    ("ин", "ину"),
    ("ын", "ыну"),
)


def initials(full_name: str) -> str:
    """«Кондратьева Ольга Владимировна» → «О. В. Кондратьева»."""
    parts = full_name.split()
    if len(parts) < 2 or parts[0].endswith("."):
        return full_name
    surname, *given = parts
    return " ".join([*(f"{name[0]}." for name in given), surname])


def _female(patronymic: str) -> bool | None:
    if patronymic.endswith(("вна", "чна", "кызы")):
        return True
    if patronymic.endswith(("ич", "оглы")):
        return False
    return None


def dative_name(full_name: str) -> str | None:
    """«Кондратьева Ольга Владимировна» → «О. В. Кондратьевой»; None when the surname's
    ending or the person's sex is not one we can be sure of."""
    parts = full_name.split()
    if len(parts) != 3:
        return None
    surname, female = parts[0], _female(parts[2])
    endings = _FEMALE_SURNAME if female else _MALE_SURNAME
    if female is None:
        return None
    for ending, dative in endings:
        if surname.endswith(ending):
            given = " ".join(f"{name[0]}." for name in parts[1:])
            return f"{given} {surname[: -len(ending)]}{dative}"
    return None


def addressee(position: str, short_name: str, full_name: str) -> list[str]:
    """The address block: «Директору МОУ «…»», «О. В. Кондратьевой»."""
    head_word = position.split()[0].lower() if position.split() else ""
    dative = dative_name(full_name)
    title = _POSITIONS.get(head_word) if dative else None
    if title is None or dative is None:
        return [f"Руководителю {short_name}", full_name]
    return [f"{title} {short_name}", dative]


def salutation(full_name: str) -> str:
    """«Уважаемая Ольга Владимировна!»; without a patronymic we know — the position."""
    parts = full_name.split()
    female = _female(parts[2]) if len(parts) == 3 else None
    if female is None:
        return "Уважаемый руководитель!"
    return f"{'Уважаемая' if female else 'Уважаемый'} {parts[1]} {parts[2]}!"
