"""mkdocs-quiz's browser runtime as the builder serves it: the installed quiz.js plus our patch."""
