# Runs once per page, before any editor, in the Python worker that the page's editors share.
import micrograd  # noqa: F401  (fails here, visibly, if the wheel did not install)
