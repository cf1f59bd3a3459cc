"""Querysets shared by the pages and the API, shaped to a fixed query count."""

from django.db.models import Prefetch

from .models import NationalSpbeAverage, Region, SpbePredicate, SpbeScore


def regions_with_details():
    return Region.objects.select_related("province", "participation").prefetch_related(
        Prefetch("spbe_scores", queryset=SpbeScore.objects.order_by("year"))
    )


def spbe_history(region, predicates=None):
    """``[{"year", "index", "predicate"}]`` for a region, oldest first.

    Uses the prefetched scores when present.
    """
    table = SpbePredicate.table() if predicates is None else predicates
    history = []
    for score in sorted(region.spbe_scores.all(), key=lambda s: s.year):
        predicate = SpbePredicate.for_index(score.index, table)
        history.append(
            {
                "year": score.year,
                "index": score.index,
                "predicate": predicate.name if predicate else None,
                "predicate_label": predicate.label if predicate else None,
            }
        )
    return history


def national_averages():
    return {row.year: row.index for row in NationalSpbeAverage.objects.all()}
