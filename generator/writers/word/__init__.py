"""The Word (DOCX) writer."""
