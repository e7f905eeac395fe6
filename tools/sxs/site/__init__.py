"""MkDocs glue: the ``sxs`` plugin and the Markdown/HTML features of the site."""
