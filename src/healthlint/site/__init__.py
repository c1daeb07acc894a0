"""The site around an article: how its profile renders each page (profile, widths, serp), the
facts each file gives the site rules, and the index of every file of the site."""
