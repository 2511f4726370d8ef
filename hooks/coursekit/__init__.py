"""coursekit: the framework-free core of the CE course builder.

Configuration and content (mkdocs.yml, docs/, quizzes/) are validated here into
a typed course model; the MkDocs hooks in ../ only glue this model into the build.
"""
