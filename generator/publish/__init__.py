"""Publishing a built site: one build at a time, never a half site; hosting and recipes."""
