"""Data layer: the bundled CBS/PDOK/Iv3 tables for the 2023 division and how to read them.

>>> from regiokompas.data import load_dataset
>>> ds = load_dataset()
>>> ds.gemeente("GM0363").naam
'Amsterdam'
"""

from regiokompas.data._dataset import Dataset, Gemeente, bundled_path, geojson_path, load_dataset
from regiokompas.data._errors import (
    AmbiguousNameError,
    DataFileError,
    RegiokompasError,
    UnknownNameError,
)
from regiokompas.data._schema import REGION_TYPES, RegionType
from regiokompas.data.graph import Neighbour, NeighbourGraph
from regiokompas.data.names import NameIndex, normalise

__all__ = [
    "REGION_TYPES",
    "AmbiguousNameError",
    "DataFileError",
    "Dataset",
    "Gemeente",
    "NameIndex",
    "Neighbour",
    "NeighbourGraph",
    "RegionType",
    "RegiokompasError",
    "UnknownNameError",
    "bundled_path",
    "geojson_path",
    "load_dataset",
    "normalise",
]
