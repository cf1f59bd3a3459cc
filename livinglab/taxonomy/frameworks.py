"""Load an SPBE framework from its JSON file, all or nothing.

The format (``"format": "livinglab-spbe-framework/1"``, described in
docs/SPBE.md) holds the framework's metadata, its level names and predicate
bands, its domains (optional), aspects and indicators with weights, the
criteria per level with bukti-dukung guidance (an aspect's ``criteria`` apply
to each of its indicators unless the indicator has its own) and an optional
``crosswalk`` to indicators of other frameworks.

Every problem is collected with its place in the file (``domains[3].aspects[1]
.indicators[5].weight``, or the line and column of a JSON syntax error) and
raised together as ``FrameworkError``; nothing is written unless the whole
file is valid. Loading again adds what is missing and fills empty values but
keeps what an administrator edited (like ``load_taxonomy``).
"""

import json
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from .models import (
    SpbeAspect,
    SpbeCrosswalk,
    SpbeDomain,
    SpbeFramework,
    SpbeIndicator,
    SpbeLevelCriterion,
)

FORMAT = "livinglab-spbe-framework/1"
LEVELS = (1, 2, 3, 4, 5)
TOLERANCE = Decimal("0.01")


class FrameworkError(Exception):
    """The file is not a valid framework; ``problems`` is a list of
    ``"place: message"`` strings (Indonesian first, as the interface)."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


class _Checker:
    def __init__(self):
        self.problems = []

    def add(self, where, message):
        self.problems.append(f"{where}: {message}")

    def text(self, row, key, where, required=True, max_length=300):
        value = row.get(key, "")
        if not isinstance(value, str):
            self.add(f"{where}.{key}", _("must be text"))
            return ""
        value = value.strip()
        if required and not value:
            self.add(f"{where}.{key}", _("is required"))
        if len(value) > max_length:
            self.add(
                f"{where}.{key}",
                _("is longer than %(n)s characters") % {"n": max_length},
            )
        return value

    def number(self, row, key, where):
        value = row.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            self.add(f"{where}.{key}", _("must be a whole number from 1"))
            return None
        return value

    def decimal(self, row, key, where, required=True):
        value = row.get(key)
        if value is None and not required:
            return None
        try:
            result = Decimal(str(value))
        except (InvalidOperation, ValueError):
            result = None
        if result is None or not result.is_finite() or not (0 < result <= 100):
            self.add(f"{where}.{key}", _("must be a number above 0 and at most 100"))
            return None
        return result

    def unconfirmed(self, row, where):
        value = row.get("to_be_confirmed", [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.add(f"{where}.to_be_confirmed", _("must be a list of field names"))
            return []
        return value

    def criteria(self, rows, where):
        if rows is None:
            return None
        if not isinstance(rows, list):
            self.add(where, _("must be a list"))
            return None
        out = {}
        for n, row in enumerate(rows):
            place = f"{where}[{n}]"
            if not isinstance(row, dict):
                self.add(place, _("must be an object"))
                continue
            level = row.get("level")
            if level not in LEVELS:
                self.add(f"{place}.level", _("must be 1, 2, 3, 4 or 5"))
                continue
            if level in out:
                self.add(
                    f"{place}.level", _("level %(n)s appears twice") % {"n": level}
                )
            out[level] = (
                self.text(row, "criteria", place, max_length=2000),
                self.text(row, "evidence", place, required=False, max_length=2000),
            )
        return out


def parse_framework(data):
    """Validate ``data`` (the decoded JSON) and return a plain dict ready for
    ``save_framework``; raise ``FrameworkError`` listing every problem."""
    check = _Checker()
    if not isinstance(data, dict):
        raise FrameworkError([_("(file): must be a JSON object")])
    if data.get("format") != FORMAT:
        check.add("format", _("must be “%(format)s”") % {"format": FORMAT})
    meta = {
        "code": check.text(data, "code", "(framework)", max_length=60),
        "name": check.text(data, "name", "(framework)", max_length=200),
        "name_en": check.text(data, "name_en", "(framework)", False, 200),
        "regulation": check.text(data, "regulation", "(framework)"),
        "source": check.text(data, "source", "(framework)", False, 5000),
        "valid_from": data.get("valid_from"),
        "valid_to": data.get("valid_to"),
        "status": data.get("status", SpbeFramework.Status.DRAFT),
        "to_be_confirmed": check.unconfirmed(data, "(framework)"),
    }
    if (
        not isinstance(meta["valid_from"], int)
        or not 2000 <= meta["valid_from"] <= 2100
    ):
        check.add("valid_from", _("must be a year such as 2019"))
    if meta["valid_to"] is not None and (
        not isinstance(meta["valid_to"], int)
        or not isinstance(meta["valid_from"], int)
        or meta["valid_to"] < meta["valid_from"]
    ):
        check.add("valid_to", _("must be a year not before valid_from, or null"))
    if meta["status"] not in SpbeFramework.Status.values:
        check.add("status", _("must be draft, active or retired"))

    levels = data.get("levels")
    if not isinstance(levels, list) or sorted(
        r.get("level") for r in levels if isinstance(r, dict)
    ) != list(LEVELS):
        check.add("levels", _("must name each of the levels 1 to 5 once"))
    else:
        for n, row in enumerate(levels):
            check.text(row, "name", f"levels[{n}]", max_length=100)
    meta["levels"] = levels if isinstance(levels, list) else []

    predicates = data.get("predicates")
    lows = []
    if not isinstance(predicates, list) or not predicates:
        check.add("predicates", _("must list the predicate bands"))
        predicates = []
    for n, row in enumerate(predicates):
        place = f"predicates[{n}]"
        if not isinstance(row, dict):
            check.add(place, _("must be an object"))
            continue
        try:
            low = Decimal(str(row.get("min_index")))
        except (InvalidOperation, ValueError):
            low = None
        if low is None or not (Decimal("1.00") <= low <= Decimal("5.00")):
            check.add(f"{place}.min_index", _("must be an index from 1.00 to 5.00"))
        else:
            lows.append(low)
        check.text(row, "name", place, max_length=50)
    if lows and min(lows) != Decimal("1.00"):
        check.add("predicates", _("the lowest band must start at 1.00"))
    if len(set(lows)) != len(lows):
        check.add("predicates", _("two bands start at the same index"))
    meta["predicates"] = predicates

    domains, aspects, indicators = [], [], []
    seen_numbers = {"domain": set(), "aspect": set(), "indicator": set()}

    def part(row, where, kind):
        if not isinstance(row, dict):
            check.add(where, _("must be an object"))
            return None
        number = check.number(row, "number", where)
        if number is not None and number in seen_numbers[kind]:
            check.add(
                f"{where}.number", _("number %(n)s appears twice") % {"n": number}
            )
        seen_numbers[kind].add(number)
        return {
            "number": number,
            "name": check.text(row, "name", where, max_length=150),
            "name_en": check.text(row, "name_en", where, False, 150),
            "to_be_confirmed": check.unconfirmed(row, where),
        }

    def read_aspects(rows, where, domain_number):
        if not isinstance(rows, list) or not rows:
            check.add(where, _("must list the aspects"))
            return Decimal(0)
        total = Decimal(0)
        for a, arow in enumerate(rows):
            place = f"{where}[{a}]"
            aspect = part(arow, place, "aspect")
            if aspect is None:
                continue
            aspect["domain"] = domain_number
            aspect["weight"] = check.decimal(arow, "weight", place, required=False)
            shared = check.criteria(arow.get("criteria"), f"{place}.criteria")
            aspects.append(aspect)
            irows = arow.get("indicators")
            if not isinstance(irows, list) or not irows:
                check.add(f"{place}.indicators", _("must list the indicators"))
                continue
            subtotal = Decimal(0)
            for i, irow in enumerate(irows):
                iplace = f"{place}.indicators[{i}]"
                indicator = part(irow, iplace, "indicator")
                if indicator is None:
                    continue
                indicator["aspect"] = aspect["number"]
                indicator["weight"] = check.decimal(irow, "weight", iplace)
                own = check.criteria(irow.get("criteria"), f"{iplace}.criteria")
                indicator["criteria"] = own if own is not None else (shared or {})
                subtotal += indicator["weight"] or 0
                indicators.append(indicator)
            if (
                aspect["weight"] is not None
                and abs(aspect["weight"] - subtotal) > TOLERANCE
            ):
                check.add(
                    f"{place}.weight",
                    _("is %(a)s but its indicators' weights sum to %(b)s")
                    % {"a": aspect["weight"], "b": subtotal},
                )
            aspect["weight"] = subtotal
            total += subtotal
        return total

    if "domains" in data:
        if not isinstance(data["domains"], list) or not data["domains"]:
            check.add("domains", _("must list the domains"))
        else:
            for d, drow in enumerate(data["domains"]):
                place = f"domains[{d}]"
                domain = part(drow, place, "domain")
                if domain is None:
                    continue
                domain["weight"] = check.decimal(drow, "weight", place, required=False)
                domains.append(domain)
                subtotal = read_aspects(
                    drow.get("aspects"), f"{place}.aspects", domain["number"]
                )
                if (
                    domain["weight"] is not None
                    and abs(domain["weight"] - subtotal) > TOLERANCE
                ):
                    check.add(
                        f"{place}.weight",
                        _("is %(a)s but its indicators' weights sum to %(b)s")
                        % {"a": domain["weight"], "b": subtotal},
                    )
                domain["weight"] = subtotal
    else:
        read_aspects(data.get("aspects"), "aspects", None)

    total = sum((i["weight"] or 0 for i in indicators), Decimal(0))
    if indicators and abs(total - 100) > TOLERANCE:
        check.add(
            "(framework)",
            _("the indicator weights sum to %(s)s, not 100") % {"s": total},
        )

    crosswalk = []
    for n, row in enumerate(data.get("crosswalk", []) or []):
        place = f"crosswalk[{n}]"
        if not isinstance(row, dict):
            check.add(place, _("must be an object"))
            continue
        number = check.number(row, "indicator", place)
        if number is not None and number not in seen_numbers["indicator"]:
            check.add(
                f"{place}.indicator",
                _("no indicator has the number %(n)s") % {"n": number},
            )
        target_code = check.text(row, "target_framework", place, max_length=60)
        target_number = check.number(row, "target_indicator", place)
        relation = row.get("relation", SpbeCrosswalk.Relation.RELATED)
        if relation not in SpbeCrosswalk.Relation.values:
            check.add(f"{place}.relation", _("must be same, part or related"))
        crosswalk.append(
            {
                "place": place,
                "indicator": number,
                "target_framework": target_code,
                "target_indicator": target_number,
                "relation": relation,
                "to_be_confirmed": bool(row.get("to_be_confirmed", True)),
                "note": check.text(row, "note", place, False, 2000),
            }
        )
    if check.problems:
        raise FrameworkError(check.problems)
    return {
        "meta": meta,
        "domains": domains,
        "aspects": aspects,
        "indicators": indicators,
        "crosswalk": crosswalk,
    }


def _fill(obj, values):
    """Set the values whose field is still empty; True if anything changed."""
    changed = False
    for key, value in values.items():
        if getattr(obj, key) in (None, "", []) and value not in (None, "", []):
            setattr(obj, key, value)
            changed = True
    return changed


def _get_or_fill(model, lookup, values):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), 1
    if _fill(obj, values):
        obj.save()
    return obj, 0


@transaction.atomic
def save_framework(parsed):
    """Write a parsed framework; returns the number of rows created."""
    meta = dict(parsed["meta"])
    code = meta.pop("code")
    framework = SpbeFramework.objects.filter(code=code).first()
    created = 0
    if framework is None:
        framework = SpbeFramework.objects.create(code=code, **meta)
        created += 1
    elif _fill(framework, meta):
        framework.save()
    domains = {}
    for row in parsed["domains"]:
        domains[row["number"]], new = _get_or_fill(
            SpbeDomain,
            {"framework": framework, "number": row["number"]},
            {k: row[k] for k in ("name", "name_en", "weight", "to_be_confirmed")},
        )
        created += new
    aspects = {}
    for row in parsed["aspects"]:
        aspects[row["number"]], new = _get_or_fill(
            SpbeAspect,
            {"framework": framework, "number": row["number"]},
            {
                "domain": domains.get(row["domain"]),
                **{k: row[k] for k in ("name", "name_en", "weight", "to_be_confirmed")},
            },
        )
        created += new
    for row in parsed["indicators"]:
        indicator, new = _get_or_fill(
            SpbeIndicator,
            {"framework": framework, "number": row["number"]},
            {
                "aspect": aspects[row["aspect"]],
                **{k: row[k] for k in ("name", "name_en", "weight", "to_be_confirmed")},
            },
        )
        created += new
        have = set(indicator.criteria.values_list("level", flat=True))
        for level, (criteria, evidence) in sorted(row["criteria"].items()):
            if level not in have:
                SpbeLevelCriterion.objects.create(
                    indicator=indicator,
                    level=level,
                    criteria=criteria,
                    evidence=evidence,
                )
                created += 1
    for row in parsed["crosswalk"]:
        target = SpbeIndicator.objects.filter(
            framework__code=row["target_framework"], number=row["target_indicator"]
        ).first()
        if target is None:
            raise FrameworkError(
                [
                    f"{row['place']}: "
                    + _("framework %(code)s has no indicator %(n)s (load it first)")
                    % {"code": row["target_framework"], "n": row["target_indicator"]}
                ]
            )
        source = SpbeIndicator.objects.get(framework=framework, number=row["indicator"])
        _link, new = SpbeCrosswalk.objects.get_or_create(
            source=source,
            target=target,
            defaults={
                "relation": row["relation"],
                "to_be_confirmed": row["to_be_confirmed"],
                "note": row["note"],
            },
        )
        created += new
    return created


def load_framework(path):
    """Read, validate and save the framework file at ``path``; returns the
    number of rows created. Raises ``FrameworkError`` (nothing written)."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except json.JSONDecodeError as error:
        raise FrameworkError(
            [
                _("line %(line)s, column %(col)s: not valid JSON (%(msg)s)")
                % {"line": error.lineno, "col": error.colno, "msg": error.msg}
            ]
        ) from None
    except UnicodeDecodeError:
        raise FrameworkError([_("(file): not UTF-8 text")]) from None
    return save_framework(parse_framework(data))
