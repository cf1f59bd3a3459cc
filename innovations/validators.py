"""Validators of the case study shared by its model, the JSON import and
publiccode.yml: ``normalize_spdx`` is the one check of a licence expression
(see below). ``validate_https`` lives in ``livinglab/base/validators.py`` and
is named here too because old migrations import it from this module.
"""

import functools
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from license_expression import get_spdx_licensing

from livinglab.base.validators import validate_https  # noqa: F401 - migrations

SPDX_MAX_LENGTH = 100  # SourceCodeLink.license max_length

# --- SPDX licence expressions -------------------------------------------------
#
# One validation for every way a licence enters (the model's ``clean``, the JSON
# import and the publiccode.yml import). The grammar is SPDX's (spec 2.3,
# annex D: ``id``, ``id+``, ``id WITH exception``, ``AND``, ``OR``,
# parentheses; AND binds tighter than OR). We check the syntax ourselves first,
# because license-expression quietly drops a trailing operator
# (``MIT AND`` -> ``MIT``) and crashes on some inputs (``MIT/X11``); the ids
# are then looked up in license-expression's SPDX licence list, which also
# normalises case and deprecated ids (``mit`` -> ``MIT``,
# ``GPL-2.0+`` -> ``GPL-2.0-or-later``) and makes precedence explicit with
# parentheses. Nothing else is ever changed.

_SPDX_TOKEN = re.compile(r"\s*(?:(\()|(\))|([A-Za-z0-9.+:-]+)|(\S))")
_OPERATORS = {"AND", "OR", "WITH"}
_CUSTOM_PREFIXES = ("licenseref-", "documentref-")


def _spdx_error(expression, problem, code):
    return ValidationError(
        _("Licence “%(value)s”: %(problem)s (see spdx.org/licenses).")
        % {"value": expression[:120], "problem": problem},
        code=code,
    )


def _spdx_tokens(expression):
    tokens = []
    for match in _SPDX_TOKEN.finditer(expression):
        opening, closing, word, other = match.groups()
        if other is not None:
            raise _spdx_error(
                expression,
                _(
                    "the character “%(char)s” cannot appear in an SPDX expression; "
                    "join licences with OR or AND, e.g. “MIT OR Apache-2.0”"
                )
                % {"char": other},
                "spdx_character",
            )
        if word is not None and word.upper() in _OPERATORS:
            tokens.append(("op", word.upper()))
        elif word is not None:
            tokens.append(("id", word))
        else:
            tokens.append(("paren", opening or closing))
    return tokens


def _spdx_syntax(expression, tokens):
    """Raise ValidationError naming the first grammar problem in ``tokens``."""
    depth = 0
    previous = None  # kind of the previous token: "id", "op", "(", ")", "with"
    for kind, value in tokens:
        if kind == "paren" and value == "(":
            if previous in ("id", ")"):
                raise _spdx_error(
                    expression,
                    _("AND or OR is missing before “(”"),
                    "spdx_syntax",
                )
            depth += 1
            previous = "("
        elif kind == "paren":
            if previous in (None, "op", "(", "with"):
                raise _spdx_error(
                    expression,
                    _("“)” closes an empty or unfinished group"),
                    "spdx_syntax",
                )
            depth -= 1
            if depth < 0:
                raise _spdx_error(
                    expression,
                    _("“)” has no matching “(”"),
                    "spdx_syntax",
                )
            previous = ")"
        elif kind == "op":
            if previous is None:
                raise _spdx_error(
                    expression,
                    _(
                        "it starts with the operator “%(op)s”, which needs a licence on each side"
                    )
                    % {"op": value},
                    "spdx_dangling_operator",
                )
            if previous in ("op", "(", "with"):
                raise _spdx_error(
                    expression,
                    _("the operator “%(op)s” follows another operator or “(”")
                    % {"op": value},
                    "spdx_dangling_operator",
                )
            if value == "WITH" and previous != "id":
                raise _spdx_error(
                    expression,
                    _("WITH must follow a single licence id"),
                    "spdx_syntax",
                )
            previous = "with" if value == "WITH" else "op"
        else:
            if previous in ("id", ")"):
                raise _spdx_error(
                    expression,
                    _("“%(id)s” follows another licence without AND or OR between them")
                    % {"id": value},
                    "spdx_syntax",
                )
            previous = "id"
    if previous in ("op", "with"):
        raise _spdx_error(
            expression,
            (
                _("it ends with WITH, which needs an exception id after it")
                if previous == "with"
                else _(
                    "it ends with the operator “%(op)s”, which needs a licence after it"
                )
                % {"op": tokens[-1][1]}
            ),
            "spdx_dangling_operator",
        )
    if depth > 0:
        raise _spdx_error(expression, _("a “(” is never closed"), "spdx_syntax")


@functools.cache
def _spdx_index():
    """Lowercased SPDX ids and their aliases (``gpl-2.0+``) -> symbol."""
    index = {}
    for key, symbol in get_spdx_licensing().known_symbols.items():
        for name in (key, *getattr(symbol, "aliases", ())):
            index.setdefault(name.lower(), symbol)
    return index


def _spdx_symbols(expression, tokens):
    """Raise ValidationError for ids missing from the SPDX lists, or misused."""
    known = _spdx_index()
    after_with = False
    unknown, misplaced = [], []
    for kind, value in tokens:
        if kind == "op":
            after_with = value == "WITH"
            continue
        if kind != "id":
            continue
        lookup = value.lower()
        plus = lookup.endswith("+")
        symbol = known.get(lookup) or (known.get(lookup[:-1]) if plus else None)
        if symbol is None or lookup.startswith(_CUSTOM_PREFIXES):
            unknown.append(value)
        elif bool(getattr(symbol, "is_exception", False)) != after_with:
            misplaced.append(value)
        after_with = False
    if unknown:
        raise _spdx_error(
            expression,
            ngettext(
                "%(ids)s is not an id of the SPDX licence list "
                "(e.g. MIT, Apache-2.0, GPL-3.0-or-later)",
                "%(ids)s are not ids of the SPDX licence list "
                "(e.g. MIT, Apache-2.0, GPL-3.0-or-later)",
                len(unknown),
            )
            % {"ids": ", ".join(f"“{u}”" for u in unknown)},
            "spdx_unknown",
        )
    if misplaced:
        raise _spdx_error(
            expression,
            _(
                "%(ids)s is in the wrong place: an exception goes only after "
                "WITH, and only an exception goes there"
            )
            % {"ids": ", ".join(f"“{m}”" for m in misplaced)},
            "spdx_exception",
        )


def normalize_spdx(value):
    """The SPDX licence expression ``value`` in its canonical form, or "".

    ``" mit "`` -> ``"MIT"``, ``"GPL-2.0+"`` -> ``"GPL-2.0-or-later"``,
    ``"mit or apache-2.0"`` -> ``"MIT OR Apache-2.0"``; empty input gives "".
    Raises ``ValidationError`` (codes ``spdx_character``, ``spdx_syntax``,
    ``spdx_dangling_operator``, ``spdx_unknown``, ``spdx_exception``,
    ``spdx_length``, ``spdx``) whose message quotes the expression and says
    what is wrong. Never raises anything else, never drops part of the input.
    Source of the ids: the SPDX licence and exception lists shipped with
    license-expression (``get_spdx_licensing``).
    """
    expression = " ".join(str(value or "").split())
    if not expression:
        return ""
    if len(expression) > SPDX_MAX_LENGTH:
        raise _spdx_error(
            expression,
            _("it is longer than %(n)s characters") % {"n": SPDX_MAX_LENGTH},
            "spdx_length",
        )
    tokens = _spdx_tokens(expression)
    _spdx_syntax(expression, tokens)
    _spdx_symbols(expression, tokens)
    try:
        info = get_spdx_licensing().validate(expression)
    except Exception:  # the library has crashed on odd input (MIT/X11)
        info = None
    normalized = getattr(info, "normalized_expression", None)
    if info is None or info.errors or not normalized:
        raise _spdx_error(expression, _("it is not a valid SPDX expression"), "spdx")
    ids_in = sorted(v.lower() for k, v in tokens if k == "id")
    ids_out = sorted(v.lower() for k, v in _spdx_tokens(normalized) if k == "id")
    if len(ids_in) != len(ids_out):  # the library must never drop a licence
        raise _spdx_error(expression, _("it is not a valid SPDX expression"), "spdx")
    if len(normalized) > SPDX_MAX_LENGTH:
        raise _spdx_error(
            expression,
            _("it is longer than %(n)s characters") % {"n": SPDX_MAX_LENGTH},
            "spdx_length",
        )
    return normalized
