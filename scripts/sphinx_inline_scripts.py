"""Sphinx extension: include each inline ``<script>`` of a page only once.

Sphinx 7.4 stores a body-only script that an extension adds after the builder has
started under the file name ``None``, and adds it again under ``''`` when it prepares
the pages, so the page carries it twice. sphinx-thebe's ``const THEBE_JS_URL = ...``
then throws "Identifier 'THEBE_JS_URL' has already been declared" in every browser
console. This drops the repeats from each page's script list before it is rendered.
Loaded from ``_config.yml`` (``sphinx: local_extensions``).
"""


def drop_repeated_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen = set()
    unique = []
    for script in scripts:
        key = (script.filename or "", tuple(sorted(script.attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique  # the builder restores the full list before the next page


def setup(app):
    app.connect("html-page-context", drop_repeated_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
