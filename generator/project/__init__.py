"""The Project: the content, validated and cross-referenced (:mod:`.model`), loaded from its
folder (:mod:`.loading`) and checked across files (:mod:`.checks`)."""

from generator.project.checks import check_references, reference_label, reference_tables
from generator.project.loading import ProjectCache, load_project
from generator.project.model import SCHEMA_VERSION, AnyQuestion, Appendable, Appendix, PlaceholderUse, Project, QuestionEntry

__all__ = [
    "SCHEMA_VERSION", "AnyQuestion", "Appendable", "Appendix", "PlaceholderUse", "Project", "ProjectCache",
    "QuestionEntry", "check_references", "load_project", "reference_label", "reference_tables",
]
