"""The Project: the content, validated and cross-referenced (:mod:`.model`), loaded from its
folder (:mod:`.loading`) and checked across files (:mod:`.checks`)."""

from .checks import check_references, reference_label, reference_tables
from .loading import ProjectCache, load_project
from .model import SCHEMA_VERSION, AnyQuestion, Appendable, Appendix, PlaceholderUse, Project, QuestionEntry

__all__ = [
    "SCHEMA_VERSION", "AnyQuestion", "Appendable", "Appendix", "PlaceholderUse", "Project", "ProjectCache",
    "QuestionEntry", "check_references", "load_project", "reference_label", "reference_tables",
]
