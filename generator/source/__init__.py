"""Reading the content files: strict YAML with positions, what may be read, diagnostics."""
