"""A YAML reader for untrusted publiccode.yml uploads: safe, small, untyped.

Why not ``yaml.safe_load``:

* **Aliases.** A few hundred bytes of nested anchors and aliases (``&a``,
  ``*a``: the "billion laughs") expand into an exponentially large value as
  soon as anything walks or prints it (issue 12.4: ~11 s and 1 GB per level).
  ``SafeStringLoader`` refuses the first anchor or alias *event*, while the
  file is being composed, before any object exists. Explicit tags
  (``!!python/object``, ``!!binary``, ``!!int``…) are refused the same way.
* **Depth.** Nesting beyond ``MAX_DEPTH`` levels is refused while composing
  (PyYAML's composer recurses; 1,000 ``[`` would exhaust the stack).
* **Typing.** YAML 1.1 resolvers turn ``1.10`` into the float 1.1, ``010``
  into 8, ``yes``/``on`` into True and ``2020-01-02`` into a date
  (issue 15.3). The publiccode.yml standard types versions, dates, phone
  numbers and names as strings, so every plain scalar stays the string as
  written; only the YAML 1.2 core nulls (``~``, ``null``, empty) become
  None. The few booleans of the standard are converted where they are read
  (``publiccode_standard.to_bool``).
* **Duplicate keys** are refused (YAML forbids them; PyYAML keeps the last
  silently).

``load(text)`` returns plain ``dict``/``list``/``str``/``None`` values or raises
``yaml.YAMLError``; ``Refused`` (a subclass) says which rule was broken
(``reason``: ``alias``, ``tag``, ``depth``, ``duplicate``) and where (``line``,
1-based).
"""

import re

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import ScalarNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

MAX_DEPTH = 20
ALLOWED_TAGS = {
    None,
    "!",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}
NULL = re.compile(r"^(?:~|null|Null|NULL|)$")


class Refused(yaml.YAMLError):
    """The file breaks one of our rules (not YAML's): see the module docstring."""

    def __init__(self, reason, mark=None, detail=""):
        self.reason = reason
        self.line = mark.line + 1 if mark is not None else None
        self.detail = detail
        super().__init__(f"{reason} at line {self.line}: {detail}")


class SafeStringLoader(
    Reader, Scanner, Parser, Composer, SafeConstructor, BaseResolver
):
    """SafeLoader's parts with BaseResolver (no implicit typing) and the
    refusals above, applied to events while composing."""

    def __init__(self, stream):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        BaseResolver.__init__(self)
        self._depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
            raise Refused("alias", event.start_mark, event.anchor or "")
        if (
            isinstance(event, ScalarEvent | CollectionStartEvent)
            and event.tag not in ALLOWED_TAGS
        ):
            raise Refused("tag", event.start_mark, event.tag)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise Refused("depth", event.start_mark, str(MAX_DEPTH))
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _value in node.value:
            if isinstance(key_node, ScalarNode):
                if key_node.value in seen:
                    raise Refused("duplicate", key_node.start_mark, key_node.value)
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)


# Plain scalars that are YAML 1.2 core nulls resolve to null; all others to str.
SafeStringLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", NULL, ["~", "n", "N", ""]
)


def load(text):
    """One YAML document from ``text`` (str) as plain Python values."""
    return yaml.load(text, Loader=SafeStringLoader)  # noqa: S506 - safe loader
