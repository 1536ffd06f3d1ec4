"""vigie: news intelligence (veille). See README.md and docs/architecture.md."""

__version__ = "0.1.0"
