"""GitHub Flavored Markdown to HTML with cmark-gfm, GitHub's own parser (PyPI cmarkgfm): the
extensions github.com enables (tables, strikethrough, autolinks, the tag filter), fenced code
with its language as <pre lang="...">, as GitHub marks a Mermaid block. Raw HTML is kept
(--unsafe) so a test can see which tags a document relies on; without it, as GitHub's own
renderer, raw HTML is dropped. Reads Markdown on stdin, writes HTML on stdout."""
import sys

import cmarkgfm
from cmarkgfm.cmark import Options

options = Options.CMARK_OPT_GITHUB_PRE_LANG
if "--unsafe" in sys.argv:
    options |= Options.CMARK_OPT_UNSAFE
sys.stdout.write(cmarkgfm.github_flavored_markdown_to_html(sys.stdin.read(), options=options))
