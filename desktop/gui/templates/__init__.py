"""Note templates in the window: the template editor, per-client defaults, inserting one."""
