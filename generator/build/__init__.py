"""Building a site: its pages, printables and data files from the Project and the writers."""
