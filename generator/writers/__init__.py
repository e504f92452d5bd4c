"""Writers: each walks the document tree and writes one output (site HTML, PDF, Word, data, search)."""
