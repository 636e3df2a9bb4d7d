"""Documents raio renders from a portfolio: the board memo (and, from others, the portfolio report).

Plain data in, bytes out. :mod:`raio_cli.documents.memo` builds a memo's *context* (a plain dict
of display-ready text, numbers and dates in the memo's language) from the dossier, the computed
verdicts and the git provenance; the renderers turn that context into Markdown, HTML, PDF (typst)
or DOCX (python-docx). Every fixed text lives in ``strings.yaml`` (nl and en); templates are
rendered in a sandbox (:mod:`raio_cli.documents.jinja_env`). Heavy libraries (jinja2, typst,
python-docx) are imported inside the functions that need them.
"""
