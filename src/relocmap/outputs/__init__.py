"""What every output shares, and the outputs that are not the page: classes and colours,
the French words, the still images and the data exports (GeoJSON, CSV).

Modules: :mod:`~relocmap.outputs.classify`, :mod:`~relocmap.outputs.wording`,
:mod:`~relocmap.outputs.images` (carte.png, carte.svg), :mod:`~relocmap.outputs.evolution`
(evolution.png), :mod:`~relocmap.outputs.trajectory` (trajectoire.png), what they share
in :mod:`~relocmap.outputs.drawing`, and :mod:`~relocmap.outputs.exports`.
"""
