"""A labelled evaluation set for the quality detectors, generated from Chinese prose written
for it (reports, speeches, lesson plans, contracts, essays). See generate.py."""

from .generate import DuplicateSet, EvalDoc, build_duplicate_set, build_stuffing_set

__all__ = ["DuplicateSet", "EvalDoc", "build_duplicate_set", "build_stuffing_set"]
