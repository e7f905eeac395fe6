"""sxs: side-by-side translation memory to a bilingual MkDocs help site."""
