"""The skill taxonomy: built-in gen-AI catalog, ESCO, Lightcast and O*NET, merged."""

from skillpulse.taxonomy.model import Concept, NameInfo, Taxonomy, normalize_label

__all__ = ["Concept", "NameInfo", "Taxonomy", "normalize_label"]
