"""The DOCX documents of the replication kit, filled with docxtpl.

Each kind (``models.DocumentKind``) has a default template shipped in
``livinglab/replication/docx/<kind>.docx`` (built by
``scripts/build_kit_templates.py``); an administrator's upload
(``ReplicationDocumentTemplate``) replaces it. Templates are rendered in a
Jinja sandbox (``KitSandbox``) with ``StrictUndefined`` (a misspelt
placeholder is an error, not an empty gap), autoescaping (a name with ``&``
stays valid XML) and limits on what a template may build (review finding 6):
the document's size, repetition, numbers, loops and time.
The placeholders are ``document_context``'s keys, listed in
docs/REPLICATION.md.
"""

import functools
import io
import re
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import formats, timezone, translation

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, nodes
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .models import DocumentKind, ReplicationDocumentTemplate

DEFAULT_DIR = Path(__file__).resolve().parent / "docx"

# The file names inside the kit's ``dokumen/`` folder; the regulation's name
# follows the requesting region's kind (Perbup for a kabupaten, Perwal for a
# kota).
FILE_NAMES = {
    DocumentKind.LETTER_OF_INTEREST: "01-surat-minat-replikasi.docx",
    DocumentKind.AGREEMENT: "02-draf-pks.docx",
    DocumentKind.REGULATION: "03-kerangka-{regulation_file}.docx",
    DocumentKind.SOP: "04-kerangka-sop.docx",
}
KIND_PREFIXES = ("Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota ")

# Limits of the sandbox (``KitSandbox``). The filled XML of one document
# (all its parts together) is at most ``REPLICATION_DOCUMENT_MAX_BYTES``.
DEFAULT_DOCUMENT_MAX_BYTES = 1024 * 1024
MAX_SEQUENCE = 100_000  # characters or items one `*`, `+` or `~` may build
MAX_NUMBER = 100_000  # the largest whole number passed to a call or filter
MAX_NUMBER_BITS = 4_096  # the largest result of `*` or `**` on numbers
MAX_RANGE = 1_000  # numbers in one range()
MAX_LOOP_STEPS = 20_000  # loop iterations in one document, all loops together
MAX_SECONDS = 2.0  # time to fill one document


class TemplateError(Exception):
    """A template that cannot be rendered; ``str(exc)`` says why (in the
    words of the template engine: the placeholder or the syntax at fault)."""


@dataclass
class Template:
    """A document template: its kind, the DOCX bytes and where it came
    from (``"default"`` or ``"admin"``, as the audit log records it)."""

    kind: str
    content: bytes
    origin: str


def default_template(kind) -> bytes:
    """The DOCX bytes of the template shipped for ``kind``."""
    return (DEFAULT_DIR / f"{kind}.docx").read_bytes()


def templates() -> list[Template]:
    """Every kind's template in kit order: the administrator's upload when
    there is one, else the default (one query)."""
    uploaded = {
        row.kind: bytes(row.content)
        for row in ReplicationDocumentTemplate.objects.only("kind", "content")
    }
    return [
        Template(kind, uploaded[kind], "admin")
        if kind in uploaded
        else Template(kind, default_template(kind), "default")
        for kind in DocumentKind.values
    ]


def short_name(region) -> str:
    """``Garut`` from ``Kabupaten Garut``, ``Bandung`` from ``Kota Bandung``."""
    for prefix in KIND_PREFIXES:
        if region.name.startswith(prefix):
            return region.name[len(prefix) :]
    return region.name


def _region_words(region, prefix) -> dict:
    """The placeholders that name a region and its head: ``Bupati`` and
    ``Peraturan Bupati`` (Perbup) for a kabupaten, ``Wali Kota`` and
    ``Peraturan Wali Kota`` (Perwal) for a kota."""
    is_kota = region.kind == "kota"
    head = "Wali Kota" if is_kota else "Bupati"
    short = short_name(region)
    return {
        f"{prefix}_name": region.name,
        f"{prefix}_short_name": short,
        f"{prefix}_code": region.code,
        f"{prefix}_kind": "Kota" if is_kota else "Kabupaten",
        f"{prefix}_province": region.province.name,
        f"{prefix}_head": f"{head} {short}",
        f"{prefix}_head_title": head,
        f"{prefix}_regulation": f"Peraturan {head} {short}",
        f"{prefix}_regulation_short": "Perwal" if is_kota else "Perbup",
        f"{prefix}_government": f"Pemerintah {region.name}",
    }


def document_context(page, region, *, page_url="", today=None) -> dict:
    """The values the templates fill in (every value a ``str`` or a list of
    ``str``): the requesting ``region`` (``region_*``), the host
    (``host_*``), the innovation (``innovation_*``) and the date
    (``date_text`` in Indonesian, ``year``)."""
    today = today or timezone.localdate()
    with translation.override("id"):
        date_text = formats.date_format(today, "j F Y")
    indicators = sorted(page.spbe_indicators.all(), key=lambda i: i.number)
    return {
        **_region_words(region, "region"),
        **_region_words(page.host_region, "host"),
        "regulation_short": _region_words(region, "r")["r_regulation_short"],
        "innovation_title": page.title,
        "innovation_summary": page.summary,
        "innovation_opd": page.opd,
        "innovation_year": str(page.year_launched),
        "innovation_url": page_url,
        "innovation_licences": sorted(
            {link.license for link in page.source_code_links.all() if link.license}
        ),
        "innovation_indicators": [f"{i.number}. {i.name}" for i in indicators],
        "innovation_training": [m.title for m in page.training_materials.all()],
        "date_text": date_text,
        "year": str(today.year),
    }


def sample_context() -> dict:
    """A context with every placeholder, for checking an upload without a
    case study (a kabupaten requesting from another kabupaten)."""
    words = {
        **{f"region_{k}": v for k, v in _SAMPLE["region"].items()},
        **{f"host_{k}": v for k, v in _SAMPLE["host"].items()},
    }
    return {
        **words,
        "regulation_short": "Perbup",
        "innovation_title": "Contoh Inovasi",
        "innovation_summary": "Ringkasan contoh.",
        "innovation_opd": "Diskominfo",
        "innovation_year": "2024",
        "innovation_url": "https://example.go.id/inovasi/contoh/",
        "innovation_licences": ["MIT"],
        "innovation_indicators": ["15. Pembangunan Aplikasi SPBE"],
        "innovation_training": ["Modul operator"],
        "date_text": "1 Januari 2027",
        "year": "2027",
    }


def _sample_region(name, short, code, province):
    return {
        "name": name,
        "short_name": short,
        "code": code,
        "kind": "Kabupaten",
        "province": province,
        "head": f"Bupati {short}",
        "head_title": "Bupati",
        "regulation": f"Peraturan Bupati {short}",
        "regulation_short": "Perbup",
        "government": f"Pemerintah {name}",
    }


_SAMPLE = {
    "region": _sample_region("Kabupaten Contoh", "Contoh", "99.01", "Provinsi Contoh"),
    "host": _sample_region("Kabupaten Tuan", "Tuan", "99.02", "Provinsi Contoh"),
}


def empty_context() -> dict:
    """``sample_context`` with every list empty and the optional texts
    blank: a case study without licences, indicators or training material.
    An upload must fill this too (``{{ innovation_licences[0] }}`` fails)."""
    context = sample_context()
    for key, value in context.items():
        if isinstance(value, list):
            context[key] = []
    context.update(innovation_summary="", innovation_opd="", innovation_url="")
    return context


def _max_bytes() -> int:
    return getattr(
        settings, "REPLICATION_DOCUMENT_MAX_BYTES", DEFAULT_DOCUMENT_MAX_BYTES
    )


def _is_number(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_numbers(values) -> None:
    for value in values:
        if _is_number(value) and abs(value) > MAX_NUMBER:
            raise SecurityError(f"the number {value} is larger than {MAX_NUMBER}")


# A width or precision of six digits or more in a format string
# ("%0999999999d", "{:>999999}"): it would build a text of that length.
WIDE_FORMAT = re.compile(r"[%:.][^%{}\s]*?\d{6,}")


def _check_format(text) -> None:
    if isinstance(text, str) and WIDE_FORMAT.search(text):
        raise SecurityError(f"a format width of over {MAX_NUMBER}")


def _checked_filter(function):
    """``function`` (a Jinja filter) refusing whole numbers over
    ``MAX_NUMBER`` (``center(10**9)``, ``indent(10**9)``...)."""

    @functools.wraps(function)  # keeps jinja_pass_arg
    def checked(*args, **kwargs):
        if function.__name__ == "do_format" and args:
            _check_format(args[0])
        _check_numbers(args)
        _check_numbers(kwargs.values())
        return function(*args, **kwargs)

    return checked


class _CodeGenerator(CodeGenerator):
    """Jinja's code generator, with every ``~`` concatenation passed through
    ``KitSandbox.capped_text`` (``~`` is no operator the sandbox can
    intercept)."""

    def visit_Concat(self, node, frame):
        self.write("environment.capped_text(")
        super().visit_Concat(node, frame)
        self.write(")")


class KitSandbox(ImmutableSandboxedEnvironment):
    """The Jinja environment kit documents are filled in: Jinja's sandbox
    (no private attributes, no changing lists or dicts) with
    ``StrictUndefined``, autoescaping and limits, each raising Jinja's
    ``SecurityError`` (``render`` turns it into ``TemplateError``):

    * the filled XML of a document, every part together, at most
      ``max_bytes`` (UTF-8; text built inside a block or macro counts again
      when written);
    * ``*``, ``+`` and ``~`` build at most ``MAX_SEQUENCE`` characters or
      items; ``*`` and ``**`` on numbers at most ``MAX_NUMBER_BITS`` bits;
      no whole number over ``MAX_NUMBER`` is passed to a call or filter,
      and no format string (``%``, ``|format``, ``.format()``) has a width
      of six digits;
    * ``range()`` holds at most ``MAX_RANGE`` numbers and all the loops of
      a document together run at most ``MAX_LOOP_STEPS`` times;
    * filling takes at most ``MAX_SECONDS`` (checked at each loop step,
      call, operator and output);
    * no ``lipsum()`` (it builds text of any length).

    One environment fills one document: the counts are its own."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _CodeGenerator

    def __init__(self, max_bytes=None):
        super().__init__(undefined=StrictUndefined, autoescape=True)
        self.max_bytes = max_bytes or _max_bytes()
        self.written = 0
        self.steps = 0
        self.deadline = time.monotonic() + MAX_SECONDS
        self.globals.pop("lipsum", None)
        self.globals["range"] = self.capped_range
        self.filters = {
            name: _checked_filter(function) for name, function in self.filters.items()
        }

    def _check_time(self):
        if time.monotonic() > self.deadline:
            raise SecurityError(f"filling the document took over {MAX_SECONDS} s")

    def _check_length(self, value):
        if isinstance(value, str | bytes | list | tuple) and len(value) > MAX_SEQUENCE:
            raise SecurityError(f"a text or list longer than {MAX_SEQUENCE}")
        return value

    def _parse(self, source, name, filename):
        """The template's tree, each ``{% for %}`` looping through
        ``count_steps`` (which no template can rename or replace)."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            counter = nodes.EnvironmentAttribute("count_steps", lineno=loop.lineno)
            loop.iter = nodes.Call(
                counter, [loop.iter], [], None, None, lineno=loop.lineno
            ).set_environment(self)
        return tree

    def count_steps(self, iterable):
        """``iterable``, counting each step against ``MAX_LOOP_STEPS``."""
        for item in iterable:
            self.steps += 1
            if self.steps > MAX_LOOP_STEPS:
                raise SecurityError(f"the loops ran over {MAX_LOOP_STEPS} times")
            self._check_time()
            yield item

    def capped_range(self, *args):
        """``range(*args)`` of at most ``MAX_RANGE`` numbers."""
        numbers = range(*args)
        if len(numbers) > MAX_RANGE:
            raise SecurityError(f"a range of over {MAX_RANGE} numbers")
        return numbers

    def capped_text(self, text):
        """The result of ``~``, at most ``MAX_SEQUENCE`` characters."""
        return self._check_length(text)

    def call(__self, __context, __obj, *args, **kwargs):
        __self._check_time()
        _check_numbers(args)
        _check_numbers(kwargs.values())
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value):
        """Jinja's sandboxed ``str.format``, refusing wide formats."""
        _check_format(getattr(value, "__self__", None))
        return super().wrap_str_format(value)

    def call_binop(self, context, operator, left, right):
        self._check_time()
        if operator == "%" and isinstance(left, str):
            _check_format(left)
            values = right if isinstance(right, tuple | list) else [right]
            _check_numbers(values)
        elif operator == "**" and _is_number(left) and _is_number(right):
            if abs(left) > 1 and abs(left).bit_length() * right > MAX_NUMBER_BITS:
                raise SecurityError(f"a number of over {MAX_NUMBER_BITS} bits")
        elif operator == "*":
            numbers = _is_number(left) and _is_number(right)
            if numbers and left.bit_length() + right.bit_length() > MAX_NUMBER_BITS:
                raise SecurityError(f"a number of over {MAX_NUMBER_BITS} bits")
            for sequence, count in ((left, right), (right, left)):
                if not _is_number(sequence) and _is_number(count):
                    self._check_length(sequence)
                    if hasattr(sequence, "__len__") and (
                        len(sequence) * count > MAX_SEQUENCE
                    ):
                        raise SecurityError(
                            f"a text or list longer than {MAX_SEQUENCE}"
                        )
        result = super().call_binop(context, operator, left, right)
        return self._check_length(result)

    def concat(self, parts):
        """Jinja's joining of a template's output, counting its UTF-8 bytes
        against ``max_bytes``."""
        out = []
        for part in parts:
            self.written += len(part.encode("utf-8", "replace"))
            if self.written > self.max_bytes:
                raise SecurityError(
                    f"the document would be larger than {self.max_bytes} bytes"
                )
            self._check_time()
            out.append(part)
        return "".join(out)


def render(content: bytes, context: dict) -> bytes:
    """The DOCX ``content`` (bytes) with ``context`` filled in, as bytes.

    Raises ``TemplateError`` when the file is not a DOCX or the template
    cannot be rendered (syntax error, unknown placeholder, a limit of
    ``KitSandbox`` passed)."""
    try:
        template = DocxTemplate(io.BytesIO(content))
        template.render(context, jinja_env=KitSandbox(), autoescape=True)
        out = io.BytesIO()
        template.save(out)
    except Exception as exc:  # the engine's errors (Jinja, lxml, zipfile) say why
        raise TemplateError(f"{type(exc).__name__}: {exc}") from exc
    return out.getvalue()
