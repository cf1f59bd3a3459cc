"""How ready a case study is for another region to replicate.

Computed on read from what the page holds, so it can never disagree with it.
Each check says what is missing, which is what a host needs to improve it.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

DOCUMENTATION_KINDS = {"module", "manual"}
TRAINING_KINDS = {"slides", "video", "bimtek_recording", "module"}


@dataclass(frozen=True)
class Check:
    key: str
    label: str
    met: bool
    hint: str


@dataclass(frozen=True)
class Readiness:
    checks: tuple
    met: int
    total: int

    @property
    def percent(self):
        return round(100 * self.met / self.total) if self.total else 0

    @property
    def level(self):
        if self.met == self.total:
            return "ready"
        return "partial" if self.met >= self.total / 2 else "early"


def readiness_for(page):
    links = list(page.source_code_links.all())
    materials = list(page.training_materials.all())
    evidence = list(page.evidence.all())
    kinds = {m.kind for m in materials}
    checks = (
        Check(
            "code",
            _("Source code available"),
            bool(links),
            _("Link the repository, or mark the code as available on request."),
        ),
        Check(
            "licence",
            _("Licensed for reuse"),
            bool(links) and all(link.license for link in links),
            _("Give every repository an SPDX licence."),
        ),
        Check(
            "documentation",
            _("Documentation"),
            bool(kinds & DOCUMENTATION_KINDS)
            or any(link.description_id for link in links),
            _("Add a manual or a module."),
        ),
        Check(
            "training",
            _("Training material"),
            bool(kinds & TRAINING_KINDS),
            _("Add slides, a video or a bimtek recording."),
        ),
        Check(
            "evidence",
            _("Verified SPBE evidence"),
            any(e.verification_status == "verified" for e in evidence),
            _("Attach SPBE evidence (bukti dukung) and ask a moderator to verify it."),
        ),
    )
    return Readiness(checks=checks, met=sum(c.met for c in checks), total=len(checks))
