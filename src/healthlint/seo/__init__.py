"""What a search result shows of a page: pixel widths and cuts of titles."""

from healthlint.seo.widths import text_width, truncate

__all__ = ["text_width", "truncate"]
