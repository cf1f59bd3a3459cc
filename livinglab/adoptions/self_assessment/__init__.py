"""A region's own SPBE self-assessment (issue 17, item 3).

``models`` (imported by ``livinglab.adoptions.models``) holds the assessment,
its answers per indicator and its private files; ``service`` is the only
writer; ``figures`` computes the index, per-aspect and per-domain figures and
the comparison; ``worksheet`` writes the XLSX; ``forms`` validates; ``views``
and ``urls`` are mounted under the regency workspace.
"""
