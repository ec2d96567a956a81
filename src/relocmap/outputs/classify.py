"""Classes and colours, computed once and shared by every renderer."""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, replace

import mapclassify
import numpy as np
import pandas as pd
from branca.utilities import color_brewer

from relocmap.base.numbers import fr_decimal, fr_int, fr_signed

DEFAULT_SCHEME = "FisherJenks"
DEFAULT_K = 5
NO_DATA_COLOR = "#d9d9d9"


@dataclass(frozen=True)
class View:
    """One indicator the map can show."""

    key: str  # column of the joined frame
    label: str  # the word on the view switch
    legend_title: str
    unit: str  # after a number in tooltips: "1 220 emplois"
    palette: str  # ColorBrewer sequential scheme (all are colour-blind safe)
    decimals: int = 0
    short_label: str = ""  # on the switch on phone screens, when ``label`` is long
    per_inhabitant: bool = False  # a rate over the population: its legend says which
    slug: str = ""  # its name in the page's address (#vue=…); ``key`` when empty

    @property
    def address_name(self) -> str:
        return self.slug or self.key


VIEWS = (
    View("emplois", "Emplois", "Emplois annoncés", "emplois", "YlGnBu"),
    View("projets", "Projets", "Projets soutenus", "projets", "PuRd"),
    # A rate suits a choropleth better than a count (the counts also get circles).
    View(
        "emplois_pour_10000_hab",
        "Emplois pour 10\u202f000 habitants",
        "Emplois pour 10\u202f000 habitants",
        "emplois pour 10\u202f000 habitants",
        "YlOrBr",
        decimals=1,
        short_label="Emplois / 10\u202f000 hab.",
        per_inhabitant=True,
        slug="par-habitant",
    ),
)
# With two or more publications: the change in jobs since the previous publication.
CHANGE_VIEW = View(
    "evolution",
    "Évolution",
    "Évolution des emplois",
    "emplois",
    "RdBu",
    short_label="Évolution",
)
# The change's colours: ColorBrewer RdBu (colour-blind safe) without its palest pair,
# which the no-data grey would be confused with; losses red, gains blue, 0 in the middle.
CHANGE_LOSS_COLORS = ("#f4a582", "#d6604d", "#b2182b")  # nearest to 0 first
CHANGE_GAIN_COLORS = ("#92c5de", "#4393c3", "#2166ac")  # nearest to 0 first
CHANGE_ZERO_COLOR = "#f7f7f7"
# A department with figures now and none in the previous publication: no difference to
# colour. A mid grey, told apart from the no-data grey by lightness (any colour vision).
CHANGE_NEW_COLOR = "#8c8c8c"
CHANGE_NEW_LABEL = "nouveau"


@dataclass(frozen=True)
class Classes:
    """The classification of one view: bounds, class of each department, colours."""

    view: View
    scheme: str
    bins: tuple[float, ...]
    colors: tuple[str, ...]
    class_of: dict[str, int]  # department code -> class index (departments with data only)
    counts: tuple[int, ...]
    minimum: float
    # Legend labels when they are not ranges from ``minimum`` through ``bins`` (the
    # change view's "−15 à −1", "0", "+1 à +120", "nouveau").
    label_texts: tuple[str, ...] | None = None

    def color(self, code: str) -> str:
        """Fill colour of a department; the no-data grey when it has no value."""
        index = self.class_of.get(code)
        return NO_DATA_COLOR if index is None else self.colors[index]

    def note(self) -> str:
        """The line under the legend: ``Classes : seuils naturels (Fisher-Jenks), 5 classes``."""
        method = "seuils naturels (Fisher-Jenks)" if self.scheme == "FisherJenks" else self.scheme
        count = len(self.bins)
        return f"Classes : {method}, {count} classe{'s' if count > 1 else ''}"

    def labels(self) -> list[str]:
        """French legend labels, one per class: ``5 à 210``, ``211 à 564``…"""
        if self.label_texts is not None:
            return list(self.label_texts)
        step = 10**-self.view.decimals
        fmt = (
            (lambda v: fr_int(v))
            if self.view.decimals == 0
            else (lambda v: fr_decimal(v, self.view.decimals))
        )
        labels = []
        lower = self.minimum
        for upper in self.bins:
            labels.append(
                fmt(lower) if math.isclose(lower, upper) else f"{fmt(lower)} à {fmt(upper)}"
            )
            lower = round(upper + step, self.view.decimals)
        return labels


def classify(
    values: pd.Series, view: View, scheme: str = DEFAULT_SCHEME, k: int = DEFAULT_K
) -> Classes:
    """Classify the non-missing ``values`` (indexed by department code) with mapclassify.

    ``k`` shrinks to the number of distinct values when there are fewer, so a
    class is never empty.
    """
    present = values.dropna().astype(float)
    if present.empty:
        return Classes(view, scheme, (), (), {}, (), math.nan)
    k = max(1, min(k, present.nunique()))
    if k == 1:
        bins = np.array([present.max()])
        yb = np.zeros(len(present), dtype=int)
    else:
        with warnings.catch_warnings():
            # Fisher-Jenks falls back to pure Python without numba; for a few
            # hundred departments at most that is fast enough, and not news.
            warnings.filterwarnings("ignore", message="Numba not installed")
            result = mapclassify.classify(present.to_numpy(), scheme=scheme, k=k)
        bins, yb = np.asarray(result.bins), np.asarray(result.yb)
    palette = color_brewer(view.palette, max(3, len(bins)))
    # color_brewer gives at least 3 colours; with fewer classes keep the darker ones.
    colors = tuple(palette[len(palette) - len(bins) :])
    counts = tuple(int((yb == i).sum()) for i in range(len(bins)))
    return Classes(
        view,
        scheme,
        tuple(float(b) for b in bins),
        colors,
        {code: int(c) for code, c in zip(present.index, yb, strict=True)},
        counts,
        float(present.min()),
    )


def classify_together(
    values: Mapping[str, pd.Series],
    view: View,
    scheme: str = DEFAULT_SCHEME,
    k: int = DEFAULT_K,
) -> dict[str, Classes]:
    """Classes computed over every publication's values together, so that one colour
    means one value in every publication.

    ``values`` maps each publication's key to its values (indexed by department
    code). Each publication gets a :class:`Classes` with the same bounds, colours
    and minimum (so the same legend), and its own departments' classes and counts.
    """
    pooled = pd.concat(
        [series.dropna().astype(float) for series in values.values()], ignore_index=True
    )
    shared = classify(pooled, view, scheme, k)
    result = {}
    for key, series in values.items():
        present = series.dropna().astype(float)
        if not shared.bins:
            result[key] = replace(shared, class_of={}, counts=())
            continue
        # A value's class is the first whose upper bound is at least the value, as
        # mapclassify assigns them; every value is at most the last bound.
        found = np.searchsorted(np.asarray(shared.bins), present.to_numpy(), side="left")
        result[key] = replace(
            shared,
            class_of={str(code): int(c) for code, c in zip(present.index, found, strict=True)},
            counts=tuple(int((found == i).sum()) for i in range(len(shared.bins))),
        )
    return result


def _side_classes(values: pd.Series, k: int) -> list[tuple[float, float]]:
    """(lowest, highest) of each class of ``values`` (all of one sign), Fisher-Jenks."""
    if values.empty:
        return []
    found = classify(values, CHANGE_VIEW, DEFAULT_SCHEME, k)
    result = []
    for index, upper in enumerate(found.bins):
        members = [v for code, v in values.items() if found.class_of[code] == index]
        result.append((min(members), upper))
    return result


def _contiguous(ranges: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Whole-number classes without gaps: each starts one above the previous one's top
    (``+57 à +175`` then ``+176 à +480``, never ``+318 à +480``)."""
    result: list[tuple[float, float]] = []
    for bottom, top in ranges:
        result.append((result[-1][1] + 1 if result else bottom, top))
    return result


def classify_change(
    deltas: Mapping[str, pd.Series],
    new: Mapping[str, set[str]],
    new_label: str = CHANGE_NEW_LABEL,
    k_side: int = 3,
) -> dict[str, Classes]:
    """Diverging classes of the change in jobs, computed over every publication together
    and centred on 0: up to ``k_side`` classes of losses (reds), one class for 0 when a
    department did not change, up to ``k_side`` classes of gains (blues), then
    ``new_label`` for the departments in ``new`` (figures now, none before). A side's
    classes follow each other without a gap (a class holds the changes up to its top).

    ``deltas`` maps each publication's key (every one but the first) to its
    departments' changes (indexed by code; missing values are skipped); ``new`` to the
    codes of its new departments. Labels are signed: ``−15 à −1``, ``0``, ``+1 à +120``.
    """

    pooled = pd.concat(
        [series.dropna().astype(float) for series in deltas.values()], ignore_index=True
    )
    losses = _contiguous(_side_classes(pooled[pooled < 0].reset_index(drop=True), k_side))
    gains = _contiguous(_side_classes(pooled[pooled > 0].reset_index(drop=True), k_side))
    ranges = losses + ([(0.0, 0.0)] if (pooled == 0).any() else []) + gains
    colors = (
        list(reversed(CHANGE_LOSS_COLORS[: len(losses)]))
        + ([CHANGE_ZERO_COLOR] if (pooled == 0).any() else [])
        + list(CHANGE_GAIN_COLORS[: len(gains)])
    )
    labels = [
        fr_signed(low) if low == high else f"{fr_signed(low)} à {fr_signed(high)}"
        for low, high in ranges
    ]
    has_new = any(codes for codes in new.values())
    if has_new:
        colors.append(CHANGE_NEW_COLOR)
        labels.append(new_label)
    uppers = np.asarray([high for _, high in ranges])
    result = {}
    for key, series in deltas.items():
        present = series.dropna().astype(float)
        class_of = {
            str(code): int(np.searchsorted(uppers, value, side="left"))
            for code, value in present.items()
        }
        if has_new:
            class_of.update({code: len(colors) - 1 for code in new.get(key, set())})
        counts = tuple(
            sum(1 for c in class_of.values() if c == index) for index in range(len(colors))
        )
        result[key] = Classes(
            CHANGE_VIEW,
            DEFAULT_SCHEME,
            tuple(float(high) for _, high in ranges) + ((math.inf,) if has_new else ()),
            tuple(colors),
            class_of,
            counts,
            float(pooled.min()) if not pooled.empty else math.nan,
            tuple(labels),
        )
    return result
