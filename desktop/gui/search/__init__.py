"""Global search: the Ctrl+K popup, its result model and delegate, editor highlighting."""
