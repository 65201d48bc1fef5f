"""resdiff's templates, stylesheets and scripts, installed as the package ``service.templates``."""
