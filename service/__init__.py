"""resdiff's service layer: ingest (PDF, DOCX, text), storage, renderers, CLI and web app."""
